from django.urls import reverse

from access import policy
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not policy.can_use_api_tokens(actor):
        return []
    return [NavItem("API tokens", reverse("api:tokens"), "Connect other systems to Mutuality.")]
