import pytest

from people.management.commands.demo import load_demo
from qualitative import agreement
from qualitative.models import Project

pytestmark = pytest.mark.django_db


def test_demo_has_a_devon_like_project_with_a_double_coded_third():
    ctx = load_demo("small", 7, log=lambda line: None)
    project = Project.objects.get(pk=ctx.extra["qualitative_project"].pk)
    documents = project.documents.all()
    assert {d.wave_label for d in documents} == {"Day 1", "Day 5", "Two months"}
    assert {d.item_code for d in documents} == {"understand", "offer", "feel"}
    assert documents.filter(in_sample=True).count() == round(documents.count() / 3)
    result = agreement.compute(project)
    assert result.complete and len(result.coders) == 2
    assert result.overall.percent > 80
    assert project.codes.filter(parent__isnull=True).count() == 3
