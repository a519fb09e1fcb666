from django.urls import reverse

from access.rules import evaluation as rules
from people.models import RoleKind
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    entries = []
    if rules.can_use_evaluation(actor):
        entries.append(NavItem("Evaluation", reverse("evaluation:home"), "Questionnaires, waves, results and exports."))
    if actor.is_authenticated and actor.has_role(RoleKind.PEER):
        entries.append(NavItem("My questionnaires", reverse("evaluation:mine"), "Questionnaires for you to fill in."))
    return entries
