from django.urls import reverse

from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    return [NavItem("My reminders", reverse("reminders:preferences"), "Off unless you turn them on. You choose how.")]
