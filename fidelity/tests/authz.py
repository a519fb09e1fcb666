import datetime as dt

from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from fidelity import services, testing
from fidelity.models import Framework, Perspective, SelfAssessment

REDIRECT = 302
# Team and service fidelity: the organisation's peer-work staff.
TEAM_SIDE = {"worker": OK, "facilitator": OK, "supervisor": OK, "coordinator": OK, "trainer": OK, "evaluator": OK}
SEES_TEAM = expect(NOT_FOUND, anonymous=LOGIN, **TEAM_SIDE)
POSTS_TEAM = expect(NOT_FOUND, anonymous=LOGIN, **dict.fromkeys(TEAM_SIDE, REDIRECT))
# One worker's fidelity: that worker and their supervisor, nobody else.
SEES_WORKER = expect(NOT_FOUND, anonymous=LOGIN, worker=OK, supervisor=OK)
RUNS = expect(
    NOT_FOUND,
    anonymous=LOGIN,
    worker=FORBIDDEN,
    facilitator=FORBIDDEN,
    trainer=FORBIDDEN,
    evaluator=FORBIDDEN,
    supervisor=OK,
    coordinator=OK,
    outsider=OK,
)
USES = expect(FORBIDDEN, anonymous=LOGIN, **TEAM_SIDE, outsider=OK)


def _closed_round(world):
    round_ = testing.team_round(world)
    for role, perspective in (("worker", "worker"), ("peer", "person"), ("supervisor", "supervisor")):
        testing.answer(round_, testing.consent(world.people[role]), perspective, 2)
    return services.round_close(round_=round_, actor=None)


def _round(world):
    return {"pk": _closed_round(world).pk}


def _open_round(world):
    return {"pk": testing.team_round(world, enough=3).pk}


def _worker_round(world):
    return {"pk": testing.worker_round(world).pk}


def _action(world):
    round_ = _closed_round(world)
    action = services.action_add(
        round_=round_, text="Talk about mutuality", owner=world.people["worker"], due_on=dt.date(2026, 5, 1), actor=None
    )
    return {"pk": action.pk}


def _respondent(world):
    round_ = testing.team_round(world, enough=3)
    testing.consent(world.people["peer"])
    respondent = services.respondent_add(
        round_=round_, person=world.people["peer"], perspective=Perspective.PERSON, actor=None
    )
    return {"pk": respondent.pk}


def _enrich(world):
    return {"pk": Framework.objects.get(code="enrich", organisation__isnull=True).pk}


def _assessment(world):
    framework = Framework.objects.get(code="enrich", organisation__isnull=True)
    principle = framework.principles.first()
    assessment = services.assessment_record(
        organisation=world.org,
        framework=framework,
        who_took_part="The whole team",
        ratings={(principle.pk, SelfAssessment.Area.TRAINING): (2, "")},
        actor=None,
    )
    return {"pk": assessment.pk}


def _team_profile(world):
    return {"subject": "team", "pk": _closed_round(world).team_id}


def _worker_profile(world):
    return {"subject": "worker", "pk": world.people["worker"].pk}


def _service_profile(world):
    return {"subject": "service", "pk": world.org.pk}


def _reflection(world):
    return {"reflection-text": "We notice mutuality is lower than we thought.", "reflection-who_took_part": "The team"}


def _action_data(world):
    return {
        "action-text": "Read the ENRICH principles together",
        "action-owner": world.people["worker"].pk,
        "action-due_on": "2026-06-01",
    }


CASES = [
    Case("fidelity:home", USES),
    Case("fidelity:framework", expect(NOT_FOUND, anonymous=LOGIN, **TEAM_SIDE, outsider=OK), kwargs=_enrich),
    Case("fidelity:values", RUNS),
    Case("fidelity:team_create", RUNS),
    Case(
        "fidelity:round_create",
        expect(FORBIDDEN, anonymous=LOGIN, supervisor=OK, coordinator=OK, outsider=OK),
    ),
    Case("fidelity:round", SEES_TEAM, kwargs=_round),
    Case("fidelity:round", SEES_WORKER, kwargs=_worker_round, label="one worker"),
    Case(
        "fidelity:round_respondent",
        expect(
            NOT_FOUND, anonymous=LOGIN, **{**dict.fromkeys(TEAM_SIDE, FORBIDDEN), "supervisor": 302, "coordinator": 302}
        ),
        kwargs=_open_round,
        method="post",
        data=lambda w: {"person": w.people["supervisor"].pk, "perspective": "supervisor"},
    ),
    Case(
        "fidelity:round_close",
        expect(
            NOT_FOUND, anonymous=LOGIN, **{**dict.fromkeys(TEAM_SIDE, FORBIDDEN), "supervisor": 302, "coordinator": 302}
        ),
        kwargs=_open_round,
        method="post",
    ),
    Case("fidelity:round_chart", SEES_TEAM, kwargs=_round),
    Case("fidelity:round_report", SEES_TEAM, kwargs=_round),
    Case("fidelity:reflection_add", POSTS_TEAM, kwargs=_round, method="post", data=_reflection),
    Case("fidelity:action_add", POSTS_TEAM, kwargs=_round, method="post", data=_action_data),
    Case("fidelity:action_done", POSTS_TEAM, kwargs=_action, method="post"),
    Case("fidelity:respond", expect(NOT_FOUND, anonymous=LOGIN, peer=OK), kwargs=_respondent),
    Case("fidelity:profile", SEES_TEAM, kwargs=_team_profile),
    Case("fidelity:profile", SEES_WORKER, kwargs=_worker_profile, label="one worker"),
    Case("fidelity:profile", SEES_TEAM, kwargs=_service_profile, label="service"),
    Case("fidelity:profile_chart", SEES_TEAM, kwargs=_team_profile),
    Case("fidelity:profile_chart", SEES_WORKER, kwargs=_worker_profile, label="one worker"),
    Case("fidelity:assessment_create", RUNS),
    Case("fidelity:assessment", SEES_TEAM, kwargs=_assessment),
    Case("fidelity:assessment_reflection", POSTS_TEAM, kwargs=_assessment, method="post", data=_reflection),
    Case("fidelity:assessment_action", POSTS_TEAM, kwargs=_assessment, method="post", data=_action_data),
]


def _own_instrument(world):
    from evaluation import services as evaluation_services

    version = evaluation_services.instrument_create(
        definition={
            "code": "our-index",
            "name": "Our fidelity index",
            "sections": [
                {
                    "title": "Q",
                    "items": [
                        {
                            "code": "q1",
                            "text": "Q1",
                            "kind": "scale",
                            "options": [{"value": 1, "label": "Low"}, {"value": 5, "label": "High"}],
                        }
                    ],
                }
            ],
        },
        organisation=world.org,
        publish=True,
        actor=None,
    )
    return {"pk": version.pk}


CASES.append(
    Case(
        "fidelity:instrument_links",
        expect(
            NOT_FOUND,
            anonymous=LOGIN,
            **{**dict.fromkeys(TEAM_SIDE, FORBIDDEN), "supervisor": OK, "coordinator": OK, "evaluator": OK},
        ),
        kwargs=_own_instrument,
    )
)
