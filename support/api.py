"""One-to-one sessions in the REST API (read-only; no note text or personal words)."""

from rest_framework import serializers

from api.viewsets import ActorScopedReadOnlyViewSet
from support import selectors
from support.models import Session


class SessionSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="agreement.person_id", read_only=True)

    class Meta:
        model = Session
        fields = ["id", "agreement", "worker", "person", "starts_at", "minutes", "mode", "status", "cancelled_by"]


class SessionViewSet(ActorScopedReadOnlyViewSet):
    """Sessions in agreements you may see: your own, those you work on, your organisation's."""

    model = Session
    serializer_class = SessionSerializer

    def actor_queryset(self, actor):
        agreements = selectors.agreements_for(actor).values("pk")
        return Session.objects.filter(agreement__in=agreements).select_related("agreement").order_by("starts_at", "id")


def register(router) -> None:
    router.register("sessions", SessionViewSet, basename="session")
