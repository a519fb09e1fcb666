from django.urls import reverse

from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    entries = [NavItem("Groups", reverse("groups:directory"), "Find a peer-led group near you or online.")]
    if actor.is_authenticated:
        entries.append(NavItem("Near me", reverse("groups:near_me"), "Groups, networks and champions near you."))
        entries.append(NavItem("My groups", reverse("groups:mine"), "Groups you run or belong to."))
        entries.append(NavItem("Networks", reverse("groups:networks"), "Keep in touch with peers and course alumni."))
    return entries
