from django.urls import reverse

from access.rules import qualitative as rules
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not rules.can_use_qualitative(actor):
        return []
    return [
        NavItem(
            "Qualitative analysis",
            reverse("qualitative:projects"),
            "Code free-text answers together, check agreement, compare waves.",
        )
    ]
