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
