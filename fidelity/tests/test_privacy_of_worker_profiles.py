"""No league tables: one worker's fidelity is seen by that worker and their supervisor only."""

import pytest
from django.urls import get_resolver, reverse

from fidelity import services, testing
from fidelity.models import Perspective

pytestmark = pytest.mark.django_db

NOT_THE_WORKER_OR_SUPERVISOR = ["coordinator", "facilitator", "trainer", "evaluator", "administrator", "peer"]


def _closed_worker_round(world):
    round_ = testing.worker_round(world)
    testing.answer(round_, testing.consent(world.people["worker"]), Perspective.WORKER, 3)
    testing.answer(round_, testing.consent(world.people["peer"]), Perspective.PERSON, 1)
    testing.answer(round_, testing.consent(world.people["supervisor"]), Perspective.SUPERVISOR, 2)
    return services.round_close(round_=round_, actor=None)


def test_worker_profile_and_rounds_are_visible_to_the_worker_and_supervisor_only(world, client):
    round_ = _closed_worker_round(world)
    other_worker = world.add_person("Kim", role="worker")
    pages = [
        reverse("fidelity:round", args=[round_.pk]),
        reverse("fidelity:round_chart", args=[round_.pk]),
        reverse("fidelity:round_report", args=[round_.pk]),
        reverse("fidelity:profile", args=["worker", world.people["worker"].pk]),
        reverse("fidelity:profile_chart", args=["worker", world.people["worker"].pk]),
    ]
    for role in ("worker", "supervisor"):
        client.force_login(world.users[role])
        assert all(client.get(page).status_code == 200 for page in pages), role
    for user in [world.users[r] for r in NOT_THE_WORKER_OR_SUPERVISOR] + [other_worker.user]:
        client.force_login(user)
        assert all(client.get(page).status_code == 404 for page in pages), user
        home = client.get(reverse("fidelity:home"))
        assert round_.label not in home.content.decode()


def test_no_page_lists_workers_side_by_side_with_scores(world, client):
    """Every fidelity page is about one round, one subject over time, or a self-assessment:
    there is no URL that takes several workers, and the home page lists no worker scores."""
    resolver = next(r for r in get_resolver().url_patterns if getattr(r, "namespace", "") == "fidelity")
    patterns = " ".join(str(p.pattern) for p in resolver.url_patterns)
    assert "rank" not in patterns and "league" not in patterns and "compare" not in patterns
    _closed_worker_round(world)
    client.force_login(world.users["coordinator"])
    home = client.get(reverse("fidelity:home")).content.decode()
    assert world.people["worker"].display_name + "'s profile" not in home


def test_subject_access_lists_and_erasure_removes_a_workers_fidelity(world):
    from fidelity import privacy
    from fidelity.models import Respondent, Round

    round_ = _closed_worker_round(world)
    data = privacy.subject_data(world.people["worker"])
    assert data["Fidelity rounds about your practice"][0]["round"] == round_.label
    assert data["Fidelity rounds you were asked to answer"][0]["as"] == "Peer worker"
    counts = privacy.erase(world.people["worker"], actor=None)
    assert counts["rounds about the person"] == 1
    assert not Round.objects.exists() and not Respondent.objects.exists()


def test_a_worker_rounds_ratings_cannot_be_reached_through_the_evaluation_pages(world, client):
    """A round keeps its ratings in an evaluation behind the scenes; the evaluation pages,
    lists and commissioner reports must not show it, or an evaluator could read one worker's profile."""
    round_ = _closed_worker_round(world)
    client.force_login(world.users["evaluator"])
    listing = client.get(reverse("evaluation:home")).content.decode()
    assert round_.evaluation.name not in listing
    assert client.get(reverse("evaluation:detail", args=[round_.evaluation.pk])).status_code == 404
    export = client.post(reverse("evaluation:export", args=[round_.evaluation.pk]), {"format": "csv"})
    assert export.status_code == 404
