"""Outcomes in the REST API: a person's stays (same policy as the pages) and the
organisation's analysis as JSON."""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from access.policy import people_visible
from access.rules import outcomes as rules
from access.shortcuts import enforce
from api.viewsets import ActorScopedGenericViewSet
from outcomes import analysis, selectors, services
from outcomes.models import ServiceUse
from people.models import Person


class ServiceUseSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), help_text="The person's Mutuality number."
    )

    class Meta:
        model = ServiceUse
        fields = ["id", "person", "kind", "started_on", "ended_on", "is_readmission", "source", "recorded_at"]
        read_only_fields = ["id", "source", "recorded_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and getattr(request, "actor", None):
            # Only people the caller may see: anyone else is "not found", exactly like a wrong number.
            self.fields["person"].queryset = Person.objects.filter(people_visible(request.actor)).select_related(
                "organisation"
            )


class ServiceUseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActorScopedGenericViewSet
):
    """Hospital and crisis stays and emergency attendances you may see: your own, those of
    people you support, and your organisation's if you coordinate or supervise. Recording
    needs the person's current consent to outcomes data."""

    model = ServiceUse
    serializer_class = ServiceUseSerializer

    def actor_queryset(self, actor):
        return selectors.uses_visible(actor)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data["results"]]
        selectors.record_api_reads(request.actor, ServiceUse.objects.filter(pk__in=ids))
        return response

    def retrieve(self, request, *args, **kwargs):
        use = self.get_object()
        selectors.record_api_reads(request.actor, [use])
        return Response(self.get_serializer(use).data)

    def perform_create(self, serializer):
        person = serializer.validated_data["person"]
        enforce(rules.can_record_outcomes(self.request.actor, person))
        data = serializer.validated_data
        serializer.instance = services.service_use_record(
            person=person,
            kind=data["kind"],
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            is_readmission=data.get("is_readmission"),
            actor=self.request.actor,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("org", str, description="Organisation short name (slug); default: your first."),
            OpenApiParameter("start", OpenApiTypes.DATE, description="First day of the period."),
            OpenApiParameter("end", OpenApiTypes.DATE, description="Last day of the period (default: today)."),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=False, methods=["get"])
    def stats(self, request):
        """The organisation's outcome analysis (the same figures and caution as the Outcomes page)."""
        allowed = rules.analysis_orgs(request.actor)
        enforce(rules.decide_analysis(bool(allowed)))
        organisations = {o.slug: o for o in selectors.organisations(allowed)}
        slug = request.query_params.get("org")
        if slug and slug not in organisations:
            raise ValidationError({"org": "You cannot see outcomes for that organisation, or it does not exist."})
        organisation = organisations[slug] if slug else next(iter(organisations.values()))
        try:
            end = date.fromisoformat(request.query_params["end"]) if "end" in request.query_params else None
            start = date.fromisoformat(request.query_params["start"]) if "start" in request.query_params else None
        except ValueError:
            raise ValidationError({"detail": "Dates must look like 2026-03-31."}) from None
        default_start, end = analysis.default_period(end)
        start = start or default_start
        if end <= start:
            raise ValidationError({"detail": "The end of the period must be after its start."})
        return Response(selectors.stats_for(organisation, start, end).as_json())


def register(router) -> None:
    router.register("outcomes/stays", ServiceUseViewSet, basename="service-use")
