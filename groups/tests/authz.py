from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from groups.testing import make_group, make_meeting


def _group(world):
    return {"group_id": make_group(world).pk}


def _meeting(world):
    return {"meeting_id": make_meeting(make_group(world)).pk}


EVERYONE = expect(OK)
SIGNED_IN = expect(OK, anonymous=LOGIN)
# A group is run by its facilitators and the coordinators of its organisation.
RUNS = expect(FORBIDDEN, anonymous=LOGIN, facilitator=OK, coordinator=OK)
RUNS_POST = expect(FORBIDDEN, anonymous=LOGIN, facilitator=302, coordinator=302)

CASES = [
    Case("groups:directory", EVERYONE),
    Case(
        "groups:directory",
        EVERYONE,
        query="place=EX2&within=10&day=3&time=evening&format=in_person&q=voices",
        label="search",
    ),
    Case("groups:near_me", SIGNED_IN),
    Case("groups:mine", SIGNED_IN),
    Case("groups:create", expect(FORBIDDEN, anonymous=LOGIN, facilitator=OK, coordinator=OK, outsider=OK)),
    Case("groups:detail", EVERYONE, kwargs=_group),
    Case(
        "groups:detail",
        expect(NOT_FOUND, facilitator=OK, coordinator=OK),
        kwargs=lambda w: {"group_id": make_group(w, status="closed").pk},
        label="closed",
    ),
    Case("groups:edit", RUNS, kwargs=_group),
    Case("groups:schedule_add", RUNS, kwargs=_group),
    Case("groups:members", RUNS, kwargs=_group),
    Case("groups:handover", RUNS, kwargs=_group),
    Case("groups:meetings", RUNS, kwargs=_group),
    Case("groups:meeting_add", RUNS, kwargs=_group),
    Case("groups:meetings_plan", RUNS_POST, kwargs=_group, method="post"),
    Case("groups:meeting_cancel", RUNS, kwargs=_meeting),
    Case("groups:attendance", RUNS, kwargs=_meeting),
    Case("groups:join", expect(302, anonymous=LOGIN), kwargs=_group, method="post"),
    Case("groups:leave", expect(NOT_FOUND, anonymous=LOGIN, facilitator=302), kwargs=_group, method="post"),
]
