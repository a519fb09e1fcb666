import datetime as dt
import json

import numpy as np
import pyreadstat
import pytest
from django.core.management import call_command
from fhir.resources.R4B.bundle import Bundle
from scipy import stats as sps

from evaluation import services, stats
from evaluation.exports import MISSING_CODE, ExportOptions, write
from evaluation.models import Answer, Participant, Response
from evaluation.selectors import dataset
from evaluation.testing import cohort, consenting_person, evaluation_with, shipped
from mutuality.errors import ServiceError
from people import services as people_services
from people.models import Consent, ConsentScope

pytestmark = pytest.mark.django_db


@pytest.fixture
def devon(world):
    """The Devon course: 26 participants; 19 answer at two months, 23 at five months."""
    evaluation = services.evaluation_create_devon(
        organisation=world.org, name="IPS course", anchor_date=dt.date(2007, 3, 5), actor=None
    )
    people = cohort(world, evaluation, 26)
    waves = list(evaluation.waves.order_by("position"))
    two_months, five_months = waves[2], waves[3]
    v2, v5 = shipped("devon-2m"), shipped("devon-5m")
    for n, participant in enumerate(people[:19]):
        services.response_save(
            participant=participant,
            wave=two_months,
            version=v2,
            actor=None,
            answers={
                "attempted_ips": 1 if n < 12 else 0,
                "attempted_ips_n": n + 1 if n < 12 else None,
                "passed_on": 1 if n < 15 else 0,
                "interest_ips": 3 if n % 3 else 4,
                "interest_general": 2 + n % 3,
                "helped": "Staying in touch with the group",
            },
        )
    tasks = [3, 2, 2, 3, 3, 2, 1, 3, 3, 2, 3, 3, 2, 3, 3, 2, 3, 2, 3, 3]
    for n, participant in enumerate(people[:23]):
        general = n < 20
        answers = {"general_ps": 1 if general else 0, "ips": 1 if n < 15 else 0, "passed_on": 0}
        if general:
            answers.update(general_ps_n=10 + n, general_connection=tasks[n])
        services.response_save(participant=participant, wave=five_months, version=v5, answers=answers, actor=None)
    return evaluation


def test_response_per_wave_is_reported_as_n_of_N_with_percent(devon):
    rates = stats.response_rates(devon)
    assert [wave["text"] for wave in rates["waves"]] == ["0/26 (0%)", "0/26 (0%)", "19/26 (73%)", "23/26 (88%)"]


def test_descriptives_give_n_missing_frequencies_mean_sd_median_iqr(devon):
    result = stats.descriptives(devon, "default")
    two_months = result["waves"][2]
    attempted = next(v for v in two_months["variables"] if v["name"] == "devon_2m_attempted_ips")
    assert attempted["n"] == 19 and attempted["missing"] == 0
    yes = next(f for f in attempted["frequencies"] if f["label"] == "Yes")
    assert (yes["n"], yes["percent"]) == (12, 63)
    how_many = next(v for v in two_months["variables"] if v["name"] == "devon_2m_attempted_ips_n")
    assert how_many["n"] == 12 and how_many["missing"] == 7
    assert how_many["median"] == 6.5
    connection = next(v for v in result["waves"][3]["variables"] if v["name"] == "devon_5m_general_connection")
    expected = np.array([3, 2, 2, 3, 3, 2, 1, 3, 3, 2, 3, 3, 2, 3, 3, 2, 3, 2, 3, 3], dtype=float)
    assert connection["n"] == 20
    assert connection["mean"] == round(expected.mean(), 2)
    assert connection["sd"] == round(expected.std(ddof=1), 2)
    assert "type 7" in result["quantile_definition"]


def test_quartiles_default_and_spss_definitions_match_known_values():
    values = np.arange(1, 11, dtype=float)
    assert stats.quantiles(values, "default") == (3.25, 5.5, 7.75)
    # SPSS EXAMINE (weighted average at (n+1)p): 2.75 and 8.25 for 1..10.
    assert stats.quantiles(values, "spss") == (2.75, 5.5, 8.25)


