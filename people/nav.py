from django.urls import reverse

from access import policy
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    entries = [NavItem("My page", reverse("people:me"), "Your profile, the name and word we use for you, and consent.")]
    if policy.can_list_people(actor):
        entries.append(NavItem("People", reverse("people:list"), "People you support or whose records you look after."))
    if policy.administered_orgs(actor):
        entries.append(
            NavItem("Organisation", reverse("people:organisations"), "Accounts, roles, sharing agreements, audit log.")
        )
    return entries
