"""The console's request log keeps no credential, whatever its shape: every scheme of
``Authorization`` (a key or JWT without the project id, ``Basic``, ``Token``, no scheme at
all), secrets in the query and the body by field name, and JWTs or key cleartexts anywhere.
Over real HTTP against one emulator of this module; the log read from its console API."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from descope_emulator.config import EmulatorConfig
from descope_emulator.server import BackgroundServer

KEY = "K2hostilerequestlog"


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with BackgroundServer(EmulatorConfig(db=":memory:", management_key=KEY)) as srv:
        yield srv


@pytest.fixture(scope="module")
def credentials(server: BackgroundServer) -> dict[str, str]:
    pid = server.emulator.project_id
    signed = requests.post(server.base_url + "/emulator/sign-in", json={"loginId": "l@x.io"},
                           timeout=30).json()
    made = requests.put(server.base_url + "/v1/mgmt/managementkey", timeout=30,
                        json={"name": "k", "reBac": {"companyRoles": ["admin"]}},
                        headers={"Authorization": f"Bearer {pid}:{KEY}"}).json()["cleartext"]
    access = requests.post(server.base_url + "/v1/mgmt/accesskey/create", json={"name": "a"},
                           timeout=30, headers={"Authorization": f"Bearer {pid}:{KEY}"})
    return {"session": signed["sessionJwt"], "refresh": signed["refreshJwt"], "made": made,
            "access": access.json()["cleartext"],
            "none-jwt": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "short-jwt": "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"}


def _log(server: BackgroundServer) -> str:
    resp = requests.get(server.base_url + "/emulator/console/api/requests", timeout=30)
    assert resp.status_code == 200
    return resp.text


def _found(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in text]


AUTHORIZATIONS = [
    ("bearer key without project", "Bearer {made}", ["{made}"]),
    ("bearer project key without project", "Bearer " + KEY, [KEY]),
    ("bearer session jwt", "Bearer {session}", ["{session}"]),
    ("bearer refresh jwt", "bearer {refresh}", ["{refresh}"]),
    ("bearer other project", "Bearer P2other:{made}", ["{made}", "P2other"]),
    ("basic", "Basic " + base64.b64encode(b"admin:Hunter2-Basic").decode(),
     [base64.b64encode(b"admin:Hunter2-Basic").decode(), "Hunter2-Basic"]),
    ("token scheme", "Token tok-Secret-Value-77", ["tok-Secret-Value-77"]),
    ("digest", 'Digest username="u", response="digest-Secret-88"', ["digest-Secret-88"]),
    ("no scheme", "{access}", ["{access}"]),
    ("no scheme short", "plainSecret99", ["plainSecret99"]),
    ("spaces", "Bearer    {made}   ", ["{made}"]),
    ("access key as bearer", "Bearer {access}", ["{access}"]),
    ("alg none jwt", "Bearer {none-jwt}", ["{none-jwt}"]),
]


@pytest.mark.parametrize(("label", "header", "secrets"), AUTHORIZATIONS,
                         ids=[a[0] for a in AUTHORIZATIONS])
def test_every_authorization_shape_is_masked(
        server: BackgroundServer, credentials: dict[str, str], label: str, header: str,
        secrets: list[str]) -> None:
    value = header.format(**credentials)
    wanted = [s.format(**credentials) for s in secrets]
    for path in ("/v1/mgmt/user/search", "/v1/auth/refresh", "/v2/mgmt/user/search"):
        requests.post(server.base_url + path, json={}, timeout=30,
                      headers={"Authorization": value})
    assert not _found(_log(server), wanted), label


def test_a_well_formed_bearer_keeps_only_its_project_id(server: BackgroundServer) -> None:
    pid = server.emulator.project_id
    requests.post(server.base_url + "/v1/mgmt/tenant/search", json={}, timeout=30,
                  headers={"Authorization": f"Bearer {pid}:{KEY}"})
    entries = requests.get(server.base_url + "/emulator/console/api/requests",
                           params={"path": "/v1/mgmt/tenant/search"}, timeout=30).json()
    entry: Any = entries["requests"][0]
    assert entry["authorization"] == f"Bearer {pid}:***"


def test_query_and_body_credentials_are_masked(
        server: BackgroundServer, credentials: dict[str, str]) -> None:
    c = credentials
    secrets = [c["session"], c["refresh"], c["made"], c["access"], c["none-jwt"],
               c["short-jwt"], KEY, "query-Secret-01", "body-Secret-02", "body-Secret-03",
               "body-Secret-04"]
    query = {"token": "query-Secret-01", "x": c["session"], "note": f"see {c['made']} here",
             "apiKey": c["access"], c["refresh"]: "1"}
    body = {"refreshJwt": c["refresh"], "nested": {"deep": [{"clientSecret": "body-Secret-02"},
                                                            {"text": f"bearer {c['none-jwt']}"}]},
            "value": KEY, "comment": f"key {c['made']} and {c['short-jwt']}",
            c["session"]: "as a field name", "password": "body-Secret-03",
            "hashedPassword": {"bcrypt": {"hash": "body-Secret-04"}}}
    for path in ("/v1/mgmt/user/create", "/v1/auth/otp/verify/email"):
        requests.post(server.base_url + path, params=query, json=body, timeout=30, headers={
            "Authorization": f"Bearer {server.emulator.project_id}"})
    requests.get(server.base_url + f"/v2/keys/{c['session']}", timeout=30)
    log = _log(server)
    assert "/v1/mgmt/user/create" in log and "/v2/keys/" in log
    assert not _found(log, secrets)