def test_spss_option_is_stated_under_the_table(devon):
    result = stats.descriptives(devon, "spss")
    assert "SPSS" in result["quantile_definition"] and "type 6" in result["quantile_definition"]


def test_paired_change_uses_people_who_answered_both_waves(world):
    phq = shipped("phq-9")
    evaluation = evaluation_with(world, [phq], waves=[("Start", 0), ("End", 90)])
    people = cohort(world, evaluation, 8)
    start, end = evaluation.waves.order_by("position")
    before = [20, 15, 18, 12, 22, 9, 14, 16]
    after = [12, 14, 10, 12, 15, 8, 9]  # the last person did not answer at the end
    for participant, score in zip(people, before, strict=True):
        services.response_save(participant=participant, wave=start, version=phq, actor=None, answers=_phq(score))
    for participant, score in zip(people, after, strict=False):
        services.response_save(participant=participant, wave=end, version=phq, actor=None, answers=_phq(score))
    change = stats.paired_change(dataset(evaluation), "phq9_total", 1, 2)
    assert change["n"] == 7
    a, b = np.array(before[:7], float), np.array(after, float)
    assert change["t_test"]["p"] == round(sps.ttest_rel(b, a).pvalue, 4)
    assert change["wilcoxon"]["p"] == round(sps.wilcoxon(b, a).pvalue, 4)
    assert change["mean_difference"] == round((b - a).mean(), 3)
    assert change["cohens_dz"] < 0 and change["rank_biserial"] == -1.0


def _phq(total: int) -> dict:
    answers = {}
    for n in range(1, 10):
        answers[f"phq9_{n}"] = min(3, max(0, total - 3 * (n - 1)))
    assert sum(answers.values()) == total
    return answers


def test_enrolment_needs_evaluation_consent(world, devon):
    person = world.add_person("No consent yet")
    with pytest.raises(ServiceError, match="has not given consent"):
        services.participant_enrol(evaluation=devon, person=person, actor=None)
    assert not Participant.objects.filter(evaluation=devon, identity__person=person).exists()


def test_duplicated_research_number_is_refused(world, devon):
    person = consenting_person(world, "Another")
    with pytest.raises(ServiceError, match="D001 is already used"):
        services.participant_enrol(evaluation=devon, person=person, research_number="D001", actor=None)


def test_one_bad_answer_saves_nothing(devon):
    participant = devon.participants.get(research_number="D024")
    wave = devon.waves.get(position=3)
    with pytest.raises(ServiceError, match="interest_ips: 9 is out of range"):
        services.response_save(
            participant=participant,
            wave=wave,
            version=shipped("devon-2m"),
            actor=None,
            answers={"attempted_ips": 1, "interest_ips": 9},
        )
    assert not Response.objects.filter(participant=participant).exists()


def test_required_items_are_asked_for_but_hidden_ones_are_not(world):
    version = shipped("devon-day1")
    evaluation = evaluation_with(world, [version], waves=[("Day 1", 0)])
    participant = cohort(world, evaluation, 1)[0]
    wave = evaluation.waves.get()
    with pytest.raises(ServiceError, match="Please answer: involved"):
        services.response_save(participant=participant, wave=wave, version=version, answers={}, actor=None)
    saved = services.response_save(
        participant=participant,
        wave=wave,
        version=version,
        actor=None,
        answers={"involved": "no", "involved_desc": "hidden so not kept"},
    )
    assert list(saved.answers.values_list("item__code", flat=True)) == ["involved"]


def test_save_and_return_keeps_a_partial_response_incomplete(world):
    version = shipped("gad-7")
    evaluation = evaluation_with(world, [version], waves=[("Start", 0)])
    participant = cohort(world, evaluation, 1)[0]
    wave = evaluation.waves.get()
    partial = services.response_save(
        participant=participant, wave=wave, version=version, answers={"gad7_1": 2}, actor=None, complete=False
    )
    assert not partial.is_complete
    assert stats.response_rates(evaluation)["waves"][0]["n"] == 0


