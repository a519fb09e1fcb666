"""Referrals in the REST API (read-only), scoped like the triage queue."""

from rest_framework import serializers

from api.viewsets import ActorScopedReadOnlyViewSet
from referrals import selectors
from referrals.models import Referral


class ReferralSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "organisation", "person", "route", "status", "closed_reason", "received_at", "first_contact_at"]


class ReferralViewSet(ActorScopedReadOnlyViewSet):
    """Referrals to organisations whose operational records you may see, oldest first."""

    model = Referral
    serializer_class = ReferralSerializer

    def actor_queryset(self, actor):
        return selectors.referrals_for(actor, status=self.request.query_params.get("status", ""))


def register(router) -> None:
    router.register("referrals", ReferralViewSet, basename="referral")
