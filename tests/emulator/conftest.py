"""Helpers for the emulator tests: a small HTTP wrapper around the plugin's emulator."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import requests


class Api:
    """Raw Descope-style calls (``Authorization: Bearer <projectId>[:<secret>]``)."""

    def __init__(self, emu: Any) -> None:
        self.emu = emu
        self.http = requests.Session()

    def _headers(self, secret: str | None, mgmt: bool) -> dict[str, str]:
        bearer = self.emu.project_id
        if mgmt:
            bearer += ":" + self.emu.management_key
        elif secret:
            bearer += ":" + secret
        return {"Authorization": f"Bearer {bearer}"}

    def post(self, path: str, body: Any = None, *, refresh: str | None = None,
             mgmt: bool = False, **kw: Any) -> requests.Response:
        return self.http.post(self.emu.url(path), json={} if body is None else body,
                              headers=self._headers(refresh, mgmt), timeout=30, **kw)

    def get(self, path: str, *, refresh: str | None = None, mgmt: bool = False,
            **kw: Any) -> requests.Response:
        return self.http.get(self.emu.url(path), headers=self._headers(refresh, mgmt),
                             timeout=30, **kw)

    def ok(self, resp: requests.Response) -> Any:
        assert resp.status_code == 200, f"{resp.status_code} {resp.text}"
        return resp.json()

    def claims(self, token: str) -> dict[str, Any]:
        keys = self.http.get(self.emu.url(f"/v2/keys/{self.emu.project_id}"), timeout=30).json()
        kid = jwt.get_unverified_header(token)["kid"]
        jwk = next(k for k in keys["keys"] if k["kid"] == kid)
        decoded: dict[str, Any] = jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS256"],
                                             options={"verify_aud": False})
        return decoded

    def last_message(self, login_id: str) -> dict[str, Any]:
        messages = self.emu.outbox(login_id)
        assert messages, f"no message for {login_id}"
        return messages[0]


def token_of(link: str) -> str:
    return parse_qs(urlparse(link).query)["t"][0]


def assert_error(resp: requests.Response, status: int) -> dict[str, Any]:
    assert resp.status_code == status, f"{resp.status_code} {resp.text}"
    body: dict[str, Any] = resp.json()
    assert set(body) == {"errorCode", "errorDescription", "errorMessage"}
    return body


@pytest.fixture
def api(descope_emulator: Any) -> Api:
    return Api(descope_emulator)


@pytest.fixture
def descope_client(descope_client_any: Any) -> Any:
    """Tests of our client run with `DescopeClient` and with `DescopeClientAsync`."""
    return descope_client_any
