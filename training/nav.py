from django.urls import reverse

from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not actor.is_authenticated:
        return []
    return [
        NavItem(
            "Training", reverse("training:courses"), "Courses, cohorts, certificates and what people went on to do."
        )
    ]
