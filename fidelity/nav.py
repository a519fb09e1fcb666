from django.urls import reverse

from access.rules import fidelity as rules
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not rules.can_use_fidelity(actor):
        return []
    return [NavItem("Fidelity", reverse("fidelity:home"), "Are our peer-support values alive in practice?")]
