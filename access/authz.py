"""The authorization table, as data each app declares in ``<app>/tests/authz.py``.

Each app lists a ``CASES`` list of ``Case``: a named URL, how to build its
arguments from the test world, the method, and the expected status for every
actor in ``people.testing.ACTORS`` (each role, an outsider from another
organisation, and anonymous). ``access/tests/test_authorization_table.py``
checks every case and fails if any URL in the URLconf has no case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from people.testing import ACTORS

LOGIN = 302  # anonymous visitors are sent to the sign-in page
OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
UNAUTHORISED = 401  # API without credentials


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per actor: ``default`` unless overridden by name.
    ``anonymous`` must be given explicitly when it differs from ``default``."""
    unknown = set(overrides) - set(ACTORS)
    if unknown:
        raise ValueError(f"Unknown actors in authorization case: {sorted(unknown)}")
    return {actor: overrides.get(actor, default) for actor in ACTORS}


@dataclass(frozen=True)
class Case:
    name: str  # "namespace:url_name"
    expected: Mapping[str, int]
    kwargs: Callable[[Any], dict] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[Any], dict] | None = None
    query: str = ""
    label: str = ""  # tells several cases for the same URL apart

    @property
    def id(self) -> str:
        return f"{self.name}[{self.method}{':' + self.label if self.label else ''}]"
