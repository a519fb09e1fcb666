"""A person's one-to-one records: everything in a subject access request, all gone on erasure."""

from django.utils import timezone

from access.actor import actor_for_user
from referrals import privacy as referral_privacy
from referrals.models import Referral
from support import privacy, services
from support.models import Agreement, Note


def test_subject_access_includes_notes_and_erasure_removes_everything(world):
    worker = actor_for_user(world.users["worker"])
    peer = world.people["peer"]
    Referral.objects.create(organisation=world.org, person=peer, route="self", reason="Lonely since the move")
    agreement = services.agreement_start(person=peer, worker=world.people["worker"], goals="Swim again", actor=worker)
    session = services.session_schedule(
        agreement=agreement, starts_at=timezone.now(), minutes=60, mode="online", actor=worker
    )
    services.note_write(agreement=agreement, session=session, text="Went to the pool", actor=worker)
    data = privacy.subject_data(peer)
    assert data["Support agreements"][0]["goals"] == "Swim again"
    assert data["Notes"][0]["text"] == "Went to the pool"
    assert referral_privacy.subject_data(peer)["Referrals"][0]["what you wanted us to know"] == "Lonely since the move"
    assert privacy.erase(peer, actor=None) == {"agreements": 1, "sessions": 1, "notes": 1}
    assert referral_privacy.erase(peer, actor=None) == {"referrals": 1}
    assert not Agreement.objects.exists() and not Note.objects.exists() and not Referral.objects.exists()
