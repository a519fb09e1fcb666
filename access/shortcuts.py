"""Helpers that put the policy on the first line of every view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from access import policy
from access.actor import Actor
from people.models import Person


def enforce(decision: policy.Decision) -> None:
    """404 when the record is not the actor's to know about; 403 when it is but the action is not."""
    if not decision.visible:
        raise Http404("Not found")
    if not decision.allowed:
        raise PermissionDenied("You do not have permission to do this.")


def require(allowed: bool) -> None:
    """For pages that exist for everyone but are open to some roles only (403 otherwise)."""
    if not allowed:
        raise PermissionDenied("You do not have permission to see this page.")


def signed_in(view: Callable) -> Callable:
    """Send anonymous visitors (and accounts with no person) to the sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.actor.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def get_person_for(
    request: HttpRequest,
    person_id: int,
    rule: Callable[[Actor, Person], policy.Decision] = policy.can_view_person,
) -> Person:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=person_id)
    enforce(rule(request.actor, person))
    return person
