"""The REST API: schema, role-scoped tokens, the same policy as the web pages."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from access.actor import actor_for_user
from api.models import ApiToken
from api.services import token_create
from people import services


def token_for(world, role: str, *, person_role: str | None = None, **kwargs) -> str:
    user = world.users[person_role or role]
    _token, raw = token_create(
        actor=actor_for_user(user), name="Integration", organisation_id=world.org.pk, role=role, **kwargs
    )
    return raw


def api(raw: str | None = None) -> APIClient:
    client = APIClient()
    if raw:
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_openapi_schema_is_valid_and_documents_token_authentication(db, tmp_path):
    out = tmp_path / "schema.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(out))
    schema = json.loads(out.read_text())
    assert "/api/people/{id}/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["ApiToken"]["in"] == "header"


def test_token_sees_what_its_role_sees(world):
    response = api(token_for(world, "coordinator")).get("/api/people/")
    assert response.status_code == 200
    names = {row["display_name"] for row in response.json()["results"]}
    assert {"Alex", "Jo", "Morgan"} <= names


def test_token_acts_only_as_its_one_role(world):
    jo = world.people["worker"]
    services.role_grant(person=jo, organisation=world.org, kind="coordinator", actor=None)
    as_worker = token_for(world, "worker")
    names = {row["display_name"] for row in api(as_worker).get("/api/people/").json()["results"]}
    assert names == {"Jo", "Alex"}  # themself and the person they support, not the whole organisation


def test_token_can_only_be_made_for_a_role_the_person_holds(world):
    from mutuality.errors import ServiceError

    with pytest.raises(ServiceError, match="role you hold"):
        token_for(world, "administrator", person_role="worker")


def test_only_a_hash_of_the_token_is_stored(world):
    raw = token_for(world, "coordinator")
    stored = ApiToken.objects.get()
    assert raw not in (stored.key_hash, stored.key_hint) and stored.key_hint == raw[:10]


@pytest.mark.parametrize("spoil", ["revoke", "expire", "deactivate", "garble"])
def test_revoked_expired_or_garbled_tokens_are_refused(world, spoil):
    raw = token_for(world, "coordinator")
    if spoil == "revoke":
        ApiToken.objects.update(revoked_at=timezone.now())
    elif spoil == "expire":
        ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    elif spoil == "deactivate":
        world.users["coordinator"].is_active = False
        world.users["coordinator"].save()
    else:
        raw = raw + "x"
    response = api(raw).get("/api/people/")
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


def test_patch_with_a_stale_version_is_a_conflict_not_a_silent_overwrite(world):
    raw = token_for(world, "coordinator")
    peer = world.people["peer"]
    first = api(raw).patch(f"/api/people/{peer.pk}/", {"pronouns": "she/her", "version": 1}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = api(raw).patch(f"/api/people/{peer.pk}/", {"pronouns": "he/him", "version": 1}, format="json")
    assert stale.status_code == 409
    assert "Someone else changed this record" in stale.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"email": "not-an-email", "version": 1}, "email"), ({"term": "patient", "version": 1}, "term")],
)
def test_bad_input_to_the_api_gets_a_400_naming_the_field(world, body, field):
    response = api(token_for(world, "coordinator")).patch(
        f"/api/people/{world.people['peer'].pk}/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_me_returns_the_person_behind_the_token_with_their_chosen_word(world):
    response = api(token_for(world, "worker")).get("/api/people/me/")
    assert response.json()["display_name"] == "Jo"
    assert response.json()["term_label"] == "peer"


def test_token_page_shows_a_new_token_once(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        "/api/tokens/", {"name": "Warehouse", "role": f"{world.org.pk}:coordinator", "expires_in_days": 30}
    )
    raw = response.context["new_key"]
    assert raw.startswith("mut_") and raw in response.content.decode()
    assert raw not in client.get("/api/tokens/").content.decode()
