from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from supervision.testing import make_checkin, make_reflection, make_session, make_team_meeting

SIGNED_IN = expect(OK, anonymous=LOGIN)
# Supervision records are seen by the supervisor and the worker in them; nobody else may know they exist.
INSIDE = expect(NOT_FOUND, anonymous=LOGIN, supervisor=OK, worker=OK)
KEEPS_OWN = expect(FORBIDDEN, anonymous=LOGIN, worker=OK, facilitator=OK, supervisor=OK)
SUPERVISOR_ONLY = expect(NOT_FOUND, anonymous=LOGIN, supervisor=OK)

CASES = [
    Case("supervision:home", SIGNED_IN),
    Case("supervision:session_new", expect(FORBIDDEN, anonymous=LOGIN, supervisor=OK)),
    Case("supervision:session", INSIDE, kwargs=lambda w: {"session_id": make_session(w).pk}),
    Case(
        "supervision:action_done",
        expect(NOT_FOUND, anonymous=LOGIN, supervisor=302, worker=302),
        kwargs=lambda w: {"action_id": make_session(w).actions.get().pk},
        method="post",
    ),
    Case("supervision:reflections", KEEPS_OWN),
    Case(
        "supervision:reflection_share",
        expect(NOT_FOUND, anonymous=LOGIN, worker=302),
        kwargs=lambda w: {"entry_id": make_reflection(w).pk},
        method="post",
        data=lambda w: {"shared": "1"},
    ),
    Case(
        "supervision:reflection_share",
        expect(NOT_FOUND, anonymous=LOGIN, worker=302, supervisor=FORBIDDEN),
        kwargs=lambda w: {"entry_id": make_reflection(w, shared=True).pk},
        method="post",
        label="already shared",
    ),
    Case("supervision:wellbeing", KEEPS_OWN),
    Case(
        "supervision:checkin_share",
        expect(NOT_FOUND, anonymous=LOGIN, worker=302),
        kwargs=lambda w: {"checkin_id": make_checkin(w).pk},
        method="post",
        data=lambda w: {"shared": "1"},
    ),
    Case("supervision:workload", expect(FORBIDDEN, anonymous=LOGIN, supervisor=OK)),
    Case("supervision:shared", SUPERVISOR_ONLY, kwargs=lambda w: {"person_id": w.people["worker"].pk}),
    Case("supervision:plan", SUPERVISOR_ONLY, kwargs=lambda w: {"person_id": w.people["worker"].pk}),
    Case(
        "supervision:team_meeting_new", expect(FORBIDDEN, anonymous=LOGIN, supervisor=OK, coordinator=OK, outsider=OK)
    ),
    Case("supervision:team_meeting", INSIDE, kwargs=lambda w: {"meeting_id": make_team_meeting(w).pk}),
]
