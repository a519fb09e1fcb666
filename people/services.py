"""Every change to people, organisations, roles, relationships and consent.

Each function runs in one transaction with its audit row, and is the only way
views, forms, the API, commands and other apps make these changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from audit.models import AuditEvent
from audit.services import changed_fields, record
from mutuality.concurrency import save_if_unchanged
from mutuality.errors import ServiceError
from people.models import (
    Consent,
    ConsentScope,
    Language,
    Organisation,
    Person,
    PersonTheme,
    Relationship,
    Role,
    RoleKind,
    SharingAgreement,
    Theme,
    User,
)
from people.signals import consent_changed

A = AuditEvent.Action

# Fields a person (or staff on their behalf) may edit on a profile.
PROFILE_FIELDS = (
    "display_name",
    "full_name",
    "pronouns",
    "term",
    "term_own",
    "gender",
    "gender_own",
    "email",
    "phone",
    "postal_address",
    "postcode_district",
    "contact_preference",
    "contact_notes",
    "accessibility_needs",
    "experience_in_own_words",
)


# --- Organisations -------------------------------------------------------------


@transaction.atomic
def organisation_create(*, name: str, slug: str, kind: str, area: str = "", actor: Any) -> Organisation:
    if Organisation.objects.filter(slug=slug).exists():
        raise ServiceError(f"An organisation with the short name “{slug}” already exists.")
    organisation = Organisation.objects.create(name=name, slug=slug, kind=kind, area=area)
    record(actor=actor, action=A.CREATE, target=organisation, organisation_id=organisation.pk, summary="Organisation")
    return organisation


@transaction.atomic
def sharing_agreement_create(
    *, owner: Organisation, recipient: Organisation, scope: str, purpose: str, starts_on=None, ends_on=None, actor: Any
) -> SharingAgreement:
    if owner.pk == recipient.pk:
        raise ServiceError("An organisation cannot make a sharing agreement with itself.")
    if ends_on and starts_on and ends_on < starts_on:
        raise ServiceError("The end date must be on or after the start date.")
    agreement = SharingAgreement.objects.create(
        owner=owner,
        recipient=recipient,
        scope=scope,
        purpose=purpose,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        recorded_by=actor.user,
    )
    record(actor=actor, action=A.CREATE, target=agreement, organisation_id=owner.pk, summary="Sharing agreement")
    return agreement


@transaction.atomic
def sharing_agreement_end(*, agreement: SharingAgreement, actor: Any) -> SharingAgreement:
    today = timezone.localdate()
    if agreement.ends_on is not None and agreement.ends_on < today:
        return agreement
    agreement.ends_on = today
    agreement.save(update_fields=["ends_on"])
    record(actor=actor, action=A.UPDATE, target=agreement, organisation_id=agreement.owner_id, summary="Ended")
    return agreement


# --- People -------------------------------------------------------------------


def _set_themes(person: Person, themes: Sequence[tuple[Theme, str]]) -> None:
    PersonTheme.objects.filter(person=person).delete()
    PersonTheme.objects.bulk_create(
        [PersonTheme(person=person, theme=theme, own_words=words.strip()) for theme, words in themes]
    )


@transaction.atomic
def person_create(
    *,
    organisation: Organisation,
    actor: Any,
    languages: Iterable[Language] = (),
    themes: Sequence[tuple[Theme, str]] = (),
    **fields: Any,
) -> Person:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    if not fields.get("display_name", "").strip():
        raise ServiceError("Please give the name this person wants us to use.")
    person = Person(organisation=organisation, **fields)
    person.full_clean(exclude=["user"])
    person.save()
    person.languages.set(languages)
    _set_themes(person, themes)
    record(actor=actor, action=A.CREATE, target=person, summary="Person")
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    actor: Any,
    expected_version: int,
    changes: dict[str, Any],
    languages: Iterable[Language] | None = None,
    themes: Sequence[tuple[Theme, str]] | None = None,
) -> Person:
    """Save profile changes, refusing if someone else saved since ``expected_version``."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    # Read "before" from the database: a bound ModelForm has already copied the
    # new values onto ``person``.
    before = Person.objects.filter(pk=person.pk).values(*changes).get() if changes else {}
    for name, value in changes.items():
        setattr(person, name, value)
    person.full_clean(exclude=["user"])
    save_if_unchanged(person, expected_version=expected_version, fields=changes.keys())
    fields = changed_fields(before, changes)
    if languages is not None:
        old = set(person.languages.values_list("pk", flat=True))
        new = {language.pk for language in languages}
        if old != new:
            person.languages.set(new)
            fields.append("languages")
    if themes is not None:
        old_themes = set(PersonTheme.objects.filter(person=person).values_list("theme_id", "own_words"))
        new_themes = {(theme.pk, words.strip()) for theme, words in themes}
        if old_themes != new_themes:
            _set_themes(person, themes)
            fields.append("themes")
    record(actor=actor, action=A.UPDATE, target=person, summary="Profile", detail={"fields": fields})
    return person


def theme_for_name(name: str) -> Theme:
    """The theme with this name (any capitalisation), created if new."""
    name = " ".join(name.split())[:80]
    if not name:
        raise ServiceError("A theme needs a name.")
    existing = Theme.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Theme.objects.create(name=name)
    except IntegrityError:
        return Theme.objects.get(name__iexact=name)


