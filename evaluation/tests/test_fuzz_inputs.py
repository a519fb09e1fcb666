"""Hypothesis fuzzing of what people and files send the evaluation app:
instrument imports (FHIR Questionnaire JSON, REDCap data dictionary CSV) and
questionnaire answers. Whatever arrives, the outcome is either a saved result or
a ServiceError with a plain message, and a refusal saves nothing."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluation import services
from evaluation.models import Answer, Instrument, InstrumentVersion, Response
from evaluation.testing import cohort, evaluation_with
from evaluation.tests.test_imports import QUESTIONNAIRE, REDCAP
from mutuality.errors import ServiceError

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FHIR_KEYS = [
    "resourceType",
    "status",
    "name",
    "title",
    "item",
    "linkId",
    "type",
    "text",
    "answerOption",
    "answerValueSet",
    "enableWhen",
    "required",
    "repeats",
    "contained",
    "code",
    "extension",
]


def plain(message: str) -> bool:
    return bool(message.strip()) and "Traceback" not in message and "object at 0x" not in message


def _import(world, name: str, content: bytes) -> None:
    before = (Instrument.objects.count(), InstrumentVersion.objects.count())
    try:
        services.instrument_import(name=name, content=content, actor=None, organisation=world.org)
    except ServiceError as error:
        assert plain(str(error))
        assert (Instrument.objects.count(), InstrumentVersion.objects.count()) == before


def _spoil(document, path: list, value):
    """Put ``value`` somewhere inside a copy of ``document`` chosen by ``path``."""
    document = json.loads(json.dumps(document))
    here = document
    for step in path:
        if isinstance(here, dict) and here:
            key = sorted(here)[step % len(here)]
            if not isinstance(here[key], dict | list) or step % 3 == 0:
                here[key] = value
                return document
            here = here[key]
        elif isinstance(here, list) and here:
            here = here[step % len(here)]
        else:
            break
    if isinstance(here, dict):
        here[FHIR_KEYS[len(path) % len(FHIR_KEYS)]] = value
    return document


@FUZZ
@given(content=st.binary(max_size=300))
def test_any_bytes_as_an_instrument_file_import_or_refuse_plainly(world, content):
    _import(world, "upload.bin", content)


@FUZZ
@given(path=st.lists(st.integers(min_value=0, max_value=50), max_size=8), value=json_values)
def test_a_fhir_questionnaire_spoiled_anywhere_imports_or_is_refused_plainly(world, path, value):
    _import(world, "q.json", json.dumps(_spoil(QUESTIONNAIRE, path, value)).encode())


@FUZZ
@given(
    row=st.integers(min_value=1, max_value=8),
    column=st.integers(min_value=0, max_value=12),
    cell=st.text(max_size=40),
)
def test_a_redcap_dictionary_with_any_cell_changed_imports_or_is_refused_plainly(world, row, column, cell):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(REDCAP)))
    rows[row][column] = cell
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    _import(world, "dictionary.csv", out.getvalue().encode())


@pytest.fixture
def questionnaire(world):
    """A published questionnaire with one item of every kind a REDCap dictionary
    brings (yes/no, bounded number, single and multiple choice, date, text)."""
    version, _report = services.instrument_import(
        name="dictionary.csv", content=REDCAP.encode(), actor=None, organisation=world.org
    )
    version = services.version_publish(version=version, actor=None)
    evaluation = evaluation_with(world, [version], waves=[("Start", 0)])
    return cohort(world, evaluation, 1)[0], evaluation.waves.get(), version


answer_values = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["nan", "inf", "-inf", "1e400", "2026-02-30", "0", "1", "4", "1;2", "\x00", " "])
    | st.lists(st.text(max_size=5) | st.integers(), max_size=3)
)
codes = st.sampled_from(["involved", "people", "interest", "tasks", "started", "note", "email", "unknown"])


@FUZZ
@given(answers=st.dictionaries(codes, answer_values, max_size=7), complete=st.booleans())
def test_any_answers_are_saved_whole_or_refused_plainly_with_nothing_saved(questionnaire, answers, complete):
    participant, wave, version = questionnaire
    before = (Response.objects.count(), Answer.objects.count())
    try:
        services.response_save(
            participant=participant, wave=wave, version=version, answers=answers, actor=None, complete=complete
        )
    except ServiceError as error:
        assert plain(str(error))
        assert (Response.objects.count(), Answer.objects.count()) == before
    else:
        response = Response.objects.get(participant=participant, wave=wave)
        response.refresh_from_db()
        list(response.answers.values_list("value", "text"))  # what was saved reads back


def test_a_file_with_a_nul_character_is_refused_with_its_line(world):
    content = b"Variable / Field Name,Form Name,Field Type,Field Label\nmood,f,text,How\x00 are you\n"
    with pytest.raises(ServiceError, match="line 2: the file contains a NUL character"):
        services.instrument_import(name="dictionary.csv", content=content, actor=None, organisation=world.org)


def test_a_fhir_file_with_an_escaped_nul_character_is_refused_with_its_line(world):
    content = b'{\n"resourceType": "Questionnaire", "status": "active",\n"title": "Mood\\u0000"}'
    with pytest.raises(ServiceError, match="line 3: the file contains a NUL character"):
        services.instrument_import(name="q.json", content=content, actor=None, organisation=world.org)
