import datetime as dt

import pyreadstat
import pytest

from evaluation import services
from evaluation.models import Instrument, Response
from evaluation.testing import cohort, shipped
from people import services as people_services
from people.models import Consent, ConsentScope

pytestmark = pytest.mark.django_db


def _peer_in_devon(world):
    evaluation = services.evaluation_create_devon(
        organisation=world.org, name="Course", anchor_date=dt.date(2026, 1, 5), actor=None
    )
    peer = world.people["peer"]
    people_services.consent_record(
        person=peer, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.ONLINE, actor=None
    )
    participant = services.participant_enrol(evaluation=evaluation, person=peer, actor=None, research_number="R1")
    return evaluation, participant


def test_evaluator_builds_an_instrument_adds_questions_and_publishes(client, world):
    client.force_login(world.users["evaluator"])
    page = client.get("/evaluation/instruments/new/")
    token = page.context["form"]["submission_token"].value()
    response = client.post(
        "/evaluation/instruments/new/", {"name": "Check-in", "code": "check-in", "submission_token": token}
    )
    assert response.status_code == 302
    again = client.post(
        "/evaluation/instruments/new/", {"name": "Check-in", "code": "check-in", "submission_token": token}
    )
    assert again["Location"] == response["Location"]
    assert Instrument.objects.filter(code="check-in").count() == 1
    url = response["Location"]
    client.post(
        url + "items/",
        {
            "code": "interest",
            "text": "How interested are you?",
            "kind": "scale",
            "options": "0=I'm no longer interested\n4=I'm committed to participation",
            "required": "on",
        },
    )
    client.post(
        url + "items/",
        {"code": "why", "text": "Why?", "kind": "long_text", "show_if_item": "interest", "show_if_value": "4"},
    )
    client.post(url + "publish/")
    page = client.get(url).content.decode()
    assert "I&#x27;m committed to participation" in page and "published" in page
    version = Instrument.objects.get(code="check-in").versions.get()
    assert version.is_published and version.items.get(code="why").enable_when == {"item": "interest", "equals": 4}


def test_bad_question_gives_a_clear_message_and_adds_nothing(client, world):
    client.force_login(world.users["evaluator"])
    version = services.instrument_create(definition={"code": "c", "name": "C"}, organisation=world.org, actor=None)
    response = client.post(
        f"/evaluation/instruments/{version.pk}/items/",
        {"code": "q", "text": "Q", "kind": "single", "options": "yes please"},
        follow=True,
    )
    assert "Line 1: write each answer as number=label." in response.content.decode()
    assert not version.items.exists()


def test_participant_completes_a_wave_on_the_web_and_can_save_and_return(client, world):
    evaluation, participant = _peer_in_devon(world)
    wave = evaluation.waves.get(position=1)
    version = shipped("devon-day1")
    client.force_login(world.users["peer"])
    listing = client.get("/evaluation/mine/").content.decode()
    url = f"/evaluation/answer/{participant.pk}/{wave.pk}/{version.pk}/"
    assert url in listing
    client.post(url, {"involved": "1", "save_for_later": "1"})
    response = Response.objects.get(participant=participant)
    assert not response.is_complete
    page = client.get(url)
    assert page.context["form"].initial["involved"] == "1"
    missing = client.post(url, {"understand": "Mutual learning"}).content.decode()
    assert "Please answer: involved" in missing
    client.post(url, {"involved": "1", "involved_desc": "A weekly group", "understand": "Mutual learning"})
    response.refresh_from_db()
    assert response.is_complete and response.mode == "web"
    assert "done, thank you" in client.get("/evaluation/mine/").content.decode()


def test_worker_enters_phone_answers_marked_as_such_and_double_entry_catches_typing_differences(client, world):
    evaluation, participant = _peer_in_devon(world)
    wave = evaluation.waves.get(position=3)
    version = shipped("devon-2m")
    client.force_login(world.users["worker"])
    url = f"/evaluation/enter/{participant.pk}/{wave.pk}/{version.pk}/"
    page = client.post(
        url,
        {
            "mode": "paper",
            "attempted_ips": "1",
            "attempted_ips_n": "4",
            "second_entry": "attempted_ips=1\nattempted_ips_n=5",
        },
    ).content.decode()
    assert "The two typings differ" in page and "attempted_ips_n" in page
    assert not Response.objects.exists()
    client.post(url, {"mode": "phone", "attempted_ips": "1", "attempted_ips_n": "4", "passed_on": "0"})
    saved = Response.objects.get()
    assert saved.mode == "phone" and saved.entered_by == world.users["worker"]


