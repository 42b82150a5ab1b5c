"""What an API call is: a description, not an action.

Every Descope API call of the client (sign-in, session, management) is described once as
a `Call`: method, path, a body built from explicit arguments, which key authorizes it,
whether it may be retried, and how its answer is read. A description sends nothing; a
runner (`descope_core.runner`) hands it to the blocking transport (requests) or to the
async one (httpx), so one description serves `DescopeClient` and `DescopeClientAsync`.

A call that needs more than one step (send, then verify the tokens it returned) is a
generator of steps (`Steps`): it yields `Call`s and `Verify`s and receives each one's
result; the runner drives it. See docs/adding-an-api-call.md.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Generic, TypeVar

from .exceptions import ERROR_TYPE_SERVER_ERROR, AuthException
from .tokens import Audience, TokenKind

T = TypeVar("T")
U = TypeVar("U")

__all__ = [
    "NO_BODY",
    "Auth",
    "Call",
    "Delegate",
    "Op",
    "Reply",
    "Step",
    "Steps",
    "Verify",
    "discard",
    "pick",
    "read_dict",
    "read_json",
    "read_list",
    "read_response",
]


class _NoBody:
    def __repr__(self) -> str:
        return "NO_BODY"


NO_BODY: Final[Any] = _NoBody()
"""Send no body at all (GET, DELETE, and the few bodiless POSTs)."""


class Auth(enum.Enum):
    """Which key goes into `Authorization: Bearer <project id>[:...]`."""

    PROJECT = "project"
    """`<project>[:<secret>][:<auth management key>]`: sign-in and session calls."""
    MANAGEMENT = "management"
    """`<project>:<management key>`: every `/v1/mgmt` and `/v2/mgmt` call."""
    TOKEN = "token"
    """`<project>:<the call's secret>` only (an inbound app token); no key of the client."""


@dataclass(frozen=True, eq=False)
class Reply:
    """A 2xx answer, the same for either transport.

    `raw` is the HTTP library's own response object (`requests.Response` or
    `httpx.Response`), handed out only by calls whose official counterpart returns it
    (`logout`, `logout_all`).
    """

    status_code: int
    headers: Mapping[str, str]  # lower-cased names
    content: bytes = field(repr=False)
    cookies: Mapping[str, str] = field(repr=False)
    raw: Any = field(repr=False, default=None)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The decoded JSON body; `{}` when the body is empty."""
        if not self.content or not self.content.strip():
            return {}
        try:
            return json.loads(self.content)
        except ValueError as e:
            raise AuthException(
                self.status_code, ERROR_TYPE_SERVER_ERROR, "Descope answered with a non-JSON body"
            ) from e


def read_json(reply: Reply) -> Any:
    """The answer's JSON (`{}` for an empty body)."""
    return reply.json()


def read_dict(reply: Reply) -> dict[str, Any]:
    """The answer's JSON, which must be an object."""
    data = reply.json()
    if not isinstance(data, dict):
        raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
    return data


def read_list(reply: Reply) -> list[Any]:
    """The answer's JSON, which must be an array."""
    data = reply.json()
    if not isinstance(data, list):
        raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
    return data


def read_response(reply: Reply) -> Any:
    """The HTTP library's response object itself (what the official `logout` returns)."""
    return reply.raw


def discard(_: Any) -> None:
    """For calls whose official counterpart returns None."""
    return None


@dataclass(frozen=True, eq=False)
class Call(Generic[T]):
    """One HTTP request to Descope and how its answer becomes the method's result.

    Attributes:
        method: HTTP method.
        path: path below the base URL (`/v1/mgmt/user/create`).
        body: JSON-serialisable body, or `NO_BODY`.
        params: query parameters; `None` values are left out.
        auth: which key authorizes it (`Auth.MANAGEMENT` for management calls).
        secret: a per-call bearer secret after the project id (refresh token, access
            key); never logged, never in a repr.
        idempotent: may the transport retry it after a connection error or a 502/503/504?
            `None` means "by method": GET, DELETE, HEAD and OPTIONS are.
        read: turns the 2xx `Reply` into the result (default: its JSON).
    """

    method: str
    path: str
    body: Any = NO_BODY
    params: Mapping[str, Any] | None = None
    auth: Auth = Auth.PROJECT
    secret: str | None = field(default=None, repr=False)
    idempotent: bool | None = None
    read: Callable[[Reply], T] = field(default=read_json, repr=False)

    @property
    def retryable(self) -> bool:
        if self.idempotent is None:
            return self.method.upper() in ("GET", "DELETE", "HEAD", "OPTIONS")
        return self.idempotent

    def map(self, fn: Callable[[T], U]) -> Call[U]:
        """The same request, its result passed through `fn` (e.g. `discard`)."""
        read = self.read

        def composed(reply: Reply) -> U:
            return fn(read(reply))

        return replace(self, read=composed)  # type: ignore[return-value,arg-type]

    def reading(self, read: Callable[[Reply], U]) -> Call[U]:
        """The same request, its answer read by `read` instead."""
        return replace(self, read=read)  # type: ignore[return-value,arg-type]


@dataclass(frozen=True)
class Verify:
    """A step: verify a token (signature, expiry, kind, audience); the result is its claims.

    The blocking runner verifies inline; the async one verifies inline too when the key
    is cached and otherwise fetches the JWKS with the async transport first.
    """

    token: str = field(repr=False)
    kind: TokenKind = "DS"
    audience: Audience = None


@dataclass(frozen=True)
class Delegate:
    """A step another component carries out, given in both of its forms.

    `blocking()` is called by the blocking runner, `awaitable()` awaited by the async one
    (the single-flight refresher offers `refresh` and `arefresh`).
    """

    blocking: Callable[[], Any]
    awaitable: Callable[[], Awaitable[Any]]


Step = Call[Any] | Verify | Delegate
Steps = Generator[Step, Any, T]
"""A multi-step call: `reply = yield call`, `claims = yield Verify(...)`, `return result`."""
Op = Call[T] | Steps[T]
"""What an `@api` method returns: one `Call`, or a generator of steps."""


def pick(name: str) -> Callable[[Any], Any]:
    """A reader step for `Call.map`: one member of the JSON object answered."""

    def picked(data: Any) -> Any:
        if not isinstance(data, Mapping) or name not in data:
            raise AuthException(500, ERROR_TYPE_SERVER_ERROR, f"response lacks '{name}'")
        return data[name]

    picked.__name__ = f"pick_{name}"
    return picked

