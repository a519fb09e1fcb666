from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, UNAUTHORISED, Case, expect
from groups.testing import make_group, make_meeting, make_network


def _group(world):
    return {"group_id": make_group(world).pk}


def _meeting(world):
    return {"meeting_id": make_meeting(make_group(world)).pk}


def _network(world):
    return {"network_id": make_network(world).pk}


EVERYONE = expect(OK)
# Only a network's own members change their choices or leave it.
MEMBER_POST = expect(NOT_FOUND, anonymous=LOGIN, peer=302)
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
    Case("groups:networks", SIGNED_IN),
    Case("groups:network_create", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, trainer=OK, outsider=OK)),
    Case("groups:network", SIGNED_IN, kwargs=_network),
    Case("groups:network_join", expect(302, anonymous=LOGIN), kwargs=_network, method="post"),
    Case("groups:network_choices", MEMBER_POST, kwargs=_network, method="post", data=lambda w: {"digest": "weekly"}),
    Case("groups:network_leave", MEMBER_POST, kwargs=_network, method="post"),
    Case(
        "groups:network_news",
        expect(FORBIDDEN, anonymous=LOGIN, peer=302, coordinator=302, trainer=302),
        kwargs=_network,
        method="post",
        data=lambda w: {"title": "Hello", "body": "News", "submission_token": "6b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01"},
    ),
    Case("api:group-list", expect(OK, anonymous=UNAUTHORISED)),
    Case("api:group-detail", expect(OK, anonymous=UNAUTHORISED), kwargs=lambda w: {"pk": make_group(w).pk}),
    Case("api:meeting-list", expect(OK, anonymous=UNAUTHORISED)),
    Case(
        "api:meeting-detail",
        expect(NOT_FOUND, anonymous=UNAUTHORISED, facilitator=OK, coordinator=OK),
        kwargs=lambda w: {"pk": make_meeting(make_group(w)).pk},
    ),
]
