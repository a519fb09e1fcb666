"""People's rights for the foundation's own records: the person, their account,
themes, roles, relationships and consent history (see docs/privacy.md)."""

from __future__ import annotations

from django.db.models import Q

from people.models import Consent, Person, PersonTheme, Relationship, Role

ERASED_NAME = "Erased person"


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def subject_data(person: Person) -> dict[str, list[dict]]:
    person = Person.objects.select_related("organisation", "user").prefetch_related("languages").get(pk=person.pk)
    details = {
        "Name to use": person.display_name,
        "Full name": person.full_name,
        "Pronouns": person.pronouns,
        "The word used for me": person.term_label,
        "Gender": person.gender_own or person.get_gender_display(),
        "Email": person.email,
        "Phone": person.phone,
        "Postal address": person.postal_address,
        "Postcode district": person.postcode_district,
        "How to reach me": person.get_contact_preference_display(),
        "Best times and ways to reach me": person.contact_notes,
        "Languages": ", ".join(language.name for language in person.languages.all()),
        "What helps me take part": person.accessibility_needs,
        "My experience in my own words": person.experience_in_own_words,
        "Organisation": person.organisation.name,
        "Record made": _iso(person.created_at),
        "Last changed": _iso(person.updated_at),
    }
    sections: dict[str, list[dict]] = {"Your details": [details]}
    if person.user_id:
        sections["Your account"] = [
            {
                "Email used to sign in": person.user.email,
                "Account made": _iso(person.user.date_joined),
                "Last signed in": _iso(person.user.last_login),
                "Active": person.user.is_active,
            }
        ]
    sections["Themes you chose"] = [
        {"Theme": row.theme.name, "In your own words": row.own_words}
        for row in PersonTheme.objects.filter(person=person).select_related("theme").order_by("theme__name")
    ]
    sections["Roles"] = [
        {
            "Role": role.get_kind_display(),
            "Organisation": role.organisation.name,
            "From": _iso(role.started_on),
            "Until": _iso(role.ended_on),
        }
        for role in Role.objects.filter(person=person).select_related("organisation").order_by("started_on")
    ]
    relationships = (
        Relationship.objects.filter(Q(from_person=person) | Q(to_person=person))
        .select_related("from_person", "to_person")
        .order_by("started_at")
    )
    sections["People you work with"] = [
        {
            "Relationship": rel.get_kind_display(),
            "With": (rel.to_person if rel.from_person_id == person.pk else rel.from_person).display_name,
            "Direction": "you → them" if rel.from_person_id == person.pk else "them → you",
            "From": _iso(rel.started_at),
            "Until": _iso(rel.ended_at),
        }
        for rel in relationships
    ]
    sections["Consent choices"] = [
        {
            "About": consent.get_scope_display(),
            "Shared with": consent.recipient,
            "Given": consent.given,
            "How recorded": consent.get_method_display(),
            "Note": consent.note,
            "When": _iso(consent.recorded_at),
            "Current": consent.is_current,
        }
        for consent in Consent.objects.filter(person=person).order_by("recorded_at")
    ]
    return sections


def erase(person: Person, *, actor) -> dict[str, int]:
    """Anonymise the person record (other records point at it) and remove
    everything else about them, including their sign-in account."""
    counts = {
        "themes": PersonTheme.objects.filter(person=person).delete()[0],
        "consent records": Consent.objects.filter(person=person).delete()[0],
        "relationships": Relationship.objects.filter(Q(from_person=person) | Q(to_person=person)).delete()[0],
        "roles": Role.objects.filter(person=person).delete()[0],
    }
    person.languages.clear()
    user = person.user
    Person.objects.filter(pk=person.pk).update(
        display_name=ERASED_NAME,
        full_name="",
        pronouns="",
        term=Person.Term.PEER,
        term_own="",
        gender="",
        gender_own="",
        email="",
        phone="",
        postal_address="",
        postcode_district="",
        contact_notes="",
        accessibility_needs="",
        experience_in_own_words="",
        user=None,
    )
    counts["people anonymised"] = 1
    counts["accounts"] = _remove_account(user) if user is not None else 0
    return counts


def _remove_account(user) -> int:
    """Delete the sign-in account; one that other records must keep pointing at
    (a sharing agreement it recorded, say) is emptied and switched off instead."""
    from django.db import transaction
    from django.db.models import ProtectedError

    try:
        with transaction.atomic():
            user.delete()
    except ProtectedError:
        user.email = f"erased-{user.pk}@erased.invalid"
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "is_active", "password"])
    return 1


def _expire_superseded_consents(organisation, cutoff, actor) -> int:
    from privacy.selectors import held_person_ids

    return (
        Consent.objects.filter(person__organisation=organisation, is_current=False, recorded_at__lt=cutoff)
        .exclude(person_id__in=held_person_ids(organisation))
        .delete()[0]
    )


RETENTION = [
    {
        "key": "people.superseded_consent",
        "label": "Consent choices that were later changed",
        "default_days": 6 * 365,
        "expire": _expire_superseded_consents,
    },
]
