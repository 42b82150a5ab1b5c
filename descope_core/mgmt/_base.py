"""The one request mechanism every management area uses.

An area module only says *which* call to make (method, path, body); this module owns
the bearer secret, the empty-body sentinel and the local argument checks that must
fail before anything is sent.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, cast

from ..exceptions import ERROR_TYPE_INVALID_ARGUMENT, AuthException

if TYPE_CHECKING:
    from ..config import DescopeConfig
    from ..transport import Transport

__all__ = [
    "MgmtArea",
    "invalid",
    "check_id",
    "check_str",
    "check_opt_str",
    "check_str_list",
    "check_bool",
    "check_opt_bool",
    "check_int",
    "check_dict",
    "epoch_ms",
]

_NO_BODY_SENTINEL: Any = None


def _no_body() -> Any:
    """The transport's "send no body at all" marker, resolved lazily."""
    global _NO_BODY_SENTINEL
    if _NO_BODY_SENTINEL is None:
        from ..transport import NO_BODY

        _NO_BODY_SENTINEL = NO_BODY
    return _NO_BODY_SENTINEL


class MgmtArea:
    """Base of every `client.mgmt.<area>` object: a transport plus the management key."""

    __slots__ = ("_transport", "_config")

    def __init__(self, transport: Transport, config: DescopeConfig) -> None:
        self._transport = transport
        self._config = config

    # -- the only place a request is made -----------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: Any = ...,
        params: Mapping[str, Any] | None = None,
    ) -> Any:
        key = self._config.management_key
        if not key:
            invalid("a management key is required for management calls")
        return self._transport.request_json(
            method,
            path,
            body=_no_body() if body is ... else body,
            params=dict(params) if params is not None else None,
            bearer_secrets=(key,),
        )

    def _post(self, path: str, body: Any = ...) -> dict[str, Any]:
        return cast("dict[str, Any]", self._call("POST", path, body))

    def _get(self, path: str, **params: Any) -> dict[str, Any]:
        return cast("dict[str, Any]", self._call("GET", path, params=params or None))

    def _patch(self, path: str, body: Any) -> dict[str, Any]:
        return cast("dict[str, Any]", self._call("PATCH", path, body))

    def _delete(self, path: str, **params: Any) -> dict[str, Any]:
        return cast("dict[str, Any]", self._call("DELETE", path, params=params or None))


# -- local argument checks (raise before any request) -----------------------------------


def invalid(message: str) -> NoReturn:
    raise AuthException(400, ERROR_TYPE_INVALID_ARGUMENT, message)


def check_id(value: Any, name: str) -> str:
    """A required, non-empty string argument."""
    if not isinstance(value, str) or not value:
        invalid(f"{name} must be a non-empty string")
    return value


def check_str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        invalid(f"{name} must be a string")
    return value


def check_opt_str(value: Any, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        invalid(f"{name} must be a string")
    return value  # type: ignore[no-any-return,unused-ignore]


def check_str_list(value: Any, name: str, *, default_empty: bool = False) -> list[str] | None:
    """An optional list of strings; `None` stays `None` (or `[]` with default_empty)."""
    if value is None:
        return [] if default_empty else None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        invalid(f"{name} must be a list of strings")
    out = list(value)
    for item in out:
        if not isinstance(item, str):
            invalid(f"{name} must be a list of strings")
    return out


def check_bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        invalid(f"{name} must be a boolean")
    return value


def check_opt_bool(value: Any, name: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        invalid(f"{name} must be a boolean")
    return value  # type: ignore[no-any-return,unused-ignore]


def check_int(value: Any, name: str, *, minimum: int | None = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        invalid(f"{name} must be an integer")
    if minimum is not None and value < minimum:
        invalid(f"{name} must be >= {minimum}")
    return value


def check_dict(value: Any, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        invalid(f"{name} must be a dict")
    return dict(value)


def epoch_ms(value: Any, name: str) -> int | None:
    """A datetime (or an int already in epoch ms) as epoch milliseconds."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return int(value.timestamp() * 1000)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    invalid(f"{name} must be a datetime")
