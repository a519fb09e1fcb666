import pytest
from django.urls import reverse

from access.actor import actor_for_user
from evaluation import services as evaluation_services
from evaluation.models import Participant
from mutuality.errors import ServiceError
from qualitative import selectors, services
from qualitative.models import Document, Segment

pytestmark = pytest.mark.django_db


def test_project_gathers_every_free_text_answer_by_research_number_item_and_wave(project, client, world):
    documents = list(project.documents.select_related("participant"))
    assert len(documents) == 6 * 3 * 3  # six people, three open questions, three waves
    first = documents[0]
    assert first.participant.research_number.startswith("D")
    assert {d.wave_label for d in documents} == {"Day 1", "Day 5", "Two months"}
    assert {d.item_code for d in documents} == {"understand", "offer", "feel"}
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("qualitative:project", args=[project.pk])).content.decode()
    assert "D001" in page
    assert "Participant 1" not in page  # never names


def test_project_page_filters_by_wave_and_question(project, client, world):
    client.force_login(world.users["evaluator"])
    url = reverse("qualitative:project", args=[project.pk])
    response = client.get(url, {"wave": "Day 5", "item": "offer"})
    assert len(response.context["documents"]) == 6


def test_coder_applies_codes_to_a_whole_answer_and_to_a_passage(project, team):
    document = project.documents.get(participant__research_number="D002", item_code="understand", wave_position=2)
    codes = project.codes_by_name
    services.segments_apply(document=document, codes=[codes["Mutuality"]], actor=team["lead"])
    start, end = services.passage_offsets(document.text, "A two-way street.")
    services.segments_apply(
        document=document,
        codes=[codes["Mutuality"], codes["An alternative way of working"]],
        start=start,
        end=end,
        actor=team["lead"],
    )
    segments = list(Segment.objects.filter(document=document).order_by("id"))
    assert segments[0].is_whole
    assert segments[1].passage(document.text) == "A two-way street."
    assert len(segments) == 3


def test_a_passage_not_in_the_answer_is_refused(project, team, client, world):
    document = project.documents.first()
    client.force_login(world.users["evaluator"])
    response = client.post(
        reverse("qualitative:document", args=[project.pk, document.pk]),
        {"codes": [project.codes_by_name["Mutuality"].pk], "passage": "words nobody wrote"},
    )
    assert response.status_code == 200
    assert "That passage is not in the answer" in response.content.decode()
    assert not Segment.objects.exists()


def test_coding_without_choosing_a_code_is_refused(project, client, world):
    document = project.documents.first()
    client.force_login(world.users["evaluator"])
    response = client.post(reverse("qualitative:document", args=[project.pk, document.pk]), {"passage": ""})
    assert response.status_code == 200
    assert not Segment.objects.exists()


def test_a_code_from_another_project_cannot_be_applied(project, team, world):
    other = services.project_create(organisation=world.org, name="Other", actor=team["lead"])
    stranger = services.code_create(project=other, name="Elsewhere", actor=team["lead"])
    with pytest.raises(ServiceError):
        services.segments_apply(document=project.documents.first(), codes=[stranger], actor=team["lead"])


def test_coding_a_withdrawn_participants_answer_is_impossible(project, team, client, world):
    document = project.documents.filter(participant__research_number="D003").first()
    participant = Participant.objects.get(pk=document.participant_id)
    evaluation_services.participants_withdraw(person_id=participant.identity.person_id, actor=None)
    with pytest.raises(ServiceError, match="withdrawn"):
        services.segments_apply(document=document, codes=[project.codes_by_name["Mutuality"]], actor=team["lead"])
    client.force_login(world.users["evaluator"])
    url = reverse("qualitative:document", args=[project.pk, document.pk])
    assert client.get(url).status_code == 410
    assert client.post(url, {"codes": [project.codes_by_name["Mutuality"].pk]}).status_code == 410
    assert not Segment.objects.exists()
    listed = {d.pk for d in selectors.documents_list(project, team["lead"])}
    assert document.pk not in listed


