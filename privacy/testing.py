"""Restricting a person's records in tests, through the same services a coordinator uses."""

from __future__ import annotations

from privacy import services
from privacy.models import RightsRequest


def restrict(world, person) -> RightsRequest:
    """Record a restriction request for ``person`` and carry it out: their records are kept but not used."""
    coordinator = world.users["coordinator"]
    request = services.rights_request_create(
        subject=person, kind=RightsRequest.Kind.RESTRICTION, reason=RightsRequest.Reason.OBJECTS, actor=coordinator
    )
    return services.rights_request_carry_out(request=request, actor=coordinator)


def lift(world, request: RightsRequest) -> RightsRequest:
    return services.restriction_lift(request=request, actor=world.users["coordinator"])
