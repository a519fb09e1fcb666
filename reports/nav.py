from django.urls import reverse

from access.rules import reports as rules
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not rules.can_list_reports(actor):
        return []
    return [NavItem("Reports", reverse("reports:list"), "Commissioner reports, with small numbers hidden.")]
