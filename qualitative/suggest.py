"""Suggestions of answers similar to those already coded with a code.

Computed on this machine with scikit-learn (TF-IDF and cosine similarity); no
model is downloaded. A suggestion never codes anything: the coder accepts it
(which applies the code through the usual service) or ignores it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .models import Code, Document, Segment
from .selectors import sample_complete, usable_documents

MIN_SIMILARITY = 0.1


@dataclass
class Suggestion:
    document: Document
    similarity: float


def similar_answers(code: Code, coder_id: int, *, limit: int = 5) -> list[Suggestion]:
    """Texts this coder has not coded with ``code`` that read most like those they (or, outside
    the blind sample, anyone) did."""
    project = code.project
    documents = list(usable_documents(project))
    if len(documents) < 2:
        return []
    coded = Segment.objects.filter(code=code)
    if not sample_complete(project):
        coded = coded.filter(Q(coder_id=coder_id) | Q(document__in_sample=False))
    coded_ids = set(coded.values_list("document_id", flat=True))
    mine = set(Segment.objects.filter(code=code, coder_id=coder_id).values_list("document_id", flat=True))
    if not coded_ids:
        return []
    try:
        matrix = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True).fit_transform(
            [document.text for document in documents]
        )
    except ValueError:  # nothing but stop words
        return []
    index = {document.pk: position for position, document in enumerate(documents)}
    coded_rows = [index[pk] for pk in coded_ids if pk in index]
    scores = cosine_similarity(matrix, matrix[coded_rows]).max(axis=1)
    candidates = [
        Suggestion(document=document, similarity=round(float(scores[index[document.pk]]), 2))
        for document in documents
        if document.pk not in mine and document.pk not in coded_ids and scores[index[document.pk]] >= MIN_SIMILARITY
    ]
    candidates.sort(key=lambda suggestion: -suggestion.similarity)
    return candidates[:limit]
