"""Qualitative analysis at the size of a large evaluation: 3,000 answers, a codebook of
15 codes, a third double-coded by two coders, the rest coded by one.

Targets: agreement figures, counts per category per wave, the segments export and
suggestions for one code each in under 3 seconds on the reference machine."""

import random
import time

from run import Measurement  # bench/run.py

ANSWERS = 3_000


def _build():
    from django.utils import timezone

    from people.models import Organisation, Person, Role, RoleKind
    from qualitative.models import Code, Coder, Document, Project, Segment
    from qualitative.testing import ANSWERS as TEXTS

    rng = random.Random(1)
    organisation = Organisation.objects.order_by("pk").first()
    coders = [Person.objects.create(organisation=organisation, display_name=name) for name in ("Bench A", "Bench B")]
    for person in coders:
        Role.objects.create(person=person, organisation=organisation, kind=RoleKind.EVALUATOR)
    project = Project.objects.create(
        organisation=organisation,
        name="Benchmark project",
        lead=coders[0],
        sample_seed=1,
        sample_drawn_at=timezone.now(),
    )
    waves = ["Day 1", "Day 5", "Two months"]
    items = list(TEXTS)
    documents = Document.objects.bulk_create(
        Document(
            project=project,
            source=Document.Source.IMPORTED,
            title=f"Answer {n}",
            item_code=items[n % 3],
            wave_label=waves[(n // 3) % 3],
            wave_position=(n // 3) % 3 + 1,
            text=rng.choice(TEXTS[items[n % 3]][(n // 3) % 3 + 1]) + f" ({n})",
            in_sample=n % 3 == 0,
            position=n,
        )
        for n in range(ANSWERS)
    )
    categories = [Code.objects.create(project=project, name=f"Category {c}", guid=f"c{c}") for c in range(3)]
    codes = [
        Code.objects.create(project=project, parent=categories[c % 3], name=f"Code {c}", guid=f"k{c}")
        for c in range(12)
    ]
    segments = []
    for document in documents:
        chosen = rng.sample(codes, 2)
        segments += [Segment(document=document, code=code, coder=coders[0]) for code in chosen]
        if document.in_sample:
            second = chosen if rng.random() < 0.85 else chosen[:1]
            segments += [Segment(document=document, code=code, coder=coders[1]) for code in second]
    Segment.objects.bulk_create(segments, batch_size=2000)
    Coder.objects.bulk_create(
        Coder(project=project, person=person, double_codes=True, finished_at=timezone.now()) for person in coders
    )
    return project, codes[0], coders[0]


def _timed(name, function, target=3.0, note=""):
    started = time.perf_counter()
    function()
    seconds = time.perf_counter() - started
    return Measurement(name, round(seconds, 2), "s", target=f"< {target:g} s", met=seconds < target, note=note)


def run(ctx):
    from qualitative import agreement, exchange, selectors, suggest

    project, code, coder = _build()
    note = f"{ANSWERS:,} answers, {ANSWERS // 3:,} double-coded"
    return [
        _timed("Qualitative: agreement per code and overall", lambda: agreement.compute(project), note=note),
        _timed("Qualitative: answers per category per wave", lambda: selectors.counts_per_wave(project), note=note),
        _timed("Qualitative: coded segments CSV", lambda: exchange.segments_csv(project, actor=None), note=note),
        _timed("Qualitative: suggestions for one code", lambda: suggest.similar_answers(code, coder.pk), note=note),
    ]
