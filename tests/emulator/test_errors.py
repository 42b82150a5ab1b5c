"""Error shapes: bad bodies, wrong types, oversized bodies, unknown paths; the outbox."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from .conftest import Api, assert_error


def _raw(api: Api, path: str, data: bytes, method: str = "POST") -> requests.Response:
    return api.http.request(method, api.emu.url(path), data=data, timeout=30, headers={
        "Authorization": f"Bearer {api.emu.project_id}", "Content-Type": "application/json"})


@pytest.mark.parametrize("path", ["/v1/auth/otp/signin/email", "/v1/auth/refresh",
                                  "/v1/auth/password/signup", "/v1/mgmt/user/create",
                                  "/emulator/sign-in", "/emulator/faults"])
@pytest.mark.parametrize("payload", [b"{not json", b"[1, 2]", b"\"text\"", b"\xff\xfe", b"null"])
def test_malformed_bodies_are_4xx(api: Api, path: str, payload: bytes) -> None:
    resp = _raw(api, path, payload)
    assert 400 <= resp.status_code < 500
    assert set(resp.json()) == {"errorCode", "errorDescription", "errorMessage"}


@pytest.mark.parametrize("body", [
    {"loginId": 5}, {"loginId": None}, {"loginId": ["a"]}, {"loginId": "a", "loginOptions": "x"},
    {"loginId": "a", "loginOptions": {"customClaims": 3}}, {"loginId": "a", "loginOptions": {"mfa": "yes"}},
    {"loginId": "", "unknownField": {"deep": [1, 2]}},
])
def test_wrong_types_are_400(api: Api, body: dict[str, Any]) -> None:
    assert_error(api.post("/v1/auth/otp/signin/email", body), 400)


def test_unknown_fields_are_ignored(api: Api, descope_emulator: Any) -> None:
    descope_emulator.sign_in("u@example.com")
    api.ok(api.post("/v1/auth/otp/signin/email", {"loginId": "u@example.com", "extra": {"a": [1]},
                                                  "loginOptions": {"locale": "fr", "whatever": 1}}))


def test_oversized_body_is_413(api: Api) -> None:
    big = b'{"loginId": "' + b"a" * (1024 * 1024 + 10) + b'"}'
    assert_error(_raw(api, "/v1/auth/otp/signin/email", big), 413)

    def chunks() -> Any:  # no Content-Length: streamed
        for _ in range(11):
            yield b" " * (100 * 1024)
    resp = api.http.post(api.emu.url("/v1/auth/password/signin"), data=chunks(), timeout=30,
                         headers={"Authorization": f"Bearer {api.emu.project_id}"})
    assert_error(resp, 413)


def test_unknown_paths_and_methods(api: Api) -> None:
    body = assert_error(api.post("/v1/auth/nope"), 404)
    assert "nope" in body["errorMessage"]
    assert_error(api.get("/v1/mgmt/does/not/exist", mgmt=True), 404)
    assert_error(api.get("/v1/auth/refresh"), 405)
    assert_error(api.post("/v1/auth/otp/signin/pigeon", {"loginId": "a"}), 404)
    assert_error(api.get("/v2/keys/someone-else"), 404)


def test_project_id_is_checked(api: Api, descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("p@example.com")
    r = requests.post(descope_emulator.url("/v1/auth/refresh"), json={}, timeout=30,
                      headers={"Authorization": f"Bearer Pother:{tokens['refreshJwt']}"})
    assert_error(r, 401)
    r = requests.post(descope_emulator.url("/v1/auth/otp/signin/email"), json={"loginId": "p"},
                      timeout=30)
    assert_error(r, 401)


def test_refresh_token_from_cookie(api: Api, descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("q@example.com")
    r = requests.post(descope_emulator.url("/v1/auth/refresh"), json={}, timeout=30,
                      cookies={"DSR": tokens["refreshJwt"]},
                      headers={"Authorization": f"Bearer {descope_emulator.project_id}"})
    assert r.status_code == 200


def test_outbox_pages(api: Api, descope_emulator: Any) -> None:
    descope_emulator.sign_in("o@example.com")
    api.ok(api.post("/v1/auth/otp/signin/email", {"loginId": "o@example.com"}))
    api.ok(api.post("/v1/auth/magiclink/signin/email", {"loginId": "o@example.com",
                                                        "URI": "http://app.test/x"}))
    messages = descope_emulator.outbox("o@example.com")
    assert [m["kind"] for m in messages] == ["magiclink", "otp"]  # newest first
    assert descope_emulator.outbox("other@example.com") == []
    page = requests.get(descope_emulator.url("/emulator/outbox"), timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert messages[1]["code"] in page.text and "http://app.test/x?t=" in page.text
    assert page.text.index("magiclink") < page.text.index(messages[1]["code"])
    data = requests.get(descope_emulator.url("/emulator/outbox.json"),
                        params={"loginId": "o@example.com"}, timeout=30).json()
    assert len(data["messages"]) == 2


def test_fault_validation(api: Api) -> None:
    assert_error(api.post("/emulator/faults", {"path": "no-slash"}), 400)
    assert_error(api.post("/emulator/faults", {"path": "/v1", "status": "x"}), 400)
    assert_error(api.post("/emulator/faults", {"path": "/v1", "drop": 1}), 400)
    api.ok(api.post("/emulator/faults", {"path": "/v1/auth/me", "status": 500}))
    assert api.ok(api.get("/emulator/faults"))["faults"][0]["path"] == "/v1/auth/me"
    assert api.get("/v1/auth/me").status_code == 500
    assert api.http.delete(api.emu.url("/emulator/faults"), timeout=30).status_code == 200
    assert api.get("/v1/auth/me").status_code == 401
