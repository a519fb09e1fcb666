"""Base classes for API views: the asking actor scopes every queryset."""

from rest_framework import viewsets

from api.permissions import SignedInActor


class ActorScopedMixin:
    """Subclasses set ``model`` and implement ``actor_queryset(actor)``.

    While the OpenAPI schema is generated there is no real request, so an empty
    queryset of the model stands in (drf-spectacular reads its field types)."""

    model = None
    permission_classes = [SignedInActor]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model._default_manager.none()
        return self.actor_queryset(self.request.actor)

    def actor_queryset(self, actor):
        raise NotImplementedError


class ActorScopedReadOnlyViewSet(ActorScopedMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ActorScopedGenericViewSet(ActorScopedMixin, viewsets.GenericViewSet):
    pass
