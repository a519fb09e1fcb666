import json
from io import StringIO

import krippendorff
import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse
from sklearn.metrics import cohen_kappa_score

from mutuality.errors import ServiceError
from qualitative import agreement, selectors, services
from qualitative.models import Resolution, Segment

pytestmark = pytest.mark.django_db


def test_default_sample_is_a_third_of_answers_and_reproducible_from_its_seed(project, team):
    chosen = services.sample_draw(
        project=project, coders=[team["lead"].person, team["second"].person], seed=2007, actor=team["lead"]
    )
    ids = list(project.documents.values_list("pk", flat=True))
    assert len(chosen) == 18  # one third of 54
    assert chosen == services.sample_ids(ids, 1 / 3, 2007)
    project.refresh_from_db()
    assert project.sample_seed == 2007
    assert abs(project.sample_fraction - 1 / 3) < 1e-9
    assert set(project.documents.filter(in_sample=True).values_list("pk", flat=True)) == set(chosen)


def test_sample_is_drawn_only_once_and_needs_two_coders(project, team):
    with pytest.raises(ServiceError, match="two coders"):
        services.sample_draw(project=project, coders=[team["lead"].person], actor=team["lead"])
    with pytest.raises(ServiceError):
        services.sample_draw(
            project=project, coders=[team["lead"].person, team["second"].person], fraction=0, actor=team["lead"]
        )
    services.sample_draw(project=project, coders=[team["lead"].person, team["second"].person], actor=team["lead"])
    with pytest.raises(ServiceError, match="already"):
        services.sample_draw(project=project, coders=[team["lead"].person, team["second"].person], actor=team["lead"])


def test_coders_do_not_see_each_others_codes_until_both_have_finished(double_coded, team, client):
    document = double_coded.sample_list[1]
    client.force_login(team["second"].user)
    url = reverse("qualitative:document", args=[double_coded.pk, document.pk])
    page = client.get(url)
    assert [s.coder_id for s in page.context["page"].segments] == [team["second"].person_id]
    assert page.context["page"].hidden_count == 1
    agreement_page = client.get(reverse("qualitative:agreement", args=[double_coded.pk])).content.decode()
    assert "once every double coder has finished" in agreement_page
    services.coder_finish(project=double_coded, actor=team["lead"])
    assert client.get(url).context["page"].hidden_count == 1
    services.coder_finish(project=double_coded, actor=team["second"])
    assert client.get(url).context["page"].hidden_count == 0


def test_a_finished_coder_cannot_change_their_sample_codes(double_coded, team):
    services.coder_finish(project=double_coded, actor=team["lead"])
    document = double_coded.sample_list[2]
    with pytest.raises(ServiceError, match="finished"):
        services.segments_apply(document=document, codes=[double_coded.codes_by_name["Worries"]], actor=team["lead"])
    segment = Segment.objects.filter(document=document, coder=team["lead"].person).first()
    with pytest.raises(ServiceError, match="finished"):
        services.segment_remove(segment=segment, actor=team["lead"])


def test_agreement_per_code_and_overall_matches_the_libraries(finished):
    result = agreement.compute(finished)
    n_sample = len(finished.sample_list)
    assert result.unit == "answer"
    assert result.sample_answers == n_sample
    assert result.uncoded_answers == 1  # nobody coded it: not counted as agreement
    assert result.coded_answers == n_sample - 1
    units = range(1, n_sample)
    lead = {"Mutuality": [1 for _ in units], "Helping or rescuing": [0 for _ in units]}
    second = {
        "Mutuality": [1 if i % 4 else 0 for i in units],
        "Helping or rescuing": [0 if i % 4 else 1 for i in units],
    }
    by_name = {row.code.split(" › ")[-1]: row for row in result.per_code}
    for name in ("Mutuality", "Helping or rescuing"):
        row = by_name[name]
        matrix = np.array([lead[name], second[name]])
        assert row.units == n_sample - 1
        assert row.agreed == sum(a == b for a, b in zip(*matrix, strict=True))
        expected_alpha = krippendorff.alpha(reliability_data=matrix.astype(float), level_of_measurement="nominal")
        assert row.alpha == pytest.approx(expected_alpha, abs=1e-3)
        assert row.kappa == pytest.approx(cohen_kappa_score(matrix[0], matrix[1], labels=[0, 1]), abs=1e-3)
    pooled = np.concatenate(
        [np.array([lead[n], second[n]]) for n in sorted(lead, key=lambda n: by_name[n].code)], axis=1
    )
    assert result.overall.units == 2 * (n_sample - 1)
    assert result.overall.kappa == pytest.approx(cohen_kappa_score(pooled[0], pooled[1]), abs=1e-3)
    assert result.overall.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=pooled.astype(float), level_of_measurement="nominal"), abs=1e-3
    )
    assert len(result.disagreements) == 2 * sum(1 for i in units if i % 4 == 0)


