"""Who is asking and from where, for the duration of one request or task."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    user_agent: str = ""
    request_id: str = ""


_NONE = RequestContext()
_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("audit_request_context", default=None)


def current() -> RequestContext:
    return _current.get() or _NONE


def bind(context: RequestContext) -> contextvars.Token[RequestContext | None]:
    return _current.set(context)


def unbind(token: contextvars.Token[RequestContext | None]) -> None:
    _current.reset(token)
