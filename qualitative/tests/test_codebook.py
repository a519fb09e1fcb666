import pytest
from django.urls import reverse

from mutuality.errors import ServiceError
from qualitative import services
from qualitative.models import Code, Segment

pytestmark = pytest.mark.django_db


def _code_everything(project, team, code, n=4):
    documents = list(project.documents.order_by("id")[:n])
    for document in documents:
        services.segments_apply(document=document, codes=[code], actor=team["lead"])
    return documents


def test_codebook_has_categories_with_codes_inside(project):
    category = project.codes_by_name["Understanding of peer support"]
    assert {c.name for c in category.children.all()} >= {"Helping or rescuing", "Mutuality"}
    deeper = services.code_create(
        project=project, name="Co-learning", parent=project.codes_by_name["Mutuality"], actor=None
    )
    assert deeper.parent.parent == category  # three levels


def test_renaming_a_code_keeps_its_segments(project, team, client, world):
    code = project.codes_by_name["Mutuality"]
    _code_everything(project, team, code)
    client.force_login(world.users["evaluator"])
    client.post(
        reverse("qualitative:code", args=[project.pk, code.pk]),
        {"name": "Mutuality and equality", "parent": code.parent_id, "definition": "Both learn."},
    )
    code.refresh_from_db()
    assert code.name == "Mutuality and equality"
    assert code.segments.count() == 4


def test_merging_codes_keeps_every_segment(project, team):
    source, target = project.codes_by_name["The four tasks"], project.codes_by_name["Mutuality"]
    _code_everything(project, team, source, 3)
    services.segments_apply(document=project.documents.last(), codes=[target], actor=team["lead"])
    services.memo_add(project=project, code=source, text="Tasks named", actor=team["lead"])
    before = Segment.objects.count()
    services.code_merge(source=source, target=target, actor=team["lead"])
    assert Segment.objects.count() == before
    assert target.segments.count() == 4
    assert target.memos.count() == 1
    assert not Code.objects.filter(pk=source.pk).exists()


def test_a_category_cannot_be_merged_into_its_own_code(project, team):
    with pytest.raises(ServiceError):
        services.code_merge(
            source=project.codes_by_name["Understanding of peer support"],
            target=project.codes_by_name["Mutuality"],
            actor=team["lead"],
        )


def test_splitting_a_code_moves_only_the_chosen_segments(project, team, client, world):
    code = project.codes_by_name["Mutuality"]
    _code_everything(project, team, code)
    chosen = list(code.segments.order_by("id").values_list("pk", flat=True)[:2])
    client.force_login(world.users["evaluator"])
    client.post(
        reverse("qualitative:code_split", args=[project.pk, code.pk]), {"name": "Shared experience", "segments": chosen}
    )
    new = Code.objects.get(project=project, name="Shared experience")
    assert set(new.segments.values_list("pk", flat=True)) == set(chosen)
    assert code.segments.count() == 2
    assert new.parent_id == code.parent_id


def test_deleting_a_code_with_segments_asks_where_they_go(project, team, client, world):
    code = project.codes_by_name["Worries"]
    _code_everything(project, team, code, 2)
    client.force_login(world.users["evaluator"])
    url = reverse("qualitative:code_delete", args=[project.pk, code.pk])
    page = client.get(url).content.decode()
    assert "Choose the code they move to" in page.replace("choose", "Choose")
    response = client.post(url, {})
    assert response.status_code == 200  # asked again, nothing deleted
    assert Code.objects.filter(pk=code.pk).exists()
    assert code.segments.count() == 2
    with pytest.raises(ServiceError, match="Choose a code to move them to"):
        services.code_delete(code=code, actor=team["lead"])
    target = project.codes_by_name["Positive feelings"]
    client.post(url, {"target": target.pk})
    assert not Code.objects.filter(pk=code.pk).exists()
    assert target.segments.count() == 2


def test_deleting_an_unused_code_just_deletes_it(project, team):
    code = project.codes_by_name["Worries"]
    services.code_delete(code=code, actor=team["lead"])
    assert not Code.objects.filter(pk=code.pk).exists()


@pytest.mark.parametrize("name", ["", "mutuality"])
def test_a_code_needs_a_name_not_already_used_in_its_category(project, team, name):
    before = Code.objects.count()
    with pytest.raises(ServiceError):
        services.code_create(
            project=project,
            name=name,
            parent=project.codes_by_name["Understanding of peer support"],
            actor=team["lead"],
        )
    assert Code.objects.count() == before


def test_a_code_cannot_be_moved_inside_itself(project, team):
    category = project.codes_by_name["What I have to offer"]
    with pytest.raises(ServiceError):
        services.code_update(
            code=category, name=category.name, parent=project.codes_by_name["Personal skills"], actor=team["lead"]
        )


def test_only_the_lead_merges_splits_and_deletes(project, team, world, client):
    second = team["second"].person
    client.force_login(second.user)
    code = project.codes_by_name["Worries"]
    assert client.post(reverse("qualitative:code_delete", args=[project.pk, code.pk])).status_code == 403
    assert Code.objects.filter(pk=code.pk).exists()
