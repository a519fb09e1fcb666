import json

import pytest
from django.core.management import CommandError, call_command

from evaluation import services
from evaluation.models import Instrument, Item
from mutuality.errors import ServiceError

pytestmark = pytest.mark.django_db

QUESTIONNAIRE = {
    "resourceType": "Questionnaire",
    "status": "active",
    "name": "SleepCheck",
    "title": "Sleep check",
    "copyright": "Example, free to use",
    "contained": [
        {
            "resourceType": "ValueSet",
            "id": "quality",
            "status": "active",
            "compose": {
                "include": [
                    {
                        "system": "urn:example",
                        "concept": [
                            {"code": "0", "display": "Poor"},
                            {"code": "1", "display": "Fair"},
                            {"code": "2", "display": "Good"},
                        ],
                    }
                ]
            },
        }
    ],
    "item": [
        {
            "linkId": "g1",
            "type": "group",
            "text": "Last night",
            "item": [
                {"linkId": "intro", "type": "display", "text": "Think about last night only."},
                {"linkId": "slept", "type": "boolean", "text": "Did you sleep?", "required": True},
                {
                    "linkId": "hours",
                    "type": "decimal",
                    "text": "How many hours?",
                    "enableWhen": [{"question": "slept", "operator": "=", "answerBoolean": True}],
                },
                {"linkId": "quality", "type": "choice", "text": "Quality", "answerValueSet": "#quality"},
                {
                    "linkId": "woke",
                    "type": "choice",
                    "text": "What woke you?",
                    "repeats": True,
                    "answerOption": [
                        {"valueCoding": {"code": "1", "display": "Noise"}},
                        {"valueCoding": {"code": "2", "display": "Worry"}},
                    ],
                },
                {
                    "linkId": "elsewhere",
                    "type": "choice",
                    "text": "Remote value set",
                    "answerValueSet": "http://example.org/ValueSet/remote",
                },
                {"linkId": "photo", "type": "attachment", "text": "A photo"},
                {
                    "linkId": "either",
                    "type": "string",
                    "text": "Either",
                    "enableWhen": [{"question": "hours", "operator": ">", "answerDecimal": 4}],
                },
            ],
        }
    ],
}

REDCAP = (
    "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
    '"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,'
    "Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),Required Field?\n"
    "involved,peer_support,Now,yesno,Are you involved in peer support?,,,,,,,,y\n"
    "people,peer_support,,text,With how many people?,,,integer,0,500,,[involved] = '1',\n"
    'interest,peer_support,,radio,Interest,"0, No longer interested | 4, Committed",,,,,,,\n'
    'tasks,peer_support,,checkbox,Tasks used,"1, Connection | 2, Worldview",,,,,,,\n'
    "started,peer_support,,text,Date started,,,date_ymd,,,,,\n"
    "note,peer_support,,notes,Anything else,,,,,,,,\n"
    "total,peer_support,,calc,Total,[people]*2,,,,,,,\n"
    "email,peer_support,,text,Email,,,email,,,,\"[involved] = '1' and [people] > 2\",\n"
)


def test_fhir_questionnaire_imports_groups_options_value_sets_and_conditions_with_a_report(world):
    content = json.dumps(QUESTIONNAIRE).encode()
    version, report = services.instrument_import(name="sleep.json", content=content, actor=None, organisation=world.org)
    items = {item.code: item for item in version.items.all()}
    assert set(items) == {"slept", "hours", "quality", "woke", "elsewhere", "either"}
    assert items["slept"].kind == "yesno" and items["slept"].required
    assert items["hours"].enable_when == {"item": "slept", "equals": 1}
    assert items["quality"].options[2] == {"value": 2, "label": "Good"}
    assert items["woke"].kind == "multiple"
    assert version.sections.get().help_text == "Think about last night only."
    assert version.instrument.licence == "Example, free to use"
    assert any("photo" in line and "attachment" in line for line in report)
    assert any("elsewhere" in line and "cannot be resolved" in line for line in report)
    assert any("either" in line and "enableWhen" in line for line in report)
    assert not version.is_published


def test_redcap_dictionary_imports_types_choices_validation_and_branching_with_a_report(world):
    version, report = services.instrument_import(
        name="dd.csv", content=REDCAP.encode(), actor=None, organisation=world.org
    )
    items = {item.code: item for item in version.items.all()}
    assert items["involved"].kind == "yesno" and items["involved"].required
    assert items["people"].kind == "number" and items["people"].max_value == 500
    assert items["people"].enable_when == {"item": "involved", "equals": 1}
    assert items["interest"].option_labels() == {0: "No longer interested", 4: "Committed"}
    assert items["tasks"].kind == "multiple"
    assert items["started"].kind == "date"
    assert items["note"].kind == "long_text"
    assert "total" not in items
    assert any(line.startswith("line 8 (total)") and "calc" in line for line in report)
    assert any(line.startswith("line 9 (email)") and "branching" in line for line in report)
    assert any("line 9 (email)" in line and "validation" in line for line in report)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", b'{"resourceType": "Questionnaire", "item": [', "broken JSON at line 1"),
        ("patient.json", b'{"resourceType": "Patient"}', "not a Questionnaire"),
        (
            "invalid.json",
            b'{"resourceType": "Questionnaire", "status": "active", "date": "yesterday"}',
            "not a valid FHIR",
        ),
        ("other.csv", b"name,age\nA,3\n", "not a FHIR Questionnaire"),
        ("binary.csv", b"\xff\xfe\x00\x01", "not text"),
        ("dd.csv", b"Variable / Field Name,Form Name,Field Type,Field Label\nx,f,radio,X\n", r"line 2 \(x\)"),
        ("dd.csv", b"Variable / Field Name,Form Name,Field Label\nx,f,X\n", "Field Type"),
    ],
)
def test_broken_or_unusable_files_give_a_located_error_and_change_nothing(world, name, content, message):
    before = Instrument.objects.count(), Item.objects.count()
    with pytest.raises(ServiceError, match=message):
        services.instrument_import(name=name, content=content, actor=None, organisation=world.org)
    assert (Instrument.objects.count(), Item.objects.count()) == before


def test_import_instrument_command_detects_the_format_and_prints_the_report(world, tmp_path, capsys):
    path = tmp_path / "dd.csv"
    path.write_text(REDCAP)
    call_command("import_instrument", str(path), "--organisation", "riverside", "--publish")
    out = capsys.readouterr().out
    assert "with 7 questions" in out and "line 8 (total)" in out
    assert Instrument.objects.get(code="peer-support", organisation=world.org).versions.get().is_published
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(CommandError, match="broken JSON"):
        call_command("import_instrument", str(broken), "--organisation", "riverside")


def test_import_in_the_web_ui_shows_the_report(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["evaluator"])
    page = client.post(
        "/evaluation/instruments/import/",
        {"file": SimpleUploadedFile("dd.csv", REDCAP.encode(), content_type="text/csv")},
    )
    text = page.content.decode()
    assert "What could not be mapped" in text and "line 8 (total)" in text
    broken = client.post(
        "/evaluation/instruments/import/", {"file": SimpleUploadedFile("q.json", b"{", content_type="application/json")}
    )
    assert "broken JSON" in broken.content.decode()
