"""Every URL, every role: the expected answer, or the test fails.

A URL added without a case in its app's ``tests/authz.py`` fails
``test_every_url_has_an_authorization_case``.
"""

from __future__ import annotations

import importlib
import json

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from access.authz import Case
from people.testing import ACTORS


def _cases() -> list[Case]:
    cases: list[Case] = []
    for app in settings.MUTUALITY_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.authz")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tests.authz":
                raise
            continue
        cases.extend(module.CASES)
    return cases


CASES = _cases()


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if not pattern.name:
                names.add(f"<unnamed {pattern.pattern}>")
            else:
                names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_an_authorization_case():
    covered = {case.name for case in CASES}
    missing = sorted(_url_names(get_resolver()) - covered)
    assert not missing, f"URLs without an authorization case (add them to <app>/tests/authz.py): {missing}"


def test_every_case_names_every_actor():
    for case in CASES:
        assert set(case.expected) == set(ACTORS), case.id


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_authorization(case: Case, world, client):
    from django.db import transaction
    from django.urls import reverse

    kwargs = case.kwargs(world)
    url = reverse(case.name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    wrong = []
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(world.users[actor])
        data = case.data(world) if case.data else {}
        # Each actor's request is rolled back, so one actor's change cannot
        # alter what the next one sees.
        send = getattr(client, case.method)
        with transaction.atomic():
            if case.method in {"patch", "put"}:
                response = send(url, data=json.dumps(data), content_type="application/json")
            else:
                response = send(url, data=data)
            transaction.set_rollback(True)
        if response.status_code != case.expected[actor]:
            wrong.append(f"{actor}: expected {case.expected[actor]}, got {response.status_code}")
    assert not wrong, f"{case.method.upper()} {url}\n" + "\n".join(wrong)
