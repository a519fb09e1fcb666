from api.tests.test_api import api, token_for
from audit.models import AuditEvent
from outcomes.models import ServiceUse
from outcomes.tests.helpers import D, consenting_person, stay


def test_integration_records_a_stay_and_is_refused_without_consent(world):
    client = api(token_for(world, "coordinator"))
    response = client.post(
        "/api/outcomes/stays/", {"person": world.people["peer"].pk, "kind": "hospital", "started_on": "2026-01-05"}
    )
    assert response.status_code == 400
    assert "has not agreed" in response.json()["detail"]
    person = consenting_person(world, "Ana")
    response = client.post(
        "/api/outcomes/stays/",
        {"person": person.pk, "kind": "hospital", "started_on": "2026-01-05", "ended_on": "2026-01-19"},
    )
    assert response.status_code == 201, response.json()
    assert ServiceUse.objects.get(pk=response.json()["id"]).days == 14


def test_listing_stays_through_the_api_is_a_recorded_read(world):
    person = consenting_person(world, "Ana")
    use = stay(person, D(2025, 1, 1), D(2025, 1, 9))
    response = api(token_for(world, "coordinator")).get("/api/outcomes/stays/")
    assert [row["id"] for row in response.json()["results"]] == [use.pk]
    assert AuditEvent.objects.filter(action="read", target_type="outcomes.serviceuse", target_id=str(use.pk)).exists()


def test_stats_endpoint_gives_the_same_figures_as_the_page_and_checks_its_input(world):
    client = api(token_for(world, "evaluator"))
    data = client.get("/api/outcomes/stays/stats/?start=2023-01-01&end=2025-12-31").json()
    assert data["period"] == {"start": "2023-01-01", "end": "2025-12-31"}
    assert "not randomly assigned" in data["caution"]
    assert client.get("/api/outcomes/stays/stats/?end=31-12-2025").status_code == 400
    assert client.get("/api/outcomes/stays/stats/?start=2025-01-01&end=2024-01-01").status_code == 400
    assert client.get("/api/outcomes/stays/stats/?org=elsewhere").status_code == 400