def test_new_project_leaves_out_answers_of_people_who_withdrew(project, team, world):
    participant = Participant.objects.get(evaluation=project.evaluation, research_number="D001")
    evaluation_services.participants_withdraw(person_id=participant.identity.person_id, actor=None)
    again = services.project_create(
        organisation=world.org, name="Again", evaluation=project.evaluation, actor=team["lead"]
    )
    assert again.documents.count() == 5 * 3 * 3


def test_imported_workshop_notes_can_be_coded(project, team):
    notes = services.text_import(
        project=project,
        title="Workshop notes, two months",
        text="Where do we go from here? More groups.",
        wave_label="Two months",
        actor=team["lead"],
    )
    services.segments_apply(document=notes, codes=[project.codes_by_name["Positive feelings"]], actor=team["lead"])
    assert notes.segments.count() == 1
    assert notes.label == "Workshop notes, two months"


@pytest.mark.parametrize(("title", "text"), [("", "Some words"), ("Notes", "   ")])
def test_importing_a_text_without_title_or_words_is_refused(project, team, title, text):
    before = Document.objects.count()
    with pytest.raises(ServiceError):
        services.text_import(project=project, title=title, text=text, actor=team["lead"])
    assert Document.objects.count() == before


def test_memos_on_codes_and_answers(project, team, client, world):
    client.force_login(world.users["evaluator"])
    document = project.documents.first()
    code = project.codes_by_name["Mutuality"]
    client.post(
        reverse("qualitative:memo_add", args=[project.pk]), {"code": code.pk, "text": "Shared experience counts."}
    )
    client.post(
        reverse("qualitative:memo_add", args=[project.pk]), {"document": document.pk, "text": "Ask about 'bad patch'."}
    )
    assert code.memos.get().text == "Shared experience counts."
    page = client.get(reverse("qualitative:document", args=[project.pk, document.pk])).content.decode()
    assert "Ask about" in page


def test_other_organisations_cannot_see_a_project(project, client, world):
    client.force_login(world.users["outsider"])
    assert client.get(reverse("qualitative:project", args=[project.pk])).status_code == 404


def test_coding_page_queries_do_not_grow_with_codes(project, team, client, world, django_assert_max_num_queries):
    client.force_login(world.users["evaluator"])
    document = project.documents.first()
    url = reverse("qualitative:document", args=[project.pk, document.pk])
    with django_assert_max_num_queries(30):
        client.get(url)
    for n in range(10):
        code = services.code_create(project=project, name=f"Extra {n}", actor=team["lead"])
        services.segments_apply(document=document, codes=[code], actor=team["lead"])
    with django_assert_max_num_queries(30):
        client.get(url)


def test_project_page_queries_do_not_grow_with_texts(project, team, client, world, django_assert_max_num_queries):
    client.force_login(world.users["evaluator"])
    url = reverse("qualitative:project", args=[project.pk])
    with django_assert_max_num_queries(20):
        client.get(url)
    for n in range(10):
        services.text_import(project=project, title=f"Notes {n}", text="More words.", actor=team["lead"])
    with django_assert_max_num_queries(20):
        client.get(url)


def test_a_second_evaluator_is_a_coder_but_not_the_lead(project, team):
    from access.rules import qualitative as rules

    assert rules.can_code(team["second"], project).allowed
    assert not rules.can_lead(team["second"], project).allowed
    assert rules.can_lead(actor_for_user(project.lead.user), project).allowed


def test_coded_passages_are_highlighted_in_the_answer(project, team, client, world):
    document = project.documents.get(participant__research_number="D002", item_code="understand", wave_position=2)
    start, end = services.passage_offsets(document.text, "A two-way street.")
    services.segments_apply(
        document=document, codes=[project.codes_by_name["Mutuality"]], start=start, end=end, actor=team["lead"]
    )
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("qualitative:document", args=[project.pk, document.pk])).content.decode()
    assert "<mark>A two-way street.</mark>" in page
