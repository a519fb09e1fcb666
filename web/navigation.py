"""Navigation assembled from each app's optional ``nav.py``.

An app that has pages for a role adds a ``nav.py`` with a function
``items(actor) -> list[NavItem]``. The shell shows the union, in app order,
so no central file needs editing when a capability adds pages.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

from django.conf import settings


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    description: str = ""


@cache
def _nav_modules() -> tuple:
    modules = []
    for app in settings.MUTUALITY_APPS:
        try:
            modules.append(importlib.import_module(f"{app}.nav"))
        except ModuleNotFoundError as error:
            if error.name != f"{app}.nav":
                raise
    return tuple(modules)


def items_for(actor) -> list[NavItem]:
    result: list[NavItem] = []
    for module in _nav_modules():
        result.extend(module.items(actor))
    return result
