"""Error shapes: bad bodies, wrong types, oversized bodies, unknown paths; the outbox."""

from __future__ import annotations

import logging
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


# Hostile bodies: each is refused by the one body check, on every endpoint that takes a body.
HOSTILE_BODIES = {
    "deep nesting (beyond the parser's recursion)": b"[" * 100_000 + b"]" * 100_000,
    "deep nesting (beyond the depth limit)": b'{"a":' * 40 + b"1" + b"}" * 40,
    "lone surrogate in a value": b'{"loginId": "\\ud800x"}',
    "lone surrogate in a key": b'{"\\udfff": "x"}',
    "NaN": b'{"loginId": "a", "limit": NaN}',
    "Infinity": b'{"expireTime": Infinity}',
    "-Infinity": b'{"expireTime": -Infinity}',
    "a 5000-digit number": b'{"expireTime": ' + b"9" * 5000 + b"}",
    "a number beyond 64 bits": b'{"timeout": 18446744073709551616}',
    "a float out of range": b'{"latencySeconds": 1e999}',
    "invalid UTF-8": b'{"loginId": "\xc3\x28"}',
}


def _body_routes() -> list[tuple[str, str]]:
    from descope_emulator.route_table import ROUTES

    out = []
    for route in ROUTES:
        for method in sorted(route.methods or ()):
            if method in ("POST", "PATCH", "DELETE"):
                path = route.path.replace("{method}", "email").replace("{project_id}", "x")
                out.append((method, path))
    return out


def _assert_refused(api: Api, method: str, path: str, payload: bytes) -> None:
    headers = {"Authorization": f"Bearer {api.emu.project_id}:{api.emu.management_key}",
               "Content-Type": "application/json"}
    resp = api.http.request(method, api.emu.url(path), data=payload, headers=headers, timeout=30)
    assert resp.status_code == 400, f"{method} {path}: {resp.status_code} {resp.text[:200]}"
    body = resp.json()
    assert body["errorCode"] == "E011001", f"{method} {path}: {body}"
    assert "Traceback" not in resp.text and "Error" not in body["errorMessage"]


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
@pytest.mark.parametrize("path", ["/v1/auth/otp/signin/email", "/v1/mgmt/user/create",
                                  "/emulator/reset"])
def test_hostile_bodies_are_400(api: Api, name: str, path: str) -> None:
    _assert_refused(api, "POST", path, HOSTILE_BODIES[name])


def test_every_endpoint_refuses_hostile_bodies(api: Api) -> None:
    """Each endpoint that takes a body, each with a different hostile body in turn."""
    routes = _body_routes()
    assert len(routes) > 140
    payloads = [HOSTILE_BODIES[name] for name in sorted(HOSTILE_BODIES)]
    for i, (method, path) in enumerate(routes):
        _assert_refused(api, method, path, payloads[i % len(payloads)])


def test_non_object_bodies_are_400(api: Api) -> None:
    for payload in (b"[1]", b"3", b'"x"', b"true", b"null"):
        for path in ("/v1/mgmt/tenant/create", "/v1/auth/otp/signin/email", "/emulator/sign-in"):
            resp = _raw(api, path, payload) if path.startswith("/v1/auth") else api.http.post(
                api.emu.url(path), data=payload, timeout=30, headers={
                    "Authorization": f"Bearer {api.emu.project_id}:{api.emu.management_key}"})
            if payload == b"null":  # JSON null is "no body": the endpoint's own checks answer
                assert resp.status_code == 400 and resp.json()["errorCode"] != "E011001"
                continue
            body = assert_error(resp, 400)
            assert body["errorCode"] == "E011001" and "JSON object" in body["errorMessage"]


def test_history_wants_an_array(api: Api) -> None:
    body = assert_error(api.post("/v1/mgmt/user/history", {"a": 1}, mgmt=True), 400)
    assert "array" in body["errorMessage"]
    assert api.ok(api.post("/v1/mgmt/user/history", [], mgmt=True)) == []


def test_unexpected_failure_is_a_plain_500_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    """A broken database inside a real server: the answer says nothing of the exception; the
    log has the traceback, once."""
    from descope_emulator.config import EmulatorConfig
    from descope_emulator.server import BackgroundServer

    server = BackgroundServer(EmulatorConfig(db=":memory:", management_key="K2broken"))
    uvicorn_log = logging.getLogger("uvicorn")  # does not propagate to the root logger
    uvicorn_log.addHandler(caplog.handler)
    try:
        with server:
            server.emulator.store.close()  # every query now raises sqlite3.ProgrammingError
            with caplog.at_level("ERROR"):
                resp = requests.get(server.base_url + "/v1/mgmt/tenant/all", timeout=30, headers={
                    "Authorization": f"Bearer {server.emulator.project_id}:K2broken"})
    finally:
        uvicorn_log.removeHandler(caplog.handler)
    assert resp.status_code == 500
    body = resp.json()
    assert body["errorCode"] == "E010000"
    assert "ProgrammingError" not in resp.text and "sqlite" not in resp.text.lower()
    with_traceback = [r for r in caplog.records if r.exc_info is not None]
    assert len(with_traceback) == 1 and with_traceback[0].name == "descope_emulator"


