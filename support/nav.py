from django.urls import reverse

from access.rules import support as rules
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not actor.is_authenticated:
        return []
    entries = []
    if rules.can_keep_diary(actor):
        entries.append(NavItem("Caseload", reverse("support:caseload"), "The people you support."))
        entries.append(NavItem("Diary", reverse("support:diary"), "Your sessions this week."))
    if actor.has_role("peer"):
        entries.append(NavItem("My support", reverse("support:mine"), "My peer worker, my sessions, my notes."))
    if rules.settings_orgs(actor):
        entries.append(NavItem("One-to-one settings", reverse("support:settings"), "Usual plan and referral target."))
    return entries
