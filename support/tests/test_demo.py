"""Demo data for one-to-one support: referrals in every state, matches within capacity, sessions."""

from django.db.models import Count

from people.management.commands.demo import load_demo
from people.models import Relationship
from referrals.models import Referral
from support.models import Agreement, Note, Session


def test_demo_has_referrals_in_every_state_and_nobody_over_capacity(db):
    ctx = load_demo("small", 3, log=lambda line: None)
    assert set(Referral.objects.values_list("status", flat=True)) == {
        "received",
        "contacted",
        "choosing",
        "matched",
        "closed",
    }
    busiest = (
        Relationship.objects.filter(kind="supports", ended_at=None)
        .values("from_person")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert busiest["n"] <= 6
    assert Session.objects.count() > Agreement.objects.count() > 0
    peer, worker = ctx.logins["peer"], ctx.logins["worker"]
    mine = Agreement.objects.get(person=peer, worker=worker, ended_at=None)
    assert Note.objects.filter(agreement=mine).exists()
    assert Relationship.objects.filter(from_person=worker, to_person=peer, ended_at=None).exists()
