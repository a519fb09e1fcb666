from rest_framework.permissions import BasePermission


class SignedInActor(BasePermission):
    """The request has an actor (a person behind the account or token).
    What the actor may do is decided per object by the access policy."""

    message = "Sign in or send an API token."

    def has_permission(self, request, view):
        return bool(getattr(request._request, "actor", None) and request._request.actor.is_authenticated)
