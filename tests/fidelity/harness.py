"""The fidelity harness: one check per official-SDK call, run against a real emulator over HTTP.

A check is an ``async`` function taking a :class:`Ctx`. It makes the call under test through the
official ``descope`` package, then checks the call's effect (usually with another SDK call or the
emulator's outbox). The same check runs for ``DescopeClient`` (blocking calls, awaited by
:meth:`Ctx.run` only when they return an awaitable) and for ``DescopeClientAsync``.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt as pyjwt
import requests

Check = Callable[["Ctx"], Awaitable[None]]

#: call name ("mgmt.user.create", "otp.sign_in", "client.me") -> check
CHECKS: dict[str, Check] = {}

_counter = itertools.count(1)


def check(name: str) -> Callable[[Check], Check]:
    """Register ``fn`` as the check of the official-SDK call ``name``."""

    def register(fn: Check) -> Check:
        if name in CHECKS:
            raise ValueError(f"two checks for {name}")
        CHECKS[name] = fn
        return fn

    return register


class Ctx:
    """What a check gets: the official client under test, the emulator, small helpers."""

    def __init__(self, emu: Any, client: Any, flavour: str) -> None:
        self.emu = emu
        self.c = client
        self.flavour = flavour
        self.http = requests.Session()

    # -- calling the SDK ----------------------------------------------------------------------
    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call an SDK method of either client and return its result."""
        result = fn(*args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

    async def fails(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call an SDK method that must raise ``AuthException``; return the exception."""
        from descope import AuthException

        try:
            await self.run(fn, *args, **kwargs)
        except AuthException as exc:
            # a route the emulator lacks is no proof of the refusal the check wants
            assert "No such endpoint" not in str(exc), exc
            return exc
        raise AssertionError(f"{getattr(fn, '__qualname__', fn)} did not fail")

    @property
    def m(self) -> Any:
        """The client's management object."""
        return self.c.mgmt

    # -- names and data -----------------------------------------------------------------------
    @staticmethod
    def uid(prefix: str = "x") -> str:
        return f"{prefix}{next(_counter)}"

    def email(self, prefix: str = "u") -> str:
        return f"{self.uid(prefix)}@example.com"

    # -- the emulator's side doors (the outbox and raw HTTP, never the SDK under test) --------
    def message(self, login_id: str) -> dict[str, Any]:
        messages = self.emu.outbox(login_id)
        assert messages, f"no message sent for {login_id}"
        newest: dict[str, Any] = messages[0]
        return newest

    def code(self, login_id: str) -> str:
        return str(self.message(login_id)["code"])

    def link_token(self, login_id: str) -> str:
        msg = self.message(login_id)
        if msg.get("token"):
            return str(msg["token"])
        return parse_qs(urlparse(msg["link"]).query)["t"][0]

    def raw(self, method: str, path: str, body: Any = None) -> requests.Response:
        """A management call made without the SDK (for setup the SDK has no call for)."""
        bearer = f"{self.emu.project_id}:{self.emu.management_key}"
        return self.http.request(method, self.emu.url(path), json=body, timeout=30,
                                 headers={"Authorization": f"Bearer {bearer}"})

    @staticmethod
    def claims(token: str) -> dict[str, Any]:
        decoded: dict[str, Any] = pyjwt.decode(token, options={"verify_signature": False})
        return decoded

    # -- common setups, made through the SDK ------------------------------------------------
    async def user(self, login_id: str | None = None, **fields: Any) -> dict[str, Any]:
        """Create a user with management ``user.create``; return the user object."""
        login_id = login_id or self.email()
        fields.setdefault("email", login_id if "@" in login_id else None)
        resp = await self.run(self.m.user.create, login_id, **fields)
        user: dict[str, Any] = resp["user"]
        return user

    async def test_user(self, login_id: str | None = None, **fields: Any) -> str:
        login_id = login_id or self.email("t")
        fields.setdefault("email", login_id)
        await self.run(self.m.user.create_test_user, login_id, **fields)
        return login_id

    async def signed_in(self, login_id: str | None = None, **fields: Any) -> dict[str, Any]:
        """A user signed in for real (test user + OTP by email); the SDK's JWT response."""
        from descope import DeliveryMethod

        login_id = await self.test_user(login_id, **fields)
        code = (await self.run(self.m.user.generate_otp_for_test_user,
                               DeliveryMethod.EMAIL, login_id))["code"]
        resp: dict[str, Any] = await self.run(self.c.otp.verify_code, DeliveryMethod.EMAIL,
                                              login_id, code)
        resp["loginId"] = login_id
        return resp

    async def tenant(self, name: str | None = None, **kwargs: Any) -> str:
        resp = await self.run(self.m.tenant.create, name or self.uid("Tenant "), **kwargs)
        return str(resp["id"])


def session_of(resp: dict[str, Any]) -> str:
    return str(resp["sessionToken"]["jwt"])


def refresh_of(resp: dict[str, Any]) -> str:
    return str(resp["refreshSessionToken"]["jwt"])


def totp_now(key: str, at: float | None = None) -> str:
    """The current RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 ``key``."""
    import base64
    import hashlib
    import hmac
    import struct
    import time

    secret = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def idp_code(ctx: Ctx, url: str, login_id: str, **extra: str) -> str:
    """Play the identity provider: complete the emulator's authorize page as ``login_id`` and
    return the code the redirect carries."""
    state = parse_qs(urlparse(url).query)["state"][0]
    resp = ctx.http.get(ctx.emu.url("/emulator/authorize/complete"),
                        params={"state": state, "loginId": login_id, **extra},
                        allow_redirects=False, timeout=30)
    assert resp.status_code in (302, 303), f"{resp.status_code} {resp.text[:200]}"
    return parse_qs(urlparse(resp.headers["location"]).query)["code"][0]
