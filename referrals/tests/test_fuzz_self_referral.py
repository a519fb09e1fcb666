"""Hypothesis fuzzing of the public self-referral form: whatever is posted, the
answer is the form again with a plain message (nothing saved) or the thank-you
page (one referral saved) — never a server error, never half a referral."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.models import Referral

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

text = st.text(max_size=60) | st.sampled_from(["", " ", "\x00", "a" * 400, "<script>", "Alex", "EX2", "SW1A 1AA"])
fields = st.fixed_dictionaries(
    {},
    optional={
        "display_name": text,
        "email": text | st.emails(),
        "phone": text | st.sampled_from(["01392 000000", "+44 7700 900123", "１２３４５６７８"]),
        "contact_notes": text,
        "postcode_district": text,
        "organisation": st.sampled_from(["", "0", "-1", "abc", "99999999999999999999"]) | text,
        "website": st.sampled_from(["", "http://spam.example"]),
        "submission_token": st.sampled_from(["", "not-a-token", "x" * 100]) | st.uuids().map(str),
    },
)


@pytest.fixture
def form_posts(world):
    return world


@FUZZ
@given(data=fields, real_org=st.booleans())
def test_any_self_referral_post_saves_one_referral_or_refuses_plainly(client, form_posts, data, real_org):
    if real_org:
        data = {**data, "organisation": str(form_posts.org.pk)}
    before = Referral.objects.count()
    response = client.post("/refer/", data)
    assert response.status_code in (200, 302)
    after = Referral.objects.count()
    if response.status_code == 200:
        assert after == before
        if data:  # an empty post just shows the blank form again
            assert "There is a problem" in response.content.decode()
    else:
        assert after - before in (0, 1)  # spam, a repeated token, or the one new referral


def test_a_fresh_valid_self_referral_is_saved_once(client, world):
    data = {
        "organisation": str(world.org.pk),
        "display_name": "Robin",
        "email": "robin@example.org",
        "submission_token": str(uuid.uuid4()),
    }
    assert client.post("/refer/", data).status_code == 302
    assert client.post("/refer/", data).status_code == 302
    assert Referral.objects.count() == 1
