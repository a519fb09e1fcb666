import pytest

from evaluation import scoring, services
from evaluation.models import Instrument, InstrumentVersion, Item
from evaluation.shipped import DEFINITIONS
from evaluation.testing import shipped
from mutuality.errors import ServiceError

pytestmark = pytest.mark.django_db

SHORT = {
    "code": "wellbeing-check",
    "name": "Wellbeing check",
    "sections": [
        {
            "title": "How things are",
            "items": [
                {
                    "code": "mood",
                    "text": "Mood today",
                    "kind": "scale",
                    "required": True,
                    "options": [{"value": 0, "label": "Low"}, {"value": 4, "label": "Good"}],
                },
                {"code": "slept", "text": "Did you sleep well?", "kind": "yesno"},
                {
                    "code": "hours",
                    "text": "How many hours?",
                    "kind": "number",
                    "min": 0,
                    "max": 24,
                    "required": True,
                    "enable_when": {"item": "slept", "equals": 1},
                },
                {"code": "note", "text": "Anything else?", "kind": "long_text", "help_text": "Optional."},
            ],
        }
    ],
}


def test_every_shipped_instrument_is_published_with_its_licence_and_questions():
    for definition in DEFINITIONS:
        version = shipped(definition["code"])
        assert version.is_published
        assert version.instrument.licence
        expected = sum(len(section["items"]) for section in definition["sections"])
        assert version.items.count() == expected


def test_licensed_measures_are_not_shipped():
    codes = set(Instrument.objects.values_list("code", flat=True))
    assert not {code for code in codes if "wemwbs" in code or "reqol" in code}


def test_published_version_is_never_edited_a_new_version_is_made(world):
    version = services.instrument_create(definition=SHORT, actor=None, organisation=world.org, publish=True)
    with pytest.raises(ServiceError, match="published"):
        services.item_add(version=version, item={"code": "extra", "text": "Extra", "kind": "number"}, actor=None)
    new = services.version_new(version=version, actor=None)
    services.item_add(version=new, item={"code": "extra", "text": "Extra", "kind": "number"}, actor=None)
    assert new.number == 2 and not new.is_published
    assert version.items.count() == 4 and new.items.count() == 5
    assert list(new.items.values_list("code", flat=True))[:4] == ["mood", "slept", "hours", "note"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "slider"}, "unknown item type"),
        ({"code": "mood"}, "used twice"),
        ({"kind": "single", "options": []}, "needs its answers"),
        ({"enable_when": {"item": "later", "equals": 1}}, "comes later"),
    ],
)
def test_bad_instrument_definitions_are_refused_with_a_located_message(world, change, message):
    definition = {
        "code": "bad",
        "name": "Bad",
        "sections": [
            {
                "title": "S",
                "items": [
                    {"code": "mood", "text": "Mood", "kind": "number"},
                    {"code": "second", "text": "Second", "kind": "number", **change},
                ],
            }
        ],
    }
    with pytest.raises(ServiceError, match=message) as error:
        services.instrument_create(definition=definition, actor=None, organisation=world.org)
    assert "Section 1, item 2" in str(error.value)
    assert not Instrument.objects.filter(code="bad").exists()


def test_phq9_total_and_severity_band():
    rule = shipped("phq-9").scoring[0]
    values = {f"phq9_{n}": 2 for n in range(1, 10)}
    total = scoring.score(rule, values, {})
    assert total == 18
    assert scoring.band(rule, total) == "Moderately severe"


def test_phq9_prorated_when_enough_items_answered_and_missing_when_too_few():
    rule = shipped("phq-9").scoring[0]
    seven = {f"phq9_{n}": 1 for n in range(1, 8)}
    assert scoring.score(rule, seven, {}) == 9  # mean 1 × 9 items
    six = {f"phq9_{n}": 1 for n in range(1, 7)}
    assert scoring.score(rule, six, {}) is None


def test_reverse_scored_items_and_mean_scores():
    rule = {"code": "s", "method": "mean", "items": ["a", "b"], "reverse": ["b"]}
    assert scoring.score(rule, {"a": 4, "b": 0}, {"a": [0, 1, 2, 3, 4], "b": [0, 1, 2, 3, 4]}) == 4


def test_answers_out_of_range_or_of_the_wrong_type_are_refused_by_item():
    item = Item(code="hours", kind="number", min_value=0, max_value=24)
    with pytest.raises(ServiceError, match="hours: 30 is above"):
        scoring.clean_answer(item, "30")
    with pytest.raises(ServiceError, match="not a number"):
        scoring.clean_answer(item, "lots")
    choice = Item(code="mood", kind="scale", options=[{"value": 0, "label": "Low"}, {"value": 4, "label": "Good"}])
    with pytest.raises(ServiceError, match="out of range"):
        scoring.clean_answer(choice, 7)
    with pytest.raises(ServiceError, match="not a date"):
        scoring.clean_answer(Item(code="d", kind="date"), "31/02/2020")


def test_conditional_item_is_shown_only_when_its_condition_holds():
    item = Item(code="hours", kind="number", enable_when={"item": "slept", "equals": 1})
    assert scoring.is_shown(item, {"slept": 1})
    assert not scoring.is_shown(item, {"slept": 0})
    assert not scoring.is_shown(item, {})


def test_draft_instrument_cannot_be_used_in_an_evaluation(world):
    import datetime as dt

    draft = services.instrument_create(definition=SHORT, actor=None, organisation=world.org)
    with pytest.raises(ServiceError, match="draft"):
        services.evaluation_create(
            organisation=world.org, name="E", anchor_date=dt.date(2026, 1, 1), actor=None, instruments=[draft]
        )
    assert InstrumentVersion.objects.filter(pk=draft.pk, status="draft").exists()