def test_free_text_answers_are_encrypted_in_the_database(devon):
    from django.db import connection

    answer = Answer.objects.filter(item__code="helped").first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM evaluation_answer WHERE id = %s", [answer.pk])
        stored = cursor.fetchone()[0]
    assert "Staying in touch" not in stored
    assert answer.text == "Staying in touch with the group"


def test_withdrawal_takes_answers_out_of_every_later_analysis_and_export(world, devon, tmp_path):
    person = devon.participants.get(research_number="D001").identity.person
    people_services.consent_record(
        person=person, scope=ConsentScope.EVALUATION, given=False, method=Consent.Method.PHONE, actor=None
    )
    assert devon.participants.get(research_number="D001").withdrawn_at is not None
    rates = stats.response_rates(devon)
    assert rates["withdrawn"] == 1
    assert [wave["text"] for wave in rates["waves"]][2:] == ["18/25 (72%)", "22/25 (88%)"]
    path = tmp_path / "out.csv"
    write(devon, path, ExportOptions(format="csv"))
    assert "D001" not in path.read_text()
    bundle, count = __import__("evaluation.exports", fromlist=["fhir_bundle"]).fhir_bundle(devon, ExportOptions())
    assert count == 40 and "D001" not in json.dumps(bundle)
    with pytest.raises(ServiceError, match="withdrawn"):
        services.response_save(
            participant=devon.participants.get(research_number="D001"),
            wave=devon.waves.get(position=3),
            version=shipped("devon-2m"),
            answers={},
            actor=None,
        )


def test_restricted_person_is_left_out_of_evaluation_statistics_and_exports_until_the_restriction_is_lifted(
    world, devon, tmp_path
):
    from evaluation.exports import fhir_bundle
    from privacy.testing import lift, restrict

    request = restrict(world, devon.participants.get(research_number="D001").identity.person)
    rates = stats.response_rates(devon)
    assert rates["withdrawn"] == 0  # a restriction is not a withdrawal
    assert [wave["text"] for wave in rates["waves"]][2:] == ["18/25 (72%)", "22/25 (88%)"]
    data = dataset(devon)
    assert data.n_participants == 25 and "D001" not in set(data.frame["research_number"])
    path = tmp_path / "restricted.csv"
    write(devon, path, ExportOptions(format="csv"))
    assert "D001" not in path.read_text()
    bundle, count = fhir_bundle(devon, ExportOptions())
    assert count == 40 and "D001" not in json.dumps(bundle)

    lift(world, request)
    assert [wave["text"] for wave in stats.response_rates(devon)["waves"]][2:] == ["19/26 (73%)", "23/26 (88%)"]
    path = tmp_path / "lifted.csv"
    write(devon, path, ExportOptions(format="csv"))
    assert "D001" in path.read_text()
    assert fhir_bundle(devon, ExportOptions())[1] == 42


def test_spss_export_reads_back_with_labels_and_missing_codes(devon, tmp_path):
    path = tmp_path / "devon.sav"
    choices = write(devon, path, ExportOptions(format="sav"))
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert choices["rows"] == len(frame) == 19 + 23
    assert set(frame["research_number"]) == {f"D{n:03d}" for n in range(1, 24)}
    assert meta.column_names_to_labels["devon_2m_interest_ips"] == "How interested are you in continuing IPS?"
    assert meta.variable_value_labels["devon_2m_interest_ips"][4.0] == "I'm committed to participation"
    d003 = frame[(frame["research_number"] == "D003") & (frame["wave"] == 3)].iloc[0]
    assert d003["devon_2m_attempted_ips_n"] == 3
    d015 = frame[(frame["research_number"] == "D015") & (frame["wave"] == 3)].iloc[0]
    assert d015["devon_2m_attempted_ips_n"] == MISSING_CODE
    assert "devon_2m_attempted_ips_n" in meta.missing_ranges
    assert "devon_2m_helped" not in frame.columns  # free text only when chosen


def test_stata_export_reads_back_wide_one_row_per_participant(devon, tmp_path):
    path = tmp_path / "devon.dta"
    write(devon, path, ExportOptions(format="dta", shape="wide"))
    frame, meta = pyreadstat.read_dta(str(path))
    assert len(frame) == 23
    row = frame[frame["research_number"] == "D002"].iloc[0]
    assert row["devon_2m_interest_general_w3"] == 3
    assert row["devon_5m_general_ps_n_w4"] == 11
    assert meta.variable_value_labels["devon_2m_interest_ips_w3"][0] == "I'm no longer interested"


