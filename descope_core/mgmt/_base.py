"""The base of every management area, and the local argument checks.

An area method checks its arguments, builds the body from them, and returns the `Call`
(see `descope_core.api`); it never sends anything itself. `_post`, `_get`, `_patch`,
`_put` and `_delete` describe a management call: `Auth.MANAGEMENT`, so the transport
puts the management key in the bearer (and refuses without one: that check lives in
`transport.management_key_of`, nowhere else).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, NoReturn

from ..api import Bound, M
from ..calls import NO_BODY, Auth, Call, discard
from ..exceptions import ERROR_TYPE_INVALID_ARGUMENT, AuthException

__all__ = [
    "M",
    "MgmtArea",
    "discard",
    "invalid",
    "put_given",
    "check_id",
    "check_str",
    "check_opt_str",
    "check_str_list",
    "check_id_list",
    "check_dict_list",
    "check_bool",
    "check_opt_bool",
    "check_int",
    "check_dict",
    "epoch_ms",
]


class MgmtArea(Bound[M], Generic[M]):
    """Base of every `client.mgmt.<area>` object."""

    __slots__ = ()

    @staticmethod
    def _post(path: str, body: Any = NO_BODY) -> Call[dict[str, Any]]:
        """A management POST (not retried: it may change state)."""
        return Call("POST", path, body, auth=Auth.MANAGEMENT)

    @staticmethod
    def _put(path: str, body: Any = NO_BODY) -> Call[dict[str, Any]]:
        return Call("PUT", path, body, auth=Auth.MANAGEMENT)

    @staticmethod
    def _patch(path: str, body: Any) -> Call[dict[str, Any]]:
        return Call("PATCH", path, body, auth=Auth.MANAGEMENT)

    @staticmethod
    def _get(path: str, **params: Any) -> Call[dict[str, Any]]:
        """A management GET (idempotent: retried after a connection error or a 5xx)."""
        return Call("GET", path, params=params or None, auth=Auth.MANAGEMENT)

    @staticmethod
    def _delete(path: str, **params: Any) -> Call[dict[str, Any]]:
        return Call("DELETE", path, params=params or None, auth=Auth.MANAGEMENT)


# -- local argument checks (raise before any request) -----------------------------------


def put_given(
    body: dict[str, Any], check: Callable[[Any, str], Any], *fields: tuple[str, Any, str]
) -> None:
    """`body[key] = check(value, name)` for each (key, value, name) whose value is given."""
    for key, value, name in fields:
        if value is not None:
            body[key] = check(value, name)


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


def check_id_list(value: Any, name: str, *, non_empty: bool = False) -> list[str]:
    """A required list of non-empty strings (`non_empty`: at least one)."""
    if value is None:
        invalid(f"{name} must be a list of strings")
    out = check_str_list(value, name) or []
    if not all(out):
        invalid(f"{name} must not contain empty strings")
    if non_empty and not out:
        invalid(f"{name} must not be empty")
    return out


def check_dict_list(value: Any, name: str) -> list[dict[str, Any]]:
    """A required list of dicts (objects passed through to Descope as they are)."""
    if value is None or isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        invalid(f"{name} must be a list of dicts")
    out = list(value)
    for item in out:
        if not isinstance(item, Mapping):
            invalid(f"{name} must be a list of dicts")
    return [dict(item) for item in out]


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


def check_dict(value: Any, name: str, *, required: bool = False) -> dict[str, Any] | None:
    """An optional dict (`required`: None refused too), copied."""
    if value is None:
        if required:
            invalid(f"{name} must be a dict")
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
