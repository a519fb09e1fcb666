from outcomes.models import ServiceUse
from people.management.commands.demo import load_demo
from people.models import Consent, ConsentScope


def test_demo_records_stays_only_for_people_who_agreed_to_outcomes_data(db):
    load_demo("small", 1, log=lambda line: None)
    people = set(ServiceUse.objects.values_list("person_id", flat=True))
    agreed = set(
        Consent.objects.filter(scope=ConsentScope.OUTCOMES, given=True, is_current=True).values_list(
            "person_id", flat=True
        )
    )
    assert people
    assert people <= agreed
