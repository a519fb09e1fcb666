import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from mutuality.errors import ServiceError
from qualitative import exchange, services
from qualitative.exchange import QDC_NAMESPACE
from qualitative.models import Code, Segment

pytestmark = pytest.mark.django_db
NS = {"q": QDC_NAMESPACE}


@pytest.fixture
def coded(project, team):
    codes = project.codes_by_name
    document = project.documents.get(participant__research_number="D001", item_code="understand", wave_position=1)
    services.segments_apply(document=document, codes=[codes["Helping or rescuing"]], actor=team["lead"])
    start, end = services.passage_offsets(document.text, "to be there for them")
    segment = services.segments_apply(
        document=document, codes=[codes["Helping or rescuing"]], start=start, end=end, actor=team["lead"]
    )[0]
    services.quotation_pick(segment=segment, actor=team["lead"])
    return project


def test_coded_segments_export_to_csv(coded, client, world):
    client.force_login(world.users["evaluator"])
    response = client.get(reverse("qualitative:export", args=[coded.pk, "segments.csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    passage = next(row for row in rows if row["whole_answer"] == "no")
    assert passage["passage"] == "to be there for them"
    assert passage["research_number"] == "D001"
    assert passage["code"] == "Understanding of peer support › Helping or rescuing"
    assert passage["wave"] == "Day 1"
    assert "Participant" not in response.content.decode()


def test_codebook_exports_to_csv_with_levels(coded, team):
    rows = list(csv.DictReader(io.StringIO(exchange.codebook_csv(coded, actor=team["lead"]))))
    helping = next(row for row in rows if row["name"] == "Helping or rescuing")
    assert helping["parent"] == "Understanding of peer support"
    assert helping["level"] == "2"
    assert helping["segments"] == "2"


def test_report_document_has_codebook_counts_and_quotations(coded, client, world):
    client.force_login(world.users["evaluator"])
    response = client.get(reverse("qualitative:export", args=[coded.pk, "report.docx"]))
    word = WordDocument(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "“to be there for them”" in text
    assert "Agreement" in text
    counts = word.tables[1]
    assert [cell.text for cell in counts.rows[0].cells] == ["Code or category", "Day 1", "Day 5", "Two months"]
    helping = next(row for row in counts.rows if row.cells[0].text.endswith("Helping or rescuing"))
    assert [cell.text for cell in helping.cells[1:]] == ["1", "0", "0"]


def test_codebook_round_trips_through_refi_qda(coded, team, world):
    content = exchange.codebook_qdc(coded, actor=team["lead"])
    root = ET.fromstring(content)  # noqa: S314 (our own export)
    assert root.tag == f"{{{QDC_NAMESPACE}}}CodeBook"
    top = root.findall("q:Codes/q:Code", NS)
    assert [code.get("name") for code in top] == [
        "Understanding of peer support",
        "What I have to offer",
        "Feelings about being involved",
    ]
    for code in root.iter(f"{{{QDC_NAMESPACE}}}Code"):
        assert code.get("guid") and code.get("isCodable") == "true"
    nested = top[0].findall("q:Code", NS)
    assert "Mutuality" in [code.get("name") for code in nested]
    assert top[0].find("q:Description", NS).text == "What people say peer support is."

    fresh = services.project_create(organisation=world.org, name="Next cohort", actor=team["lead"])
    added = exchange.codebook_import_qdc(project=fresh, content=content, actor=team["lead"])
    assert added == Code.objects.filter(project=coded).count()
    mutuality = Code.objects.get(project=fresh, name="Mutuality")
    assert mutuality.parent.name == "Understanding of peer support"
    assert mutuality.guid == Code.objects.get(project=coded, name="Mutuality").guid
    assert mutuality.definition.startswith("Equality and shared experience")
    # importing again adds nothing
    assert exchange.codebook_import_qdc(project=fresh, content=content, actor=team["lead"]) == 0


def test_a_codebook_from_another_tool_without_namespace_is_read(project, team):
    content = b"""<?xml version="1.0"?><CodeBook><Codes>
      <Code guid="a1" name="Hope" isCodable="true"><Description>Looking forward</Description>
        <Code guid="a2" name="Small steps" isCodable="true"/></Code></Codes></CodeBook>"""
    assert exchange.codebook_import_qdc(project=project, content=content, actor=team["lead"]) == 2
    assert Code.objects.get(project=project, name="Small steps").parent.name == "Hope"


@pytest.mark.parametrize(
    "content",
    [
        b"not xml at all",
        b"<Project><Codes/></Project>",
        b"<CodeBook></CodeBook>",
        b'<!DOCTYPE x [<!ENTITY a "b">]><CodeBook><Codes/></CodeBook>',
        b'<CodeBook><Codes><Code guid="1" name="Fine"/><Code guid="2" name=""/></Codes></CodeBook>',
    ],
)
def test_a_bad_codebook_file_is_refused_and_nothing_is_half_imported(project, team, content):
    before = Code.objects.count()
    with pytest.raises(ServiceError):
        exchange.codebook_import_qdc(project=project, content=content, actor=team["lead"])
    assert Code.objects.count() == before


def test_codebook_upload_page_reports_a_bad_file(project, client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["evaluator"])
    response = client.post(
        reverse("qualitative:codebook_import", args=[project.pk]),
        {"file": SimpleUploadedFile("book.qdc", b"<nope")},
        follow=True,
    )
    assert "not a readable codebook" in response.content.decode()


def test_similar_answers_are_suggested_and_applied_only_when_accepted(project, team, client, world):
    code = project.codes_by_name["Mutuality"]
    coded = project.documents.get(participant__research_number="D001", item_code="understand", wave_position=2)
    services.segments_apply(document=coded, codes=[code], actor=team["lead"])
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("qualitative:code", args=[project.pk, code.pk]))
    suggestions = page.context["suggestions"]
    assert suggestions
    assert "mutual relationship" in suggestions[0].document.text.lower()
    assert Segment.objects.count() == 1  # suggesting codes nothing
    client.post(
        reverse("qualitative:document", args=[project.pk, suggestions[0].document.pk]),
        {"codes": [code.pk], "back": page.request["PATH_INFO"]},
    )
    assert Segment.objects.filter(code=code).count() == 2


def test_quotations_appear_in_the_analysis(coded, client, world):
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("qualitative:analysis", args=[coded.pk])).content.decode()
    assert "to be there for them" in page


def test_exports_are_recorded_in_the_audit_log(coded, client, world):
    from audit.models import AuditEvent

    client.force_login(world.users["evaluator"])
    client.get(reverse("qualitative:export", args=[coded.pk, "codebook.qdc"]))
    assert AuditEvent.objects.filter(action="export", summary__contains="REFI-QDA").exists()


def test_segments_export_does_not_reveal_other_coders_sample_codes_while_blind(double_coded, team):
    rows = list(csv.DictReader(io.StringIO(exchange.segments_csv(double_coded, actor=team["second"]))))
    sample_labels = {document.label for document in double_coded.sample_list}
    assert rows
    assert all(row["coder"] == "Bea" for row in rows if row["text"] in sample_labels)
    services.coder_finish(project=double_coded, actor=team["lead"])
    services.coder_finish(project=double_coded, actor=team["second"])
    rows = list(csv.DictReader(io.StringIO(exchange.segments_csv(double_coded, actor=team["second"]))))
    assert {row["coder"] for row in rows} == {"Ann", "Bea"}
