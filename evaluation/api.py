"""Evaluations and instruments in the REST API, under the same rules as the pages.

Research numbers only; statistics for evaluators (the same JSON as
``manage.py evaluation_stats --format json``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from access.rules import evaluation as rules
from access.shortcuts import enforce
from api.viewsets import ActorScopedReadOnlyViewSet

from . import selectors, stats
from .models import Evaluation, InstrumentVersion, Item


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ["code", "text", "help_text", "kind", "required", "options", "min_value", "max_value", "enable_when"]


class InstrumentVersionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="instrument.code", read_only=True)
    name = serializers.CharField(source="instrument.name", read_only=True)
    licence = serializers.CharField(source="instrument.licence", read_only=True)
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = InstrumentVersion
        fields = ["id", "code", "name", "number", "status", "licence", "scoring", "items"]


class WaveSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField()
    offset_days = serializers.IntegerField()


class EvaluationSerializer(serializers.ModelSerializer):
    waves = WaveSerializer(many=True, read_only=True)

    class Meta:
        model = Evaluation
        fields = ["id", "name", "cohort_kind", "cohort_label", "anchor_date", "waves"]


class InstrumentViewSet(ActorScopedReadOnlyViewSet):
    """Instruments you may use: shipped ones and your organisation's."""

    model = InstrumentVersion
    serializer_class = InstrumentVersionSerializer

    def actor_queryset(self, actor):
        if not rules.can_use_evaluation(actor):
            return InstrumentVersion.objects.none()
        return (
            InstrumentVersion.objects.filter(instrument__in=selectors.instruments_for(actor))
            .select_related("instrument")
            .prefetch_related("items")
            .order_by("instrument__name", "-number")
        )


class EvaluationViewSet(ActorScopedReadOnlyViewSet):
    """Evaluations of your organisation (evaluators and coordinators)."""

    model = Evaluation
    serializer_class = EvaluationSerializer

    def actor_queryset(self, actor):
        return selectors.evaluations_for(actor).prefetch_related("waves")

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        parameters=[OpenApiParameter("quantiles", str, enum=list(stats.QUANTILES), required=False)],
    )
    @action(detail=True, methods=["get"])
    def stats(self, request, pk=None):
        """Response per wave, descriptives and change between waves (evaluators only)."""
        evaluation = self.get_object()
        enforce(rules.can_analyse_evaluation(request.actor, evaluation))
        method = request.query_params.get("quantiles", "default")
        method = method if method in stats.QUANTILES else "default"
        return Response(stats.evaluation_stats(evaluation, method))


def register(router) -> None:
    router.register("evaluation/instruments", InstrumentViewSet, basename="evaluation-instrument")
    router.register("evaluation/evaluations", EvaluationViewSet, basename="evaluation")
