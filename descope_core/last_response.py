"""`client.get_last_response()`: the last HTTP answer, kept when the client is `verbose`.

A verbose client hands every HTTP answer it receives (success or error, auth or
management) to a `LastResponse` slot; `get_last_response()` reads it back as a
`DescopeResponse`, so a caller can look at the status, headers (`cf-ray`) and body of a
call that raised. The blocking client keeps one slot per thread, the async one per task:
concurrent callers never see each other's answers.

The slot holds whatever the answer held (tokens in a sign-in answer): it is handed only
to the caller that asks, never logged.
"""

from __future__ import annotations

import contextvars
import json
import threading
from collections.abc import Iterator
from typing import Any

from .calls import Reply

__all__ = ["DescopeResponse", "LastResponse", "TaskLastResponse", "ThreadLastResponse"]


class DescopeResponse:
    """One HTTP answer: status, headers, body; dict-style access to a JSON body.

    Members that need the parsed body (`json()`, `[key]`, `get`, `keys`, `items`,
    `values`, `in`, `len`, iteration) raise `ValueError` when the body is not JSON;
    `is_json` tells first. As in the official SDK, `bool()` is always True, `==`
    compares the JSON body (with a dict or another response), and `str()` is the
    JSON body as a dict, or the first 200 characters of a body that is not JSON.
    Unlike it, `repr()` shows only the status: a repr lands in tracebacks and logs,
    and the body may hold tokens.
    """

    __slots__ = ("_reply", "_parsed")

    def __init__(self, reply: Reply) -> None:
        self._reply = reply
        self._parsed: Any = _UNPARSED

    # -- the HTTP answer -----------------------------------------------------------

    @property
    def raw(self) -> Any:
        """The HTTP library's own response object (requests or httpx)."""
        return self._reply.raw

    @property
    def status_code(self) -> int:
        return self._reply.status_code

    @property
    def ok(self) -> bool:
        return 200 <= self._reply.status_code < 300

    @property
    def headers(self) -> Any:
        """The answer's headers (case-insensitive when the HTTP library provides them)."""
        raw_headers = getattr(self._reply.raw, "headers", None)
        return raw_headers if raw_headers is not None else dict(self._reply.headers)

    @property
    def cookies(self) -> dict[str, str]:
        return dict(self._reply.cookies)

    @property
    def content(self) -> bytes:
        return self._reply.content

    @property
    def text(self) -> str:
        return self._reply.text

    @property
    def url(self) -> str:
        return str(getattr(self._reply.raw, "url", ""))

    # -- the JSON body -------------------------------------------------------------

    def json(self) -> Any:
        """The parsed JSON body (cached). Raises `ValueError` when it is not JSON."""
        if self._parsed is _UNPARSED:
            self._parsed = json.loads(self._reply.content)
        return self._parsed

    @property
    def is_json(self) -> bool:
        try:
            self.json()
        except ValueError:
            return False
        return True

    def __getitem__(self, key: Any) -> Any:
        return self.json()[key]

    def __contains__(self, key: Any) -> bool:
        return key in self.json()

    def get(self, key: Any, default: Any = None) -> Any:
        return self.json().get(key, default)

    def keys(self) -> Any:
        return self.json().keys()

    def values(self) -> Any:
        return self.json().values()

    def items(self) -> Any:
        return self.json().items()

    def __len__(self) -> int:
        return len(self.json())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.json())

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        try:
            mine = self.json()
            return bool(mine == (other.json() if isinstance(other, DescopeResponse) else other))
        except ValueError:
            return self is other

    __hash__ = None  # type: ignore[assignment]  # equal to its body, which is unhashable

    def __str__(self) -> str:
        if self.is_json:
            return str(self.json())
        text = self.text
        if len(text) <= _TEXT_PREVIEW:
            return text
        return f"{text[:_TEXT_PREVIEW]}... ({len(text)} chars, use .text for the whole body)"

    def __repr__(self) -> str:
        return f"DescopeResponse(status_code={self.status_code})"


_TEXT_PREVIEW = 200  # a body that is not JSON (a proxy's HTML page) is bounded in str()


class _Unparsed:
    pass


_UNPARSED = _Unparsed()


class LastResponse:
    """A slot for the last answer; `record` is what a transport calls."""

    def record(self, reply: Reply) -> None:
        raise NotImplementedError

    def get(self) -> DescopeResponse | None:
        raise NotImplementedError


class ThreadLastResponse(LastResponse):
    """One slot per thread (the blocking client)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def record(self, reply: Reply) -> None:
        self._local.last = DescopeResponse(reply)

    def get(self) -> DescopeResponse | None:
        last: DescopeResponse | None = getattr(self._local, "last", None)
        return last


class TaskLastResponse(LastResponse):
    """One slot per async task (the async client: all tasks share the loop's thread)."""

    def __init__(self) -> None:
        self._var: contextvars.ContextVar[DescopeResponse | None] = contextvars.ContextVar(
            "descope_last_response", default=None
        )

    def record(self, reply: Reply) -> None:
        self._var.set(DescopeResponse(reply))

    def get(self) -> DescopeResponse | None:
        return self._var.get()
