from django.utils import timezone

from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from support.models import Agreement, CalendarFeed, Note, Session

REDIRECT = 302


def _agreement(world):
    return Agreement.objects.create(organisation=world.org, person=world.people["peer"], worker=world.people["worker"])


def _agreement_id(world):
    return {"agreement_id": _agreement(world).pk}


def _session_id(world):
    session = Session.objects.create(
        agreement=_agreement(world), worker=world.people["worker"], starts_at=timezone.now(), minutes=60
    )
    return {"session_id": session.pk}


def _note_id(world):
    note = Note.objects.create(
        agreement=_agreement(world), text="We talked about walking.", written_by=world.people["worker"]
    )
    return {"note_id": note.pk}


def _token(world):
    return {"token": CalendarFeed.objects.create(worker=world.people["worker"]).token}


WORKER_ONLY = expect(FORBIDDEN, anonymous=LOGIN, worker=OK)
# An agreement: the person, their worker, and the organisation's supervisors and coordinators.
SEES = {"peer": FORBIDDEN, "worker": FORBIDDEN, "supervisor": FORBIDDEN, "coordinator": FORBIDDEN}
MANAGE = expect(NOT_FOUND, anonymous=LOGIN, **{**SEES, "worker": OK, "coordinator": OK})

CASES = [
    Case("support:caseload", WORKER_ONLY),
    Case("support:mine", expect(OK, anonymous=LOGIN)),
    Case(
        "support:agreement_new",
        expect(NOT_FOUND, anonymous=LOGIN, peer=FORBIDDEN, worker=OK, supervisor=FORBIDDEN, coordinator=FORBIDDEN),
        kwargs=lambda w: {"person_id": w.people["peer"].pk},
    ),
    Case(
        "support:agreement",
        expect(NOT_FOUND, anonymous=LOGIN, peer=OK, worker=OK, supervisor=OK, coordinator=OK),
        kwargs=_agreement_id,
    ),
    Case("support:agreement_edit", expect(NOT_FOUND, anonymous=LOGIN, **{**SEES, "worker": OK}), kwargs=_agreement_id),
    Case("support:plan", MANAGE, kwargs=_agreement_id),
    Case(
        "support:ending",
        expect(NOT_FOUND, anonymous=LOGIN, **{**SEES, "peer": OK, "worker": OK, "coordinator": OK}),
        kwargs=_agreement_id,
    ),
    Case("support:session_new", MANAGE, kwargs=_agreement_id),
    Case("support:session_record", MANAGE, kwargs=_session_id),
    Case(
        "support:notes",
        expect(NOT_FOUND, anonymous=LOGIN, **{**SEES, "peer": OK, "worker": OK}),
        kwargs=_agreement_id,
    ),
    Case(
        "support:note_comment",
        expect(NOT_FOUND, anonymous=LOGIN, **{**SEES, "peer": REDIRECT}),
        kwargs=_note_id,
        method="post",
    ),
    Case("support:note_amend", expect(NOT_FOUND, anonymous=LOGIN, **{**SEES, "worker": OK}), kwargs=_note_id),
    Case(
        "support:note_share",
        expect(NOT_FOUND, anonymous=LOGIN, **{**SEES, "worker": REDIRECT}),
        kwargs=_note_id,
        method="post",
    ),
    Case("support:diary", WORKER_ONLY),
    Case("support:calendar", WORKER_ONLY),
    # The secret link is the permission, for whoever holds it (a calendar app has no sign-in).
    Case("support:ical", expect(OK), kwargs=_token),
]


def _session_pk(world):
    return {"pk": _session_id(world)["session_id"]}


CASES += [
    Case("api:session-list", expect(OK, anonymous=401)),
    Case(
        "api:session-detail",
        expect(NOT_FOUND, anonymous=401, peer=OK, worker=OK, supervisor=OK, coordinator=OK),
        kwargs=_session_pk,
    ),
]

CASES.append(
    Case("support:settings", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, administrator=OK, outsider=OK))
)
