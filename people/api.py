"""People and organisations in the REST API, under the same policy as the web pages."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from access import policy
from access.shortcuts import enforce
from api.viewsets import ActorScopedGenericViewSet, ActorScopedReadOnlyViewSet
from people import selectors, services
from people.models import Organisation, Person


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "area"]


class PersonSerializer(serializers.ModelSerializer):
    """A person's profile. Their words about their experience are not in the API."""

    term_label = serializers.CharField(read_only=True, help_text="The word this person chose to be called by.")
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SerializerMethodField()
    languages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "organisation",
            "display_name",
            "pronouns",
            "term",
            "term_own",
            "term_label",
            "gender",
            "gender_own",
            "email",
            "phone",
            "postcode_district",
            "contact_preference",
            "languages",
            "themes",
            "version",
        ]
        read_only_fields = ["id", "organisation", "version"]

    def get_themes(self, person) -> list[str]:
        return [pt.theme.name for pt in person.person_themes.all()]


class PersonUpdateSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(help_text="The version you read; the update is refused if it changed since.")

    class Meta:
        model = Person
        fields = [
            "display_name",
            "pronouns",
            "term",
            "term_own",
            "gender",
            "gender_own",
            "email",
            "phone",
            "postcode_district",
            "contact_preference",
            "contact_notes",
            "version",
        ]


class OrganisationViewSet(ActorScopedReadOnlyViewSet):
    """Organisations where you hold a role."""

    model = Organisation
    serializer_class = OrganisationSerializer

    def actor_queryset(self, actor):
        return selectors.organisations_for(actor)


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ActorScopedGenericViewSet):
    """People you may see: yourself, people you support, and your organisation's
    people if you coordinate, supervise or administer."""

    model = Person
    serializer_class = PersonSerializer

    def actor_queryset(self, actor):
        return selectors.people_for(actor).prefetch_related("languages", "person_themes__theme")

    def get_object(self):
        person = super().get_object()
        enforce(policy.can_view_person(self.request.actor, person))
        return person

    @extend_schema(request=PersonUpdateSerializer, responses=PersonSerializer)
    def partial_update(self, request, pk=None):
        person = self.get_object()
        enforce(policy.can_edit_person(request.actor, person))
        incoming = PersonUpdateSerializer(person, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        version = data.pop("version", person.version)
        with transaction.atomic():
            services.person_update(person=person, actor=request.actor, expected_version=version, changes=data)
        return Response(PersonSerializer(self.get_queryset().get(pk=person.pk)).data)

    @extend_schema(responses=PersonSerializer)
    @action(detail=False, methods=["get"])
    def me(self, request):
        """The person behind this account or token."""
        return Response(PersonSerializer(self.get_queryset().get(pk=request.actor.person_id)).data)


def register(router) -> None:
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("people", PersonViewSet, basename="person")