def test_one_condition_one_answer(api: Api, descope_emulator: Any) -> None:
    """"Tenant not found" is the same status, code and description wherever the unknown
    tenant comes from: the path, the query or a body field."""
    descope_emulator.sign_in("member@example.com")
    api.ok(api.post("/v1/mgmt/role/create", {"name": "r"}, mgmt=True))
    user = {"loginId": "member@example.com"}
    calls = [
        api.get("/v1/mgmt/tenant", params={"id": "nope"}, mgmt=True),
        api.post("/v1/mgmt/tenant/update", {"id": "nope", "name": "x"}, mgmt=True),
        api.post("/v1/mgmt/tenant/delete", {"id": "nope"}, mgmt=True),
        api.post("/v1/mgmt/user/create", {"loginId": "z", "userTenants": [{"tenantId": "nope"}]},
                 mgmt=True),
        api.post("/v1/mgmt/user/update", {**user, "userTenants": [{"tenantId": "nope"}]},
                 mgmt=True),
        api.post("/v1/mgmt/user/update/role/add", {**user, "tenantId": "nope",
                                                   "roleNames": ["r"]}, mgmt=True),
        api.post("/v1/mgmt/user/update/tenant/add", {**user, "tenantId": "nope"}, mgmt=True),
        api.post("/v1/mgmt/role/create", {"name": "r2", "tenantId": "nope"}, mgmt=True),
        api.post("/v1/mgmt/accesskey/create", {"name": "k", "keyTenants": [{"tenantId": "nope"}]},
                 mgmt=True),
        api.get("/v2/mgmt/sso/settings", params={"tenantId": "nope"}, mgmt=True),
        api.post("/v1/mgmt/group/all", {"tenantId": "nope"}, mgmt=True),
        api.post("/v1/auth/sso/authorize?tenant=nope", {}),
    ]
    answers = {(r.status_code, r.json()["errorCode"], r.json()["errorDescription"]) for r in calls}
    assert answers == {(404, "E091101", "Tenant not found")}

    missing_role = api.post("/v1/mgmt/sso/mapping", {"tenantId": "t-none"}, mgmt=True)
    assert missing_role.status_code == 404
    api.ok(api.post("/v1/mgmt/tenant/create", {"id": "t1", "name": "T1"}, mgmt=True))
    role_answers = {
        (r.status_code, r.json()["errorCode"])
        for r in (
            api.post("/v1/mgmt/role/update", {"name": "none", "newName": "x"}, mgmt=True),
            api.post("/v1/mgmt/role/delete", {"name": "none"}, mgmt=True),
            api.post("/v1/mgmt/sso/mapping", {"tenantId": "t1", "roleMappings": [
                {"roleName": "none", "groups": ["g"]}]}, mgmt=True),
        )
    }
    assert role_answers == {(404, "E091301")}


def test_each_code_names_one_condition() -> None:
    """The vocabulary defines every condition once: no aliases, no code used twice."""
    from descope_emulator import errors

    conditions = {name: value for name, value in vars(errors).items()
                  if isinstance(value, errors.Condition)}
    assert len(conditions) > 40
    by_identity: dict[int, str] = {}
    by_code: dict[str, str] = {}
    for name, condition in conditions.items():
        assert id(condition) not in by_identity, f"{name} is an alias of {by_identity[id(condition)]}"
        by_identity[id(condition)] = name
        assert condition.code not in by_code, f"{name} and {by_code[condition.code]} share a code"
        by_code[condition.code] = name
        assert 400 <= condition.status < 600 and condition.description


def test_numbers_at_the_edges(api: Api) -> None:
    """Numbers JSON clients can hold work; larger ones are refused before anything is
    stored, and the clock cannot be pushed past what tokens and the database can hold."""
    edge = 2**53
    ok = api.ok(api.post("/emulator/sign-in", {"loginId": "n@example.com", "refreshTtl": edge}))
    assert ok["cookieExpiration"] > edge
    for ttl in (edge + 1, 1e300, -1e300):
        body = assert_error(api.post("/emulator/sign-in", {"loginId": "n@example.com",
                                                           "refreshTtl": ttl}), 400)
        assert body["errorCode"] == "E011001"
    assert_error(api.post("/emulator/clock", {"advanceSeconds": edge}), 400)
    api.ok(api.post("/emulator/clock", {"advanceSeconds": 50 * 365 * 24 * 3600}))
    assert_error(api.post("/emulator/clock", {"advanceSeconds": 51 * 365 * 24 * 3600}), 400)
    api.ok(api.post("/emulator/sign-in", {"loginId": "n@example.com"}))
