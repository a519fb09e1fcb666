import datetime as dt

import pytest

from evaluation import privacy, services
from evaluation.models import Answer, Participant
from evaluation.testing import shipped
from people import services as people_services
from people.models import Consent, ConsentScope

pytestmark = pytest.mark.django_db


def test_a_person_gets_their_answers_and_can_have_them_erased(world):
    evaluation = services.evaluation_create_devon(
        organisation=world.org, name="Course", anchor_date=dt.date(2026, 1, 5), actor=None
    )
    peer = world.people["peer"]
    people_services.consent_record(
        person=peer, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.ONLINE, actor=None
    )
    participant = services.participant_enrol(evaluation=evaluation, person=peer, actor=None)
    services.response_save(
        participant=participant,
        wave=evaluation.waves.get(position=1),
        version=shipped("devon-day1"),
        actor=None,
        answers={"involved": 1, "understand": "Learning together"},
    )
    data = privacy.subject_data(peer)
    assert data["Evaluations you take part in"][0]["research number"] == participant.research_number
    assert {"question": "What do you currently understand by peer support?"}.items() <= next(
        row for row in data["Your questionnaire answers"] if row["answer"] == "Learning together"
    ).items()
    assert privacy.erase(peer, actor=None) == {"evaluation.participant": 1, "evaluation.answer": 2}
    assert not Participant.objects.exists() and not Answer.objects.exists()
