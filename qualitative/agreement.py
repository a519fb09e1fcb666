"""Agreement between the blind double coders of a project's sample.

Unit of analysis: the answer. For each code, each coder either applied it to an
answer (anywhere in it: a passage or the whole) or did not. Character offsets
are never compared. Answers in the sample that no double coder coded at all are
left out, so text nobody coded does not count as agreement.

Statistics come from libraries: Cohen's kappa from scikit-learn (two coders),
Krippendorff's alpha (nominal) from ``krippendorff`` (two or more coders).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from .models import Project, Segment
from .selectors import code_paths, double_coders, sample_complete, usable_documents

UNIT = "answer"


@dataclass
class Figures:
    units: int
    agreed: int
    percent: float | None
    kappa: float | None
    alpha: float | None


@dataclass
class CodeAgreement(Figures):
    code_id: int = 0
    code: str = ""
    applied_by: dict[str, int] = field(default_factory=dict)


@dataclass
class Disagreement:
    document_id: int
    code_id: int
    applied_by: list[str]
    not_applied_by: list[str]


@dataclass
class Agreement:
    unit: str
    coders: list[str]
    complete: bool
    sample_answers: int
    coded_answers: int
    uncoded_answers: int
    overall: Figures | None
    per_code: list[CodeAgreement]
    disagreements: list[Disagreement]

    def as_dict(self) -> dict:
        return asdict(self)


def _kappa(matrix: np.ndarray) -> float | None:
    if matrix.shape[0] != 2:
        return None
    first, second = matrix
    if len(set(first) | set(second)) < 2:
        return None  # every rating the same: kappa is undefined
    value = cohen_kappa_score(first, second, labels=[0, 1])
    return None if math.isnan(value) else round(float(value), 3)


def _alpha(matrix: np.ndarray) -> float | None:
    if len(np.unique(matrix)) < 2:
        return None  # no variation: alpha is undefined
    try:
        value = krippendorff.alpha(reliability_data=matrix.astype(float), level_of_measurement="nominal")
    except ValueError:
        return None
    return None if math.isnan(value) else round(float(value), 3)


def _figures(matrix: np.ndarray) -> tuple[int, int, float | None]:
    units = matrix.shape[1]
    agreed = int(np.sum(np.all(matrix == matrix[0], axis=0))) if units else 0
    percent = round(100 * agreed / units, 1) if units else None
    return units, agreed, percent


def compute(project: Project) -> Agreement:
    coders = double_coders(project)
    names = [coder.person.display_name for coder in coders]
    coder_ids = [coder.person_id for coder in coders]
    sample = list(usable_documents(project).filter(in_sample=True).values_list("pk", flat=True))
    applied: dict[tuple[int, int], set[int]] = {}
    codes_used: set[int] = set()
    coded_units: set[int] = set()
    for document_id, code_id, coder_id in Segment.objects.filter(
        document_id__in=sample, coder_id__in=coder_ids
    ).values_list("document_id", "code_id", "coder_id"):
        applied.setdefault((document_id, code_id), set()).add(coder_id)
        codes_used.add(code_id)
        coded_units.add(document_id)
    units = sorted(coded_units)
    paths = code_paths(project)
    per_code: list[CodeAgreement] = []
    blocks = []
    disagreements: list[Disagreement] = []
    if len(coders) >= 2 and units:
        for code_id in sorted(codes_used, key=lambda pk: paths.get(pk, "")):
            matrix = np.array(
                [[1 if coder_id in applied.get((unit, code_id), ()) else 0 for unit in units] for coder_id in coder_ids]
            )
            blocks.append(matrix)
            n, agreed, percent = _figures(matrix)
            per_code.append(
                CodeAgreement(
                    units=n,
                    agreed=agreed,
                    percent=percent,
                    kappa=_kappa(matrix),
                    alpha=_alpha(matrix),
                    code_id=code_id,
                    code=paths.get(code_id, ""),
                    applied_by={name: int(row.sum()) for name, row in zip(names, matrix, strict=True)},
                )
            )
            for column, unit in enumerate(units):
                values = matrix[:, column]
                if values.min() != values.max():
                    disagreements.append(
                        Disagreement(
                            document_id=unit,
                            code_id=code_id,
                            applied_by=[names[i] for i, v in enumerate(values) if v],
                            not_applied_by=[names[i] for i, v in enumerate(values) if not v],
                        )
                    )
    overall = None
    if blocks:
        pooled = np.concatenate(blocks, axis=1)
        n, agreed, percent = _figures(pooled)
        overall = Figures(units=n, agreed=agreed, percent=percent, kappa=_kappa(pooled), alpha=_alpha(pooled))
    return Agreement(
        unit=UNIT,
        coders=names,
        complete=sample_complete(project),
        sample_answers=len(sample),
        coded_answers=len(units),
        uncoded_answers=len(sample) - len(units),
        overall=overall,
        per_code=per_code,
        disagreements=disagreements,
    )
