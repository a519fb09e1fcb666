"""Hypothesis fuzzing of the public group directory search: any query string
gives a page (never a server error), and a bad search says what was wrong."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groups.testing import make_group

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

words = st.text(max_size=25) | st.sampled_from(["EX2", "EX2 4PQ", "ZZ9", "tea", "%", "_", "'", "\x00", "99999999999"])
params = st.fixed_dictionaries(
    {},
    optional={
        "q": words,
        "place": words,
        "within": st.sampled_from(["5", "25", "100", "0", "-1", "1e9", "abc", ""]) | words,
        "day": st.sampled_from(["", "0", "6", "7", "-1", "monday"]) | words,
        "time": st.sampled_from(["", "morning", "afternoon", "evening", "midnight"]) | words,
        "format": st.sampled_from(["", "in_person", "online", "hybrid", "phone"]) | words,
        "page": st.sampled_from(["1", "2", "0", "-1", "last", "9999999999999999999999", ""]) | words,
    },
)


@pytest.fixture
def listed(world):
    return make_group(world)


@FUZZ
@given(query=params)
def test_any_directory_search_gives_a_page_never_a_server_error(client, listed, query):
    response = client.get("/groups/", query)
    assert response.status_code == 200
    page = response.content.decode()
    if any(value for value in query.values()):
        assert "Search" in page or "search" in page