def test_paper_form_is_a_pdf_with_the_research_number(client, world):
    evaluation, participant = _peer_in_devon(world)
    wave = evaluation.waves.get(position=1)
    client.force_login(world.users["coordinator"])
    response = client.get(f"/evaluation/paper/{participant.pk}/{wave.pk}/{shipped('devon-day1').pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "R1-1-devon-day1.pdf" in response["Content-Disposition"]


def test_results_page_shows_research_numbers_only_with_constant_queries(client, world, django_assert_max_num_queries):
    evaluation = services.evaluation_create_devon(
        organisation=world.org, name="Course", anchor_date=dt.date(2026, 1, 5), actor=None
    )
    version = shipped("devon-2m")
    wave = evaluation.waves.get(position=3)
    client.force_login(world.users["evaluator"])

    def add(n_from, n_to):
        for participant in cohort(world, evaluation, n_to)[n_from:]:
            services.response_save(
                participant=participant,
                wave=wave,
                version=version,
                actor=None,
                answers={"attempted_ips": 1, "passed_on": 0, "interest_ips": 3},
            )

    add(0, 3)
    with django_assert_max_num_queries(30):
        small = client.get(f"/evaluation/{evaluation.pk}/")
    assert "3/3 (100%)" in small.content.decode()
    evaluation.participants.all().delete()
    add(0, 15)
    with django_assert_max_num_queries(30):
        page = client.get(f"/evaluation/{evaluation.pk}/?quantiles=spss").content.decode()
    assert "15/15 (100%)" in page and "SPSS" in page
    assert "Participant 1" not in page
    assert "D001" in page


@pytest.mark.django_db(transaction=True)
def test_export_runs_as_a_job_and_the_file_reads_back(client, world, run_worker, tmp_path):
    evaluation, participant = _peer_in_devon(world)
    wave = evaluation.waves.get(position=3)
    services.response_save(
        participant=participant,
        wave=wave,
        version=shipped("devon-2m"),
        actor=None,
        answers={"attempted_ips": 1, "attempted_ips_n": 4, "passed_on": 0},
    )
    client.force_login(world.users["evaluator"])
    response = client.post(f"/evaluation/{evaluation.pk}/export/", {"format": "sav", "shape": "long"})
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    run_worker()
    download = client.get(response["Location"] + "download/")
    path = tmp_path / "export.sav"
    path.write_bytes(b"".join(download.streaming_content))
    frame, _ = pyreadstat.read_sav(str(path))
    assert list(frame["research_number"]) == ["R1"]
    assert frame["devon_2m_attempted_ips_n"].iloc[0] == 4


def test_api_gives_evaluators_the_statistics_as_json(client, world):
    evaluation, participant = _peer_in_devon(world)
    services.response_save(
        participant=participant,
        wave=evaluation.waves.get(position=3),
        version=shipped("devon-2m"),
        actor=None,
        answers={"attempted_ips": 1, "passed_on": 0},
    )
    client.force_login(world.users["evaluator"])
    body = client.get(f"/api/evaluation/evaluations/{evaluation.pk}/stats/?quantiles=spss").json()
    assert body["response"]["waves"][2]["text"] == "1/1 (100%)"
    assert body["descriptives"]["quantiles"] == "spss"


def test_chart_page_shows_distribution_per_wave_and_change_per_person_with_the_data(client, world):
    from evaluation.testing import evaluation_with

    phq = shipped("phq-9")
    evaluation = evaluation_with(world, [phq], waves=[("Start", 0), ("End", 90)])
    start, end = evaluation.waves.order_by("position")
    for n, participant in enumerate(cohort(world, evaluation, 4)):
        for wave, value in ((start, 2), (end, n % 2)):
            services.response_save(
                participant=participant,
                wave=wave,
                version=phq,
                actor=None,
                answers={f"phq9_{i}": value for i in range(1, 10)},
            )
    client.force_login(world.users["evaluator"])
    page = client.get(f"/evaluation/{evaluation.pk}/chart/phq9_total/").content.decode()
    assert "Distribution per wave" in page and "Change between waves" in page and "alt=" in page
    image = client.get(f"/evaluation/{evaluation.pk}/chart/phq9_total/image.svg")
    assert image["Content-Type"] == "image/svg+xml" and b"<svg" in image.content


def test_one_question_per_page_saves_as_it_goes_and_skips_hidden_questions(client, world):
    evaluation, participant = _peer_in_devon(world)
    wave = evaluation.waves.get(position=1)
    client.force_login(world.users["peer"])
    url = f"/evaluation/answer/{participant.pk}/{wave.pk}/{shipped('devon-day1').pk}/"
    first = client.get(url + "?one=1").content.decode()
    assert "Question 1 of 4" in first  # the description is hidden until "yes"
    step = client.post(url + "?one=1&q=0", {"involved": "0"})
    assert step["Location"].endswith("?one=1&q=1")
    assert not Response.objects.get().is_complete
    page = client.get(step["Location"]).content.decode()
    assert "Question 2 of 4" in page and "What do you currently understand" in page
    client.post(url + "?one=1&q=1", {"understand": "Being there"})
    client.post(url + "?one=1&q=2", {})
    done = client.post(url + "?one=1&q=3", {"feel": "Hopeful"})
    assert done["Location"] == "/evaluation/mine/"
    response = Response.objects.get()
    assert response.is_complete
    assert sorted(response.answers.values_list("item__code", flat=True)) == ["feel", "involved", "understand"]


def test_coordinator_enrols_an_imported_list_from_the_page(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation.testing import consenting_person

    evaluation = services.evaluation_create_devon(
        organisation=world.org, name="Course", anchor_date=dt.date(2026, 1, 5), actor=None
    )
    person = consenting_person(world, "Ash")
    person.email = "ash@example.org"
    person.save()
    client.force_login(world.users["coordinator"])
    url = f"/evaluation/{evaluation.pk}/enrol/"
    bad = client.post(url, {"list": SimpleUploadedFile("l.csv", b"name\nAsh\n")}).content.decode()
    assert "needs an “email” column" in bad
    client.post(url, {"list": SimpleUploadedFile("l.csv", b"email,research_number\nash@example.org,C9\n")})
    assert list(evaluation.participants.values_list("research_number", flat=True)) == ["C9"]
