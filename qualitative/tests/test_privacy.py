import pytest

from evaluation.models import Participant
from qualitative import privacy, services
from qualitative.models import Document, Segment

pytestmark = pytest.mark.django_db


def test_a_participant_sees_and_can_erase_their_answers_in_projects(project, team):
    participant = Participant.objects.get(evaluation=project.evaluation, research_number="D002")
    person = participant.identity.person
    document = project.documents.filter(participant=participant).first()
    services.segments_apply(document=document, codes=[project.codes_by_name["Mutuality"]], actor=team["lead"])
    data = privacy.subject_data(person)
    assert len(data["Your answers in qualitative analysis"]) == 9
    privacy.erase(person, actor=None)
    assert not Document.objects.filter(participant=participant).exists()
    assert not Segment.objects.filter(document=document).exists()


def test_a_coders_coding_is_listed_and_erased(project, team):
    services.segments_apply(
        document=project.documents.first(), codes=[project.codes_by_name["Mutuality"]], actor=team["second"]
    )
    assert len(privacy.subject_data(team["second"].person)["Coding you did"]) == 1
    privacy.erase(team["second"].person, actor=None)
    assert not Segment.objects.filter(coder=team["second"].person).exists()