# --- Accounts -----------------------------------------------------------------


def _send_account_invitation(user: User, person: Person) -> None:
    from django.conf import settings

    context = {
        "person": person,
        "site_url": settings.SITE_URL,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    send_mail(
        subject="Your Mutuality account",
        message=render_to_string("people/email/account_invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def account_create(*, person: Person, email: str, actor: Any, password: str | None = None, invite: bool = True) -> User:
    """Give a person a sign-in account. Without a password, they are emailed a link to choose one."""
    if person.user_id:
        raise ServiceError(f"{person.display_name} already has an account.")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ServiceError("That email address is already used by another account.")
    user = User.objects.create_user(email=email, password=password)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    person.user = user
    person.save(update_fields=["user"])
    record(actor=actor, action=A.CREATE, target=user, organisation_id=person.organisation_id, summary="Account")
    if invite and password is None:
        transaction.on_commit(lambda: _send_account_invitation(user, person))
    return user


@transaction.atomic
def account_set_active(*, user: User, active: bool, actor: Any) -> User:
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(actor=actor, action=A.UPDATE, target=user, summary="Account", detail={"is_active": active})
    return user


# --- Roles --------------------------------------------------------------------


@transaction.atomic
def role_grant(
    *, person: Person, organisation: Organisation, kind: str, actor: Any, worker_type: str = "", started_on=None
) -> Role:
    if kind not in RoleKind.values:
        raise ServiceError("Unknown role.")
    if kind == RoleKind.WORKER and worker_type not in Role.WorkerType.values:
        raise ServiceError("Please say whether the peer worker is paid or a volunteer.")
    today = timezone.localdate()
    current = (
        Role.objects.select_for_update()
        .filter(person=person, organisation=organisation, kind=kind)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .first()
    )
    if current is not None:
        return current
    role = Role.objects.create(
        person=person,
        organisation=organisation,
        kind=kind,
        worker_type=worker_type if kind == RoleKind.WORKER else "",
        started_on=started_on or today,
    )
    record(actor=actor, action=A.CREATE, target=role, summary=f"Role: {kind}")
    return role


@transaction.atomic
def role_end(*, role: Role, actor: Any, ended_on=None) -> Role:
    if role.ended_on is not None:
        return role
    role.ended_on = ended_on or timezone.localdate()
    role.save(update_fields=["ended_on"])
    record(actor=actor, action=A.UPDATE, target=role, summary=f"Role ended: {role.kind}")
    return role


# --- Relationships ------------------------------------------------------------


@transaction.atomic
def relationship_start(
    *, organisation: Organisation, kind: str, from_person: Person, to_person: Person, actor: Any
) -> Relationship:
    existing = Relationship.objects.filter(
        kind=kind, from_person=from_person, to_person=to_person, ended_at__isnull=True
    ).first()
    if existing:
        return existing
    relationship = Relationship.objects.create(
        organisation=organisation, kind=kind, from_person=from_person, to_person=to_person
    )
    record(actor=actor, action=A.CREATE, target=relationship, summary=f"Relationship: {kind}")
    return relationship


@transaction.atomic
def relationship_end(*, relationship: Relationship, actor: Any) -> Relationship:
    if relationship.ended_at is not None:
        return relationship
    relationship.ended_at = timezone.now()
    relationship.save(update_fields=["ended_at"])
    record(actor=actor, action=A.UPDATE, target=relationship, summary=f"Relationship ended: {relationship.kind}")
    return relationship


# --- Consent ------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    person: Person,
    scope: str,
    given: bool,
    method: str,
    actor: Any,
    recipient: str = "",
    note: str = "",
) -> Consent:
    """Record a consent decision. The previous decision for the same scope and
    recipient stays in the history; this one becomes current.

    Withdrawal takes effect everywhere at once because every capability asks
    ``selectors.has_consent`` (or filters with ``consenting``) at the moment it
    uses the data, and ``consent_changed`` lets apps react straight away.
    """
    if scope not in ConsentScope.values:
        raise ServiceError("Unknown consent scope.")
    if method not in Consent.Method.values:
        raise ServiceError("Please say how the consent was given or withdrawn.")
    recipient = recipient.strip()
    if scope == ConsentScope.NOTE_SHARING and not recipient:
        raise ServiceError("Consent to share notes needs the name of the person they may go to.")
    # Lock the person's row so two decisions recorded at once are ordered.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    previous = Consent.objects.filter(person=person, scope=scope, recipient=recipient, is_current=True).first()
    if previous is not None:
        if previous.given == given:
            return previous
        Consent.objects.filter(pk=previous.pk).update(is_current=False)
    elif not given:
        raise ServiceError("There is no consent to withdraw for this.")
    consent = Consent.objects.create(
        person=person,
        scope=scope,
        recipient=recipient,
        given=given,
        method=method,
        note=note.strip(),
        recorded_by=getattr(actor, "user", None),
    )
    record(
        actor=actor,
        action=A.CREATE,
        target=consent,
        organisation_id=person.organisation_id,
        summary=f"Consent {'given' if given else 'withdrawn'}: {scope}",
    )
    consent_changed.send(sender=Consent, consent=consent, actor=actor)
    return consent
