"""Courses in the REST API, with their parts (applications and people stay in the web pages)."""

from rest_framework import serializers

from api.viewsets import ActorScopedReadOnlyViewSet
from training.models import Course, CoursePart


class CoursePartSerializer(serializers.ModelSerializer):
    class Meta:
        model = CoursePart
        fields = ["title", "starts_after_days", "days", "required_for_certificate"]


class CourseSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parts = CoursePartSerializer(many=True, read_only=True)

    class Meta:
        model = Course
        fields = ["id", "organisation", "title", "summary", "who_for", "accreditation", "parts"]


class CourseViewSet(ActorScopedReadOnlyViewSet):
    model = Course
    serializer_class = CourseSerializer

    def actor_queryset(self, actor):
        return Course.objects.select_related("organisation").prefetch_related("parts").order_by("title", "id")


def register(router) -> None:
    router.register("courses", CourseViewSet, basename="course")
