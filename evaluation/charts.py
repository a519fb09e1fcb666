"""Charts drawn on the server (matplotlib, SVG), always shown with a data table beside."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from .selectors import Dataset


def series_by_wave(data: Dataset, variable: str) -> list[tuple[str, list[float]]]:
    frame = data.frame
    result = []
    for wave in data.waves:
        values = pd.to_numeric(frame.loc[frame["wave"] == wave.position, variable], errors="coerce").dropna()
        if len(values):
            result.append((wave.label, [float(v) for v in values]))
    return result


def distribution_svg(data: Dataset, variable: str, label: str, whis_method: str = "linear") -> bytes:
    """Box plot per wave, with each person's answers joined across waves (change per person)."""
    per_wave = series_by_wave(data, variable)
    figure, axis = plt.subplots(figsize=(7, 4), dpi=100)
    if per_wave:
        axis.boxplot([values for _, values in per_wave], tick_labels=[name for name, _ in per_wave])
        positions = {name: i + 1 for i, (name, _) in enumerate(per_wave)}
        frame = data.frame
        for _, rows in frame.groupby("research_number"):
            points = [
                (positions[row["wave_label"]], float(row[variable]))
                for _, row in rows.iterrows()
                if row["wave_label"] in positions and pd.notna(pd.to_numeric(row[variable], errors="coerce"))
            ]
            if len(points) > 1:
                xs, ys = zip(*points, strict=True)
                axis.plot(xs, ys, color="#7a7a7a", alpha=0.35, linewidth=0.8)
    axis.set_title(label[:80])
    axis.set_ylabel("Answer or score")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    return buffer.getvalue()
