import datetime as dt

from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from evaluation import services
from evaluation.models import InstrumentVersion
from people import services as people_services
from people.models import Consent, ConsentScope

REDIRECT = 302
# Evaluation pages: evaluators and coordinators (each sees their own organisation's).
EVAL_USERS = {"evaluator": OK, "coordinator": OK, "outsider": OK}


def _shipped(world):
    return {"version_id": InstrumentVersion.objects.get(instrument__code="phq-9", number=1).pk}


def _draft(world):
    version = services.instrument_create(
        definition={
            "code": "check",
            "name": "Check",
            "sections": [{"title": "S", "items": [{"code": "q1", "text": "Q1", "kind": "number"}]}],
        },
        organisation=world.org,
        actor=None,
    )
    return {"version_id": version.pk}


def _evaluation(world):
    evaluation = services.evaluation_create_devon(
        organisation=world.org, name="Course", anchor_date=dt.date(2026, 1, 5), actor=None
    )
    return evaluation


def _evaluation_id(world):
    return {"evaluation_id": _evaluation(world).pk}


def _questionnaire(world):
    evaluation = _evaluation(world)
    peer = world.people["peer"]
    people_services.consent_record(
        person=peer, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.ONLINE, actor=None
    )
    participant = services.participant_enrol(evaluation=evaluation, person=peer, actor=None)
    wave = evaluation.waves.get(position=1)
    return {"participant_id": participant.pk, "wave_id": wave.pk, "version_id": wave.instruments.get().pk}


CASES = [
    Case("evaluation:home", expect(FORBIDDEN, anonymous=LOGIN, **EVAL_USERS)),
    Case("evaluation:mine", expect(OK, anonymous=LOGIN)),
    Case("evaluation:instrument_create", expect(FORBIDDEN, anonymous=LOGIN, evaluator=OK)),
    Case("evaluation:instrument_import", expect(FORBIDDEN, anonymous=LOGIN, evaluator=OK)),
    Case("evaluation:instrument", expect(NOT_FOUND, anonymous=LOGIN, **EVAL_USERS), kwargs=_shipped),
    Case(
        "evaluation:item_add",
        expect(NOT_FOUND, anonymous=LOGIN, evaluator=REDIRECT, coordinator=FORBIDDEN),
        kwargs=_draft,
        method="post",
        data=lambda world: {"code": "q2", "text": "Q2", "kind": "number"},
    ),
    Case(
        "evaluation:version_publish",
        expect(NOT_FOUND, anonymous=LOGIN, evaluator=REDIRECT, coordinator=FORBIDDEN),
        kwargs=_draft,
        method="post",
    ),
    Case(
        "evaluation:version_new",
        expect(NOT_FOUND, anonymous=LOGIN, evaluator=REDIRECT, coordinator=FORBIDDEN),
        kwargs=_draft,
        method="post",
    ),
    Case("evaluation:create", expect(FORBIDDEN, anonymous=LOGIN, evaluator=OK)),
    Case(
        "evaluation:detail",
        expect(NOT_FOUND, anonymous=LOGIN, evaluator=OK, coordinator=OK),
        kwargs=_evaluation_id,
    ),
    Case(
        "evaluation:enrol",
        expect(NOT_FOUND, anonymous=LOGIN, evaluator=FORBIDDEN, coordinator=OK),
        kwargs=_evaluation_id,
    ),
    Case(
        "evaluation:export",
        expect(NOT_FOUND, anonymous=LOGIN, evaluator=REDIRECT, coordinator=FORBIDDEN),
        kwargs=_evaluation_id,
        method="post",
        data=lambda world: {"format": "csv", "shape": "long"},
    ),
    Case("evaluation:complete", expect(NOT_FOUND, anonymous=LOGIN, peer=OK), kwargs=_questionnaire),
    Case(
        "evaluation:enter",
        expect(NOT_FOUND, anonymous=LOGIN, coordinator=OK, worker=OK, evaluator=FORBIDDEN),
        kwargs=_questionnaire,
    ),
    Case(
        "evaluation:paper",
        expect(NOT_FOUND, anonymous=LOGIN, coordinator=OK, worker=OK, evaluator=FORBIDDEN),
        kwargs=_questionnaire,
    ),
]

API_USERS = {"evaluator": OK, "coordinator": OK}
CASES += [
    Case("api:evaluation-instrument-list", expect(OK, anonymous=401)),
    Case(
        "api:evaluation-instrument-detail",
        expect(NOT_FOUND, anonymous=401, outsider=OK, **API_USERS),
        kwargs=lambda world: {"pk": _shipped(world)["version_id"]},
    ),
    Case("api:evaluation-list", expect(OK, anonymous=401)),
    Case(
        "api:evaluation-detail",
        expect(NOT_FOUND, anonymous=401, **API_USERS),
        kwargs=lambda world: {"pk": _evaluation(world).pk},
    ),
    Case(
        "api:evaluation-stats",
        expect(NOT_FOUND, anonymous=401, evaluator=OK, coordinator=FORBIDDEN),
        kwargs=lambda world: {"pk": _evaluation(world).pk},
    ),
]

CASES += [
    Case(
        name,
        expect(NOT_FOUND, anonymous=LOGIN, evaluator=OK, coordinator=FORBIDDEN),
        kwargs=lambda world: {"evaluation_id": _evaluation(world).pk, "variable": "devon_2m_interest_ips"},
    )
    for name in ("evaluation:chart", "evaluation:chart_image")
]
