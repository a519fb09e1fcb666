from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from privacy.models import RightsRequest


def _peer(world):
    return {"person_id": world.people["peer"].pk}


def _peer_as(fmt):
    return lambda world: {"person_id": world.people["peer"].pk, "fmt": fmt}


def _request(world):
    from datetime import date

    rq = RightsRequest.objects.create(
        organisation=world.org,
        subject=world.people["peer"],
        reference="R-AUTHZ",
        kind=RightsRequest.Kind.ACCESS,
        due_on=date(2030, 1, 1),
    )
    return {"request_id": rq.pk}


# The peer's record is visible to the peer, their worker, supervisors, coordinators and
# administrators of the organisation; only the organisation's coordinator handles rights requests.
HANDLES_PEER = expect(
    NOT_FOUND,
    anonymous=LOGIN,
    peer=FORBIDDEN,
    worker=FORBIDDEN,
    supervisor=FORBIDDEN,
    administrator=FORBIDDEN,
    coordinator=OK,
)

CASES = [
    # Signed in (and verified, for staff): the page to manage two-factor authentication.
    Case("privacy:two_factor", expect(OK, anonymous=LOGIN)),
    # Already verified staff go on to where they were going; peers without a device go to set-up.
    Case("privacy:two_factor_verify", expect(302)),
    Case("privacy:my_data", expect(OK, anonymous=LOGIN)),
    Case("privacy:my_data_download", expect(OK, anonymous=LOGIN), kwargs=lambda w: {"fmt": "json"}),
    Case("privacy:my_data_download", expect(NOT_FOUND, anonymous=LOGIN), kwargs=lambda w: {"fmt": "xml"}, label="bad"),
    Case("privacy:person_rights", HANDLES_PEER, kwargs=_peer),
    Case("privacy:subject_access", HANDLES_PEER, kwargs=_peer_as("json")),
    Case("privacy:requests", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, outsider=OK)),
    Case("privacy:request", expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, outsider=NOT_FOUND), kwargs=_request),
    Case(
        "privacy:retention",
        expect(FORBIDDEN, anonymous=LOGIN, administrator=OK, outsider=NOT_FOUND),
        kwargs=lambda w: {"slug": w.org.slug},
    ),
]
