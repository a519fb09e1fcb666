"""Reads of outcome records, scoped and audited."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from access.rules import outcomes as rules
from audit.services import record_reads
from outcomes import analysis
from outcomes.models import ImportBatch, ServiceUse, UnitCost
from people.models import Organisation, Person


def uses_for_person(actor, person: Person) -> QuerySet[ServiceUse]:
    """A person's stays and attendances; viewing them is a sensitive read, so it is recorded."""
    record_reads(actor=actor, targets=[person], summary="Outcome records viewed")
    return ServiceUse.objects.filter(person=person).order_by("-started_on", "-id")


def organisations(ids) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def stats_for(organisation: Organisation, start: date, end: date) -> analysis.OutcomeStats:
    return analysis.outcome_stats([organisation.pk], start, end)


def unit_costs(organisation: Organisation) -> QuerySet[UnitCost]:
    return UnitCost.objects.filter(organisation=organisation).select_related("recorded_by")


def recent_imports(organisation: Organisation) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(organisation=organisation)[:10]


def uses_visible(actor) -> QuerySet[ServiceUse]:
    return ServiceUse.objects.filter(rules.uses_visible(actor)).order_by("-started_on", "-id")


def record_api_reads(actor, uses) -> None:
    """Outcome records served by the API are sensitive reads, recorded like the pages'."""
    record_reads(actor=actor, targets=list(uses), summary="Outcome records read through the API")
