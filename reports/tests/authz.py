from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from reports.tests.helpers import ready_report


def _draft(world):
    return {"report_id": ready_report(world).pk}


def _published(world):
    return {"report_id": ready_report(world, published=True).pk}


BUILDERS = {"coordinator": OK, "administrator": OK}
# A draft is for the organisation's coordinators and administrators; nobody else may know it exists.
DRAFT = expect(NOT_FOUND, anonymous=LOGIN, **BUILDERS)
# Once shared, the organisation's commissioners read it too.
PUBLISHED = expect(NOT_FOUND, anonymous=LOGIN, commissioner=OK, **BUILDERS)

CASES = [
    Case("reports:list", expect(FORBIDDEN, anonymous=LOGIN, commissioner=OK, outsider=OK, **BUILDERS)),
    Case("reports:create", expect(FORBIDDEN, anonymous=LOGIN, outsider=OK, **BUILDERS)),
    Case("reports:detail", DRAFT, kwargs=_draft, label="draft"),
    Case("reports:detail", PUBLISHED, kwargs=_published, label="shared"),
    Case("reports:pdf", DRAFT, kwargs=_draft, label="draft"),
    Case("reports:pdf", PUBLISHED, kwargs=_published, label="shared"),
    Case("reports:publish", expect(405), kwargs=_draft),
    Case(
        "reports:publish",
        expect(NOT_FOUND, anonymous=LOGIN, coordinator=302, administrator=302),
        kwargs=_draft,
        method="post",
        label="share",
    ),
]
