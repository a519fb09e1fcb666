from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect
from referrals.models import Offer, Referral

REDIRECT = 302


def _referral(world, status=Referral.Status.CHOOSING):
    return Referral.objects.create(
        organisation=world.org, person=world.people["peer"], route=Referral.Route.SELF, status=status
    )


def _referral_id(world):
    return {"referral_id": _referral(world).pk}


def _offer_id(world):
    offer = Offer.objects.create(referral=_referral(world), worker=world.people["worker"], reasons=["Shared theme"])
    return {"offer_id": offer.pk}


def _chosen_offer_id(world):
    offer = Offer.objects.create(
        referral=_referral(world), worker=world.people["worker"], reasons=[], status=Offer.Status.CHOSEN
    )
    return {"offer_id": offer.pk}


# Coordinators of the organisation run triage; supervisors may look.
COORDINATOR_ONLY = expect(FORBIDDEN, anonymous=LOGIN, coordinator=OK, outsider=OK)
# A referral: the person themselves, and the organisation's supervisors and coordinators.
SEES_REFERRAL = {"peer": OK, "supervisor": OK, "coordinator": OK}

CASES = [
    Case("referrals:refer", expect(OK)),
    Case("referrals:refer_thanks", expect(OK)),
    Case("referrals:queue", COORDINATOR_ONLY),
    Case("referrals:create", COORDINATOR_ONLY),
    Case("referrals:detail", expect(NOT_FOUND, anonymous=LOGIN, **SEES_REFERRAL), kwargs=_referral_id),
    Case(
        "referrals:transition",
        expect(NOT_FOUND, anonymous=LOGIN, peer=FORBIDDEN, supervisor=FORBIDDEN, coordinator=REDIRECT),
        kwargs=_referral_id,
        method="post",
    ),
    Case(
        "referrals:preferences",
        expect(NOT_FOUND, anonymous=LOGIN, peer=FORBIDDEN, supervisor=FORBIDDEN, coordinator=REDIRECT),
        kwargs=_referral_id,
        method="post",
    ),
    Case(
        "referrals:offer",
        expect(NOT_FOUND, anonymous=LOGIN, peer=FORBIDDEN, supervisor=FORBIDDEN, coordinator=REDIRECT),
        kwargs=_referral_id,
        method="post",
    ),
    Case("referrals:offers_waiting", expect(FORBIDDEN, anonymous=LOGIN, worker=OK)),
    Case(
        "referrals:choose",
        expect(NOT_FOUND, anonymous=LOGIN, peer=REDIRECT, supervisor=FORBIDDEN, coordinator=REDIRECT),
        kwargs=_offer_id,
        method="post",
    ),
    Case("referrals:answer", expect(NOT_FOUND, anonymous=LOGIN, worker=OK), kwargs=_chosen_offer_id),
]

CASES.append(
    Case(
        "referrals:worker_profile",
        expect(NOT_FOUND, anonymous=LOGIN, worker=OK, supervisor=FORBIDDEN, coordinator=OK),
        kwargs=lambda w: {"person_id": w.people["worker"].pk},
    )
)

UNAUTHORISED = 401
CASES += [
    Case("api:referral-list", expect(OK, anonymous=UNAUTHORISED)),
    Case(
        "api:referral-detail",
        expect(NOT_FOUND, anonymous=UNAUTHORISED, supervisor=OK, coordinator=OK),
        kwargs=lambda w: {"pk": _referral(w).pk},
    ),
]
