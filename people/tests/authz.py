from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from people.models import SharingAgreement

PEER = {"person_id": lambda w: w.people["peer"].pk}


def _peer(world):
    return {"person_id": world.people["peer"].pk}


def _org(world):
    return {"slug": world.org.slug}


def _agreement(world):
    agreement = SharingAgreement.objects.create(
        owner=world.org,
        recipient=world.other_org,
        scope=SharingAgreement.Scope.REPORTING,
        purpose="Quarterly figures",
        recorded_by=world.users["administrator"],
    )
    return {"slug": world.org.slug, "agreement_id": agreement.pk}


# Who may see the peer's record: the peer, their worker, and the organisation's
# supervisors, coordinators and administrators. Nobody else may know it exists.
SEES_PEER = {"peer": OK, "worker": OK, "supervisor": OK, "coordinator": OK, "administrator": OK}
ADMIN_OF_A = expect(FORBIDDEN, anonymous=LOGIN, administrator=OK, outsider=NOT_FOUND)

CASES = [
    Case("people:me", expect(302)),
    Case(
        "people:list",
        expect(FORBIDDEN, anonymous=LOGIN, worker=OK, supervisor=OK, coordinator=OK, administrator=OK, outsider=OK),
    ),
    Case("people:create", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, administrator=OK, outsider=OK)),
    Case("people:detail", expect(NOT_FOUND, anonymous=LOGIN, **SEES_PEER), kwargs=_peer),
    Case(
        "people:edit",
        expect(
            NOT_FOUND,
            anonymous=LOGIN,
            peer=OK,
            coordinator=OK,
            administrator=OK,
            worker=FORBIDDEN,
            supervisor=FORBIDDEN,
        ),
        kwargs=_peer,
    ),
    Case(
        "people:consents",
        expect(NOT_FOUND, anonymous=LOGIN, **{**SEES_PEER, "administrator": FORBIDDEN}),
        kwargs=_peer,
    ),
    Case(
        "people:roles",
        expect(
            NOT_FOUND,
            anonymous=LOGIN,
            administrator=OK,
            peer=FORBIDDEN,
            worker=FORBIDDEN,
            supervisor=FORBIDDEN,
            coordinator=FORBIDDEN,
        ),
        kwargs=_peer,
    ),
    Case("people:organisations", expect(OK, anonymous=LOGIN)),
    Case("people:organisation", ADMIN_OF_A, kwargs=_org),
    Case("people:audit", ADMIN_OF_A, kwargs=_org),
    Case("people:sharing_create", ADMIN_OF_A, kwargs=_org),
    Case("people:sharing_end", expect(405), kwargs=_agreement),
    Case(
        "people:sharing_end",
        expect(FORBIDDEN, anonymous=LOGIN, administrator=302, outsider=NOT_FOUND),
        kwargs=_agreement,
        method="post",
        label="end",
    ),
]