def test_different_passages_with_the_same_code_agree(project, team):
    services.sample_draw(
        project=project, coders=[team["lead"].person, team["second"].person], seed=1, actor=team["lead"]
    )
    document = project.documents.filter(in_sample=True).first()
    code = project.codes_by_name["Mutuality"]
    services.segments_apply(document=document, codes=[code], start=0, end=3, actor=team["lead"])
    services.segments_apply(document=document, codes=[code], start=4, end=9, actor=team["second"])
    result = agreement.compute(project)
    assert result.overall.percent == 100.0


def test_settling_a_disagreement_keeps_both_original_codings(finished, team, client):
    result = agreement.compute(finished)
    disagreement = result.disagreements[0]
    before = list(Segment.objects.filter(document_id=disagreement.document_id).values_list("pk", "code_id", "coder_id"))
    client.force_login(team["lead"].user)
    url = reverse("qualitative:disagreements", args=[finished.pk])
    assert disagreement.applied_by[0] in client.get(url).content.decode()
    client.post(
        url, {"document": disagreement.document_id, "code": disagreement.code_id, "applies": "yes", "note": "Both fit"}
    )
    resolution = Resolution.objects.get()
    assert resolution.applies and resolution.note == "Both fit"
    after = list(Segment.objects.filter(document_id=disagreement.document_id).values_list("pk", "code_id", "coder_id"))
    assert after == before
    # agreement figures still compare the originals
    assert len(agreement.compute(finished).disagreements) == len(result.disagreements)


def test_settled_disagreement_decides_the_counts_per_wave(finished, team):
    disagreement = next(d for d in agreement.compute(finished).disagreements if d.applied_by == ["Bea"])
    services.disagreement_settle(
        document=finished.documents.get(pk=disagreement.document_id),
        code=finished.codes.get(pk=disagreement.code_id),
        applies=False,
        actor=team["lead"],
    )
    assert disagreement.code_id not in selectors.final_codes(finished)[disagreement.document_id]


def test_counts_of_answers_per_category_per_wave(project, team, client, world):
    codes = project.codes_by_name
    day1 = project.documents.filter(item_code="understand", wave_position=1)
    day5 = project.documents.filter(item_code="understand", wave_position=2)
    for document in day1[:4]:
        services.segments_apply(document=document, codes=[codes["Helping or rescuing"]], actor=team["lead"])
    for document in day5[:5]:
        services.segments_apply(
            document=document, codes=[codes["Mutuality"], codes["The four tasks"]], actor=team["lead"]
        )
    counts = selectors.counts_per_wave(project, item="understand")
    assert counts.waves == ["Day 1", "Day 5", "Two months"]
    rows = {row["code"].name: row["counts"] for row in counts.rows}
    assert rows["Helping or rescuing"] == [4, 0, 0]
    assert rows["Mutuality"] == [0, 5, 0]
    assert rows["Understanding of peer support"] == [4, 5, 0]  # an answer counts once in its category
    assert counts.answered == [6, 6, 6]
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("qualitative:analysis", args=[project.pk]), {"item": "understand"})
    assert page.status_code == 200


def test_coding_agreement_command_prints_json(finished):
    out = StringIO()
    call_command("coding_agreement", str(finished.pk), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["unit"] == "answer"
    assert data["coders"] == ["Ann", "Bea"]
    assert data["overall"]["percent"] == agreement.compute(finished).overall.percent
    out = StringIO()
    call_command("coding_agreement", finished.name, stdout=out)
    assert "Unit of analysis: answer" in out.getvalue()


def test_agreement_page_shows_figures_once_finished(finished, client, team):
    client.force_login(team["second"].user)
    page = client.get(reverse("qualitative:agreement", args=[finished.pk])).content.decode()
    assert "Unit of analysis" in page and "Krippendorff" in page


def test_kappa_and_alpha_are_not_defined_when_every_decision_is_the_same(project, team):
    services.sample_draw(
        project=project, coders=[team["lead"].person, team["second"].person], seed=3, actor=team["lead"]
    )
    for document in project.documents.filter(in_sample=True):
        for coder in ("lead", "second"):
            services.segments_apply(document=document, codes=[project.codes_by_name["Mutuality"]], actor=team[coder])
    result = agreement.compute(project)
    assert result.overall.percent == 100.0
    assert result.overall.kappa is None and result.overall.alpha is None


def test_counts_leave_out_the_blind_sample_until_every_double_coder_has_finished(double_coded, team):
    from qualitative.selectors import counts_per_wave

    def total_coded() -> int:
        return sum(row["total"] for row in counts_per_wave(double_coded).rows)

    while_blind = total_coded()
    services.coder_finish(project=double_coded, actor=team["lead"])
    assert total_coded() == while_blind
    services.coder_finish(project=double_coded, actor=team["second"])
    assert total_coded() > while_blind
