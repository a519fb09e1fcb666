"""A restricted person's words are not quoted, counted or exported, until the restriction is lifted."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from mutuality.errors import ServiceError
from mutuality.suppression import RULES
from privacy.testing import lift, restrict
from qualitative import exchange, report, selectors, services
from qualitative.models import Segment
from reports.sections import ReportContext

pytestmark = pytest.mark.django_db

WORDS = "to be there for them"


@pytest.fixture
def quoted(project, team):
    """A passage of D001's first answer, coded and picked as a quotation."""
    codes = project.codes_by_name
    document = project.documents.get(participant__research_number="D001", item_code="understand", wave_position=1)
    start, end = services.passage_offsets(document.text, WORDS)
    segment = services.segments_apply(
        document=document, codes=[codes["Helping or rescuing"]], start=start, end=end, actor=team["lead"]
    )[0]
    services.quotation_pick(segment=segment, actor=team["lead"])
    project.quoted_person = document.participant.identity.person
    project.quoted_code = codes["Helping or rescuing"]
    return project


def _used(project, team, world) -> dict[str, bool]:
    """Where D001's words show up: quotations, the report section, the exports, the coding lists."""
    ctx = ReportContext(
        world.org.pk, world.org.name, datetime.date(2000, 1, 1), datetime.date(2100, 1, 1), RULES["standard"]
    )
    section = report.section(ctx)
    segments = list(csv.DictReader(io.StringIO(exchange.segments_csv(project, actor=team["lead"]))))
    word = WordDocument(io.BytesIO(exchange.report_docx(project, actor=team["lead"])))
    return {
        "quotations": bool(selectors.quotations(project)),
        "report": section is not None and any(WORDS in quote for quote in section.quotes),
        "segments.csv": any(row["research_number"] == "D001" for row in segments),
        "report.docx": any(WORDS in paragraph.text for paragraph in word.paragraphs),
        "texts": selectors.usable_documents(project).filter(participant__research_number="D001").exists(),
        "code page": bool(selectors.code_segments(project.quoted_code, team["lead"])),
    }


def test_restricted_persons_words_are_not_quoted_or_exported_until_the_restriction_is_lifted(quoted, team, world):
    everywhere = dict.fromkeys(["quotations", "report", "segments.csv", "report.docx", "texts", "code page"], True)
    assert _used(quoted, team, world) == everywhere

    request = restrict(world, quoted.quoted_person)
    assert _used(quoted, team, world) == dict.fromkeys(everywhere, False)
    assert selectors.usable_documents(quoted).exists()  # everyone else's answers are still there

    lift(world, request)
    assert _used(quoted, team, world) == everywhere


def test_a_project_set_up_during_a_restriction_uses_the_persons_answers_once_it_is_lifted(project, team, world):
    document = project.documents.get(participant__research_number="D001", item_code="understand", wave_position=1)
    request = restrict(world, document.participant.identity.person)
    again = services.project_create(
        organisation=world.org, name="Second look", evaluation=project.evaluation, actor=team["lead"]
    )
    d001 = selectors.usable_documents(again).filter(participant__research_number="D001")
    assert selectors.usable_documents(again).exists() and not d001.exists()

    lift(world, request)
    assert d001.exists()


def test_a_restricted_persons_answer_cannot_be_coded_even_by_its_address_until_the_restriction_is_lifted(
    project, team, client, world
):
    document = project.documents.filter(participant__research_number="D002").first()
    restriction = restrict(world, document.participant.identity.person)
    mutuality = project.codes_by_name["Mutuality"]
    with pytest.raises(ServiceError, match="not to be used for now"):
        services.segments_apply(document=document, codes=[mutuality], actor=team["lead"])
    client.force_login(world.users["evaluator"])
    url = reverse("qualitative:document", args=[project.pk, document.pk])
    page = client.get(url)
    assert page.status_code == 410 and "asked for their records not to be used for now" in page.content.decode()
    assert client.post(url, {"codes": [mutuality.pk]}).status_code == 410
    assert not Segment.objects.filter(document=document).exists()
    lift(world, restriction)
    assert client.get(url).status_code == 200
    services.segments_apply(document=document, codes=[mutuality], actor=team["lead"])
    assert Segment.objects.filter(document=document).exists()
