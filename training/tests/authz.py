from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, UNAUTHORISED, Case, expect
from training.models import Application
from training.testing import first_day, make_cohort, make_completion, make_course


def _course(world):
    return {"course_id": make_course(world).pk}


def _course_pk(world):
    return {"pk": make_course(world).pk}


def _cohort(world):
    return {"cohort_id": make_cohort(world).pk}


def _application(world):
    cohort = make_cohort(world, placed=())
    application = Application.objects.create(cohort=cohort, person=world.people["worker"], why="To learn")
    return {"application_id": application.pk}


SIGNED_IN = expect(OK, anonymous=LOGIN)
# Courses are run by trainers and coordinators of the course's organisation.
RUNS = expect(FORBIDDEN, anonymous=LOGIN, trainer=OK, coordinator=OK)
RUNS_POST = expect(FORBIDDEN, anonymous=LOGIN, trainer=302, coordinator=302)

CASES = [
    Case("training:courses", SIGNED_IN),
    Case("training:mine", SIGNED_IN),
    Case("training:course_create", expect(FORBIDDEN, anonymous=LOGIN, trainer=OK, coordinator=OK, outsider=OK)),
    Case("training:course", SIGNED_IN, kwargs=_course),
    Case("training:part_add", RUNS, kwargs=_course),
    Case("training:material_add", RUNS, kwargs=_course),
    Case("training:cohort_create", RUNS, kwargs=_course),
    Case("training:cohort", RUNS, kwargs=_cohort),
    Case("training:apply", SIGNED_IN, kwargs=_cohort),
    Case("training:cohort_network", RUNS_POST, kwargs=_cohort, method="post"),
    Case("training:cascade", expect(NOT_FOUND, anonymous=LOGIN, peer=OK), kwargs=_cohort),
    Case("training:decide", RUNS_POST, kwargs=_application, method="post", data=lambda w: {"status": "offered"}),
    Case("training:attendance", RUNS, kwargs=lambda w: {"day_id": first_day(make_cohort(w)).pk}),
    Case(
        "training:complete",
        RUNS_POST,
        kwargs=lambda w: {"cohort_id": make_cohort(w).pk, "person_id": w.people["peer"].pk},
        method="post",
    ),
    Case(
        "training:certificate",
        expect(NOT_FOUND, anonymous=LOGIN, peer=OK, trainer=OK, coordinator=OK),
        kwargs=lambda w: {"completion_id": make_completion(w).pk},
    ),
    Case("api:course-list", expect(OK, anonymous=UNAUTHORISED)),
    Case("api:course-detail", expect(OK, anonymous=UNAUTHORISED), kwargs=_course_pk),
]
