from django.urls import reverse

from access.rules import supervision as rules
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not (rules.can_keep_own_records(actor) or rules.can_view_workload(actor)):
        return []
    return [
        NavItem("Supervision", reverse("supervision:home"), "Supervision, reflective log, team meetings, wellbeing.")
    ]
