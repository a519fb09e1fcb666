import datetime

from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from outcomes.models import ServiceUse, UseKind


def _peer(world):
    return {"person_id": world.people["peer"].pk}


def _use(world):
    use = ServiceUse.objects.create(
        organisation=world.org,
        person=world.people["peer"],
        kind=UseKind.HOSPITAL,
        started_on=datetime.date(2026, 1, 5),
    )
    return {"use_id": use.pk}


def _discharge(world):
    return {"ended_on": "2026-01-20"}


# The person, their worker, supervisors and coordinators see a person's records;
# administrators know the person exists but may not read their health records.
SEES_RECORDS = expect(
    NOT_FOUND, anonymous=LOGIN, peer=OK, worker=OK, supervisor=OK, coordinator=OK, administrator=FORBIDDEN
)
# Recording: the person's own worker and coordinators (the change redirects back).
RECORDS = expect(
    NOT_FOUND,
    anonymous=LOGIN,
    peer=FORBIDDEN,
    worker=302,
    supervisor=FORBIDDEN,
    coordinator=302,
    administrator=FORBIDDEN,
)

CASES = [
    Case(
        "outcomes:overview",
        expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, supervisor=OK, evaluator=OK, outsider=OK),
    ),
    Case("outcomes:import", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, outsider=OK)),
    Case("outcomes:costs", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, administrator=OK, outsider=OK)),
    Case("outcomes:person", SEES_RECORDS, kwargs=_peer),
    Case("outcomes:discharge", expect(405), kwargs=_use),
    Case("outcomes:discharge", RECORDS, kwargs=_use, method="post", data=_discharge, label="save"),
    Case("outcomes:remove", expect(405), kwargs=_use),
    Case("outcomes:remove", RECORDS, kwargs=_use, method="post", label="remove"),
]


def _api_use(world):
    return {"pk": _use(world)["use_id"]}


def _new_stay(world):
    from people import services as people_services
    from people.models import ConsentScope

    people_services.consent_record(
        person=world.people["peer"], scope=ConsentScope.OUTCOMES, given=True, method="paper", actor=None
    )
    return {"person": world.people["peer"].pk, "kind": "hospital", "started_on": "2026-01-05"}


UNAUTHORISED = 401
API_CASES = [
    Case("api:service-use-list", expect(OK, anonymous=UNAUTHORISED)),
    Case(
        "api:service-use-detail",
        expect(NOT_FOUND, anonymous=UNAUTHORISED, peer=OK, worker=OK, supervisor=OK, coordinator=OK),
        kwargs=_api_use,
    ),
    # Recording: people the caller cannot see are "not found" in the person field (400).
    Case(
        "api:service-use-list",
        expect(
            400,
            anonymous=UNAUTHORISED,
            worker=201,
            coordinator=201,
            peer=FORBIDDEN,
            supervisor=FORBIDDEN,
            administrator=FORBIDDEN,
        ),
        method="post",
        data=_new_stay,
        label="record",
    ),
    Case(
        "api:service-use-stats",
        expect(FORBIDDEN, anonymous=UNAUTHORISED, coordinator=OK, supervisor=OK, evaluator=OK, outsider=OK),
    ),
]
CASES += API_CASES
CASES.append(
    Case(
        "outcomes:export", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, supervisor=OK, evaluator=OK, outsider=OK)
    )
)
