import pytest
from django.urls import reverse

from qualitative.models import Project
from qualitative.testing import devon_evaluation

pytestmark = pytest.mark.django_db


def test_starting_a_project_from_an_evaluation_brings_in_its_answers_once(world, client):
    evaluation, _ = devon_evaluation(world, size=2)
    client.force_login(world.users["evaluator"])
    url = reverse("qualitative:projects")
    form = client.get(url).context["form"]
    data = {
        "name": "Course answers",
        "evaluation": evaluation.pk,
        "submission_token": form["submission_token"].initial,
    }
    first = client.post(url, data)
    again = client.post(url, data)  # the button pressed twice
    project = Project.objects.get()
    assert first.url == again.url == reverse("qualitative:project", args=[project.pk])
    assert project.documents.count() == 2 * 3 * 3
    assert project.lead == world.people["evaluator"]


def test_a_project_needs_a_name(world, client):
    client.force_login(world.users["evaluator"])
    response = client.post(reverse("qualitative:projects"), {"name": " "})
    assert response.status_code == 200
    assert not Project.objects.exists()


def test_the_lead_draws_the_sample_on_its_page(project, team, client):
    client.force_login(team["lead"].user)
    url = reverse("qualitative:sample", args=[project.pk])
    client.post(url, {"fraction": "0.3333", "seed": "42", "coders": [team["lead"].person_id, team["second"].person_id]})
    project.refresh_from_db()
    assert project.sample_seed == 42
    assert project.documents.filter(in_sample=True).count() == 18
    assert "seed 42" in client.get(url).content.decode()


def test_only_the_lead_draws_the_sample(project, team, client):
    client.force_login(team["second"].user)
    response = client.post(
        reverse("qualitative:sample", args=[project.pk]),
        {"fraction": "0.5", "coders": [team["lead"].person_id, team["second"].person_id]},
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert not project.has_sample


def test_codebook_and_analysis_pages_keep_their_query_count(project, team, client, django_assert_max_num_queries):
    from qualitative import services

    client.force_login(team["lead"].user)
    urls = [
        reverse("qualitative:codebook", args=[project.pk]),
        reverse("qualitative:analysis", args=[project.pk]),
        reverse("qualitative:code", args=[project.pk, project.codes_by_name["Mutuality"].pk]),
    ]
    for url in urls:
        with django_assert_max_num_queries(25):
            client.get(url)
    for document in project.documents.all()[:20]:
        services.segments_apply(document=document, codes=[project.codes_by_name["Mutuality"]], actor=team["lead"])
    for url in urls:
        with django_assert_max_num_queries(25):
            client.get(url)
