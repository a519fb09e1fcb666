"""Groups in the REST API: the directory (groups that are not closed) and the meetings of groups one runs."""

from django.db.models import Count, Q
from rest_framework import serializers

from api.viewsets import ActorScopedReadOnlyViewSet
from groups import selectors
from groups.models import Group, Meeting, ScheduleRule


class ScheduleRuleSerializer(serializers.ModelSerializer):
    description = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = ScheduleRule
        fields = ["weekday", "starts_at", "ends_at", "frequency", "week_of_month", "first_date", "description"]


class GroupSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    postcode_district = serializers.CharField(source="district_id", read_only=True, allow_null=True)
    rules = ScheduleRuleSerializer(many=True, read_only=True)

    class Meta:
        model = Group
        fields = [
            "id",
            "organisation",
            "name",
            "who_for",
            "what_happens",
            "area",
            "postcode_district",
            "venue",
            "format",
            "accessibility",
            "contact",
            "welcomes_new_members",
            "status",
            "rules",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    present = serializers.IntegerField(read_only=True, help_text="Members marked present.")

    class Meta:
        model = Meeting
        fields = ["id", "group", "starts_at", "ends_at", "status", "note", "guests", "present"]


class GroupViewSet(ActorScopedReadOnlyViewSet):
    """Groups in the public directory (closed groups are left out)."""

    model = Group
    serializer_class = GroupSerializer

    def actor_queryset(self, actor):
        return selectors.directory(selectors.DirectorySearch())


class MeetingViewSet(ActorScopedReadOnlyViewSet):
    """Meetings of the groups the actor facilitates or coordinates."""

    model = Meeting
    serializer_class = MeetingSerializer

    def actor_queryset(self, actor):
        run = selectors.groups_run_by(actor).values("pk")
        return (
            Meeting.objects.filter(group_id__in=run)
            .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
            .order_by("-starts_at", "id")
        )


def register(router) -> None:
    router.register("groups", GroupViewSet, basename="group")
    router.register("group-meetings", MeetingViewSet, basename="meeting")
