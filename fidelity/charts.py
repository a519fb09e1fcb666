"""Profile charts drawn on the server (PNG); every page shows the numbers beside them."""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from .selectors import PERSPECTIVE_LABELS, Profile

# Colour-blind-safe (Okabe-Ito), one per perspective.
COLOURS = {"worker": "#0072B2", "person": "#D55E00", "supervisor": "#009E73", "observer": "#CC79A7"}
MARKERS = {"worker": "o", "person": "s", "supervisor": "^", "observer": "D"}


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def profile_png(profile: Profile) -> bytes:
    """Dots per principle per perspective on the scale: a principle profile, not a ranking."""
    rows = profile.principles
    height = max(2.5, 0.6 * len(rows) + 1.2)
    figure, axes = plt.subplots(figsize=(7.5, height))
    names = ["\n".join(textwrap.wrap(row.name, 34)) for row in rows]
    positions = list(range(len(rows)))[::-1]
    for perspective in profile.perspectives:
        xs, ys = [], []
        for y, row in zip(positions, rows, strict=True):
            cell = next((c for c in row.cells if c.perspective == perspective), None)
            if cell is not None and cell.shown:
                xs.append(cell.mean)
                ys.append(y)
        axes.scatter(
            xs,
            ys,
            s=70,
            color=COLOURS[perspective],
            marker=MARKERS[perspective],
            label=str(PERSPECTIVE_LABELS[perspective]),
            zorder=3,
        )
    low = min((row.low for row in rows), default=0)
    high = max((row.high for row in rows), default=3)
    axes.set_xlim(low - 0.2, high + 0.2)
    axes.set_yticks(positions, names, fontsize=8)
    axes.set_xlabel("Mean rating (higher = the principle is more alive in practice)")
    axes.grid(axis="x", alpha=0.3)
    if rows:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4, fontsize=8, frameon=False)
    axes.set_title(f"{profile.round.label}: principle profile", fontsize=10)
    return _png(figure)


def over_time_png(series: list[dict], title: str) -> bytes:
    """One line per principle across rounds (overall mean)."""
    figure, axes = plt.subplots(figsize=(7.5, 4))
    labels = [entry["label"] for entry in series]
    principles: dict[str, None] = {}
    for entry in series:
        principles.update(dict.fromkeys(entry["means"]))
    for name in principles:
        values = [entry["means"].get(name) for entry in series]
        axes.plot(range(len(series)), [v if v is not None else float("nan") for v in values], marker="o", label=name)
    axes.set_xticks(range(len(series)), labels, fontsize=8)
    axes.set_ylabel("Mean rating")
    axes.grid(alpha=0.3)
    if principles:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=7, frameon=False)
    axes.set_title(title, fontsize=10)
    return _png(figure)
