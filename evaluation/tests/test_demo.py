import pytest
from django.db import transaction

from evaluation import stats
from evaluation.models import Evaluation
from people.management.commands.demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_has_a_devon_like_course_with_realistic_attrition():
    with transaction.atomic():
        load_demo("small", 3, log=lambda line: None)
        evaluation = Evaluation.objects.get(name__startswith="Intentional peer support course")
        rates = stats.response_rates(evaluation)
        assert [wave["text"] for wave in rates["waves"]] == [
            "30/30 (100%)",
            "24/30 (80%)",
            "19/30 (63%)",
            "23/30 (77%)",
        ]
        result = stats.evaluation_stats(evaluation, "spss")
        interest = next(
            v for v in result["descriptives"]["waves"][2]["variables"] if v["name"] == "devon_2m_interest_ips"
        )
        assert interest["n"] == 19 and interest["median"] is not None
        transaction.set_rollback(True)
