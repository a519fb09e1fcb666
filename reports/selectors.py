from django.db.models import QuerySet

from access.rules import reports as rules
from people.models import Organisation
from reports.models import Report
from reports.sections import ReportSection


def reports_for(actor) -> QuerySet[Report]:
    return Report.objects.filter(rules.reports_visible(actor)).select_related("organisation")


def builder_organisations(actor) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=rules.builder_orgs(actor)).order_by("name")


def sections_of(report: Report) -> list[ReportSection]:
    return [ReportSection.from_dict(data) for data in report.content]
