"""Whatever is typed into the privacy forms, the answer is a page with a plain message, never a server error."""

import uuid

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy.models import RetentionRule, RightsRequest

ANY_TEXT = st.text(max_size=300)
FUZZ = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(code=ANY_TEXT)
def test_any_text_typed_as_a_two_factor_code_is_refused_plainly(client, world, code):
    client.post(reverse("login"), {"username": "coordinator@example.org", "password": "correct horse battery staple"})
    from people.testing import authenticator_for

    device = authenticator_for(world.users["coordinator"])
    device.throttling_failure_count = 0
    device.save(update_fields=["throttling_failure_count"])
    response = client.post("/two-factor/verify/", {"otp_token": code})
    assert response.status_code == 200
    assert "did not work" in response.content.decode() or "Code" in response.content.decode()
    client.logout()


@FUZZ
@given(days=ANY_TEXT)
def test_any_text_typed_as_a_retention_period_is_refused_plainly_or_saved(client, world, days):
    client.force_login(world.users["administrator"])
    url = reverse("privacy:retention", kwargs={"slug": world.org.slug})
    response = client.post(url, {"reminders.delivery": days}, follow=True)
    assert response.status_code == 200
    stripped = days.strip()
    rule = RetentionRule.objects.filter(organisation=world.org, key="reminders.delivery").first()
    if stripped.isdigit() and 1 <= int(stripped) <= 36_500:
        assert rule.days == int(stripped)
    elif stripped:
        assert "retention period" in response.content.decode() or "whole number" in response.content.decode()


def test_a_retention_period_too_long_for_the_database_is_refused_plainly(client, world):
    client.force_login(world.users["administrator"])
    url = reverse("privacy:retention", kwargs={"slug": world.org.slug})
    response = client.post(url, {"reminders.delivery": "99999999999999"}, follow=True)
    assert "between one day and 100 years" in response.content.decode()
    assert not RetentionRule.objects.exists()


@FUZZ
@given(kind=ANY_TEXT, reason=ANY_TEXT, notes=st.text(max_size=3000))
def test_any_rights_request_form_input_is_refused_plainly_or_logged_whole(client, world, kind, reason, notes):
    client.force_login(world.users["coordinator"])
    before = RightsRequest.objects.count()
    url = reverse("privacy:person_rights", kwargs={"person_id": world.person("peer").pk})
    data = {"action": "request", "kind": kind, "reason": reason, "notes": notes, "submission_token": str(uuid.uuid4())}
    response = client.post(url, data)
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert RightsRequest.objects.count() == before
        assert "There is a problem" in response.content.decode() or "Choose" in response.content.decode()
