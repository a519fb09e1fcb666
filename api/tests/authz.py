from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, UNAUTHORISED, Case, expect
from api.services import token_create

SEES_PEER = {"peer": OK, "worker": OK, "supervisor": OK, "coordinator": OK, "administrator": OK}


def _peer(world):
    return {"pk": world.people["peer"].pk}


def _coordinator_token(world):
    from access.actor import actor_for_user

    token, _raw = token_create(
        actor=actor_for_user(world.users["coordinator"]),
        name="Warehouse",
        organisation_id=world.org.pk,
        role="coordinator",
    )
    return {"token_id": token.pk}


CASES = [
    Case("api:schema", expect(OK)),
    Case("api:docs", expect(OK)),
    Case("api:tokens", expect(OK, anonymous=LOGIN, peer=FORBIDDEN)),
    Case("api:token_revoke", expect(405), kwargs=_coordinator_token),
    Case(
        "api:token_revoke",
        expect(NOT_FOUND, anonymous=LOGIN, coordinator=302),
        kwargs=_coordinator_token,
        method="post",
        label="revoke",
    ),
    Case("api:not_found", expect(NOT_FOUND), kwargs=lambda w: {"rest": "people/1.5/"}),
    Case("api:api-root", expect(OK, anonymous=UNAUTHORISED)),
    Case("api:organisation-list", expect(OK, anonymous=UNAUTHORISED)),
    Case(
        "api:organisation-detail",
        expect(OK, anonymous=UNAUTHORISED, outsider=NOT_FOUND),
        kwargs=lambda w: {"pk": w.org.pk},
    ),
    Case("api:person-list", expect(OK, anonymous=UNAUTHORISED)),
    Case("api:person-detail", expect(NOT_FOUND, anonymous=UNAUTHORISED, **SEES_PEER), kwargs=_peer),
    Case(
        "api:person-detail",
        expect(
            NOT_FOUND,
            anonymous=UNAUTHORISED,
            peer=OK,
            coordinator=OK,
            administrator=OK,
            worker=FORBIDDEN,
            supervisor=FORBIDDEN,
        ),
        kwargs=_peer,
        method="patch",
        label="edit",
    ),
    Case("api:person-me", expect(OK, anonymous=UNAUTHORISED)),
]
