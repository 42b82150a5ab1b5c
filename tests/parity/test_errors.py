"""Errors, the same through the official SDK and ours: one failing call made by the
official `descope` package and by `descope_core`, both clients (blocking and async),
against the emulator over HTTP, must raise exceptions whose official attributes are
equal, `str(e)` and `repr(e)` included; so code such as
`json.loads(e.error_message)["errorCode"]` moves over unchanged.

Our additions (`error_code`, `error_description` on every `AuthException`) are checked
to hold the body's fields. The one value we keep on purpose (a 429's `status_code` stays
429 where the official SDK puts the body's `errorCode` there) is asserted as such; see
docs/differences.md.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

pytest.importorskip("descope", reason="the 'test' extra (descope) is not installed")

import descope  # noqa: E402

import descope_core  # noqa: E402

MISSING_USER = "nobody@example.com"


def _calls() -> dict[str, Callable[[Any], Any]]:
    """Failing calls, written once for any of the four clients."""
    return {
        "mgmt.user.load": lambda c: c.mgmt.user.load(MISSING_USER),
        "password.sign_in": lambda c: c.password.sign_in(MISSING_USER, "Wr0ng-Passw0rd!"),
        "magiclink.verify": lambda c: c.magiclink.verify("not-a-token"),
    }


# a fault injected by the emulator on the call's path: (status, path prefix)
FAULTS: dict[str, tuple[int, str]] = {
    "500": (500, "/v1/mgmt/user"),
    "502": (502, "/v1/mgmt/user"),
    "429": (429, "/v1/mgmt/user"),
}


def _options(emulator: Any) -> dict[str, Any]:
    return {
        "project_id": emulator.project_id,
        "management_key": emulator.management_key,
        "base_url": emulator.base_url,
    }


def _raised(emulator: Any, side: str, mode: str, call: Callable[[Any], Any]) -> BaseException:
    sdk: Any = descope if side == "official" else descope_core
    options = _options(emulator)
    if side == "ours":
        options["retry_backoff_seconds"] = 0  # a 502 is retried by ours: keep it quick
    if mode == "sync":
        client = sdk.DescopeClient(**options)
        try:
            call(client)
        except Exception as exc:  # noqa: BLE001 - the value under test
            return exc
        finally:
            close = getattr(client, "close", None)
            if close is not None:
                close()
        raise AssertionError(f"{side} {mode}: the call did not fail")

    async def run() -> BaseException:
        async with sdk.DescopeClientAsync(**options) as client:
            try:
                await call(client)
            except Exception as exc:  # noqa: BLE001 - the value under test
                return exc
        raise AssertionError(f"{side} {mode}: the call did not fail")

    return asyncio.run(run())


def _fields(exc: BaseException) -> dict[str, Any]:
    """The official SDK's attributes of an exception (its `__dict__` there)."""
    names = ["status_code", "error_type", "error_message"]
    if type(exc).__name__ == "RateLimitException":
        names = ["status_code", "error_type", "error_description", "error_message",
                 "rate_limit_parameters"]
    return {name: getattr(exc, name) for name in names}


@contextmanager
def _fault(emulator: Any, name: str | None) -> Iterator[None]:
    if name is None:
        yield
        return
    status, path = FAULTS[name]
    with emulator.faults(path, status=status, retry_after=3 if status == 429 else None):
        yield


CASES = [(call, None) for call in _calls()] + [("mgmt.user.load", name) for name in FAULTS]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(("call", "fault"), CASES, ids=[f"{c}-{f or 'answer'}" for c, f in CASES])
def test_same_failing_call_same_exception(
    descope_emulator: Any, mode: str, call: str, fault: str | None
) -> None:
    descope_emulator.sign_in("someone@example.com")  # a project with a user in it
    with _fault(descope_emulator, fault):
        official = _raised(descope_emulator, "official", mode, _calls()[call])
        ours = _raised(descope_emulator, "ours", mode, _calls()[call])
    # the same class, or a subclass of it (a retried 5xx is our ServiceUnavailableException,
    # an AuthException): `except <official name>` catches ours
    assert isinstance(ours, getattr(descope_core, type(official).__name__)), (official, ours)
    want, got = _fields(official), _fields(ours)
    if fault == "429":
        # on purpose: the official SDK puts the body's errorCode in status_code
        assert got["status_code"] == 429 and ours.error_code == want["status_code"]
        want["status_code"] = got["status_code"] = None
        assert got == want
        return
    assert got == want
    assert str(ours) == str(official)
    assert repr(ours) == repr(official)
    body = json.loads(ours.error_message)
    assert ours.error_code == body["errorCode"]  # our additions hold the body's fields
    assert ours.error_description == body.get("errorDescription")
