from django.urls import reverse

from access.rules.outcomes import analysis_orgs
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not analysis_orgs(actor):
        return []
    return [
        NavItem("Outcomes", reverse("outcomes:overview"), "Readmissions, days in the community, bed days and costs.")
    ]