def test_deidentified_export_rekeys_numbers_drops_text_and_keeps_intervals(devon, tmp_path):
    path = tmp_path / "share.csv"
    choices = write(devon, path, ExportOptions(format="csv", deidentify=True, include_text=False))
    import pandas as pd

    frame = pd.read_csv(path)
    assert choices["deidentified"] is True and choices["free_text"] is False
    assert not frame["research_number"].str.startswith("D").any()
    assert frame["research_number"].nunique() == 23
    # Both of a person's responses were on the same day; shifted together, they stay on the same day.
    per_person = frame.groupby("research_number")["completed_on"].nunique()
    assert (per_person == 1).all()


def test_fhir_export_is_a_valid_bundle_of_questionnaire_responses(devon, tmp_path):
    path = tmp_path / "devon.json"
    write(devon, path, ExportOptions(format="fhir", include_text=True))
    bundle = Bundle.model_validate_json(path.read_text())
    assert len(bundle.entry) == 42
    first = bundle.entry[0].resource
    assert first.__resource_type__ == "QuestionnaireResponse"
    assert first.subject.identifier.value.startswith("D")
    texts = [a.valueString for e in bundle.entry for i in (e.resource.item or []) for a in i.answer if a.valueString]
    assert "Staying in touch with the group" in texts


def test_export_and_stats_commands(devon, tmp_path, capsys):
    out = tmp_path / "devon.dta"
    call_command("export_evaluation", str(devon.pk), "--format", "dta", "--out", str(out))
    frame, _ = pyreadstat.read_dta(str(out))
    assert len(frame) == 42
    call_command("evaluation_stats", "--list")
    assert "IPS course" in capsys.readouterr().out
    call_command("evaluation_stats", str(devon.pk), "--quantiles", "spss", "--format", "json")
    result = json.loads(capsys.readouterr().out)
    assert result["response"]["waves"][2]["text"] == "19/26 (73%)"
    assert result["descriptives"]["quantiles"] == "spss"


def test_fhir_export_of_a_response_with_only_free_text_left_out_still_validates(devon):
    from evaluation.exports import fhir_bundle

    participant = devon.participants.get(research_number="D001")
    services.response_save(
        participant=participant,
        wave=devon.waves.get(position=2),
        version=shipped("devon-day5"),
        actor=None,
        answers={"feel": "Hopeful"},
    )
    bundle, count = fhir_bundle(devon, ExportOptions(include_text=False))
    Bundle.model_validate(bundle)
    assert count == 43 and "Hopeful" not in json.dumps(bundle)


def test_an_imported_list_enrols_everyone_or_nobody_with_located_errors(world, devon):
    a = consenting_person(world, "Ash")
    a.email = "ash@example.org"
    a.save()
    b = consenting_person(world, "Bo")
    b.email = "bo@example.org"
    b.save()
    world.add_person("Cy", email="cy@example.org")  # no consent
    before = devon.participants.count()
    bad = b"email,research_number\nash@example.org,X1\nbo@example.org,X1\ncy@example.org,\nnobody@example.org,D001\n"
    with pytest.raises(ServiceError) as error:
        services.participants_import(evaluation=devon, content=bad, actor=None)
    message = str(error.value)
    assert "Line 3: research number X1 is also on line 2." in message
    assert "Line 4: Cy has not given consent" in message
    assert "Line 5: nobody in this organisation" in message
    assert devon.participants.count() == before
    good = b"email,research_number\nash@example.org,X1\nBO@example.org,\n"
    enrolled = services.participants_import(evaluation=devon, content=good, actor=None)
    assert [p.research_number for p in enrolled][0] == "X1" and len(enrolled) == 2
    with pytest.raises(ServiceError, match="Line 2: research number D001 is already used"):
        services.participants_import(
            evaluation=devon, content=b"email,research_number\ncy@example.org,D001\n", actor=None
        )
