from django.urls import reverse

from access.rules import privacy as rules
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    entries = [NavItem("Your information", reverse("privacy:my_data"), "Download everything held about you.")]
    if rules.can_handle_rights(actor):
        entries.append(
            NavItem("Rights requests", reverse("privacy:requests"), "Requests to see, erase or restrict records.")
        )
    organisation = actor.person.organisation if actor.person else None
    if organisation is not None and rules.can_set_retention(actor, organisation.pk):
        entries.append(
            NavItem("Retention", reverse("privacy:retention", args=[organisation.slug]), "How long records are kept.")
        )
    return entries
