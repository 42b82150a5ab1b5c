"""`mgmt.descoper` end to end through the emulator (PUT create, PATCH update, GET load,
DELETE, POST list): Descopers are stored with their attributes and roles, a login id is
taken once, unknown roles and ids are refused."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException
from descope_core.mgmt import (
    DescoperAttributes,
    DescoperCreate,
    DescoperProjectRole,
    DescoperRBAC,
    DescoperRole,
    DescoperTagRole,
)


def test_descoper_lifecycle(mgmt: Any) -> None:
    d = mgmt.descoper
    rbac = DescoperRBAC(projects=[DescoperProjectRole(["P1"], DescoperRole.DEVELOPER)],
                        tags=[DescoperTagRole(["prod"], DescoperRole.AUDITOR)])
    created = d.create([
        DescoperCreate("dev@x.io", attributes=DescoperAttributes(display_name="Dev"),
                       send_invite=True, rbac=rbac),
        DescoperCreate("ops@x.io"),
    ])
    assert created["total"] == 2
    dev = created["descopers"][0]
    assert dev["loginId"] == "dev@x.io" and dev["status"] == "invited"
    assert dev["attributes"] == {"displayName": "Dev", "email": None, "phone": None}
    assert dev["rbac"]["projects"] == [{"projectIds": ["P1"], "role": "developer"}]
    assert dev["rbac"]["tags"] == [{"tags": ["prod"], "role": "auditor"}]
    assert d.load(dev["id"])["descoper"] == dev

    updated = d.update(dev["id"], rbac=DescoperRBAC(is_company_admin=True))["descoper"]
    assert updated["rbac"] == {"isCompanyAdmin": True, "tags": [], "projects": []}
    assert updated["attributes"]["displayName"] == "Dev"  # not given: kept
    updated = d.update(dev["id"], attributes=DescoperAttributes(email="dev@x.io"))["descoper"]
    assert updated["attributes"] == {"displayName": None, "email": "dev@x.io", "phone": None}
    assert d.load(dev["id"])["descoper"]["rbac"]["isCompanyAdmin"] is True

    listed = d.list()
    assert listed["total"] == 2 and {x["loginId"] for x in listed["descopers"]} == {
        "dev@x.io", "ops@x.io"}
    d.delete(dev["id"])
    with pytest.raises(AuthException) as err:
        d.load(dev["id"])
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:
        d.delete(dev["id"])
    assert err.value.status_code == 404
    assert d.list()["total"] == 1


def test_a_login_id_is_taken_once_and_batches_are_all_or_nothing(mgmt: Any) -> None:
    d = mgmt.descoper
    d.create([DescoperCreate("a@x.io")])
    with pytest.raises(AuthException) as err:
        d.create([DescoperCreate("b@x.io"), DescoperCreate("A@x.io")])
    assert err.value.status_code == 409
    with pytest.raises(AuthException) as err:
        d.create([DescoperCreate("c@x.io"), DescoperCreate("c@x.io")])
    assert err.value.status_code == 409
    assert [x["loginId"] for x in d.list()["descopers"]] == ["a@x.io"]


def test_raw_refusals(descope_emulator: Any) -> None:
    import requests

    auth = {"Authorization": f"Bearer {descope_emulator.project_id}:"
                             f"{descope_emulator.management_key}"}
    url = descope_emulator.url("/v1/mgmt/descoper")
    bad_role = {"descopers": [{"loginId": "r@x.io",
                               "rbac": {"projects": [{"projectIds": ["P1"], "role": "god"}]}}]}
    for method, body in (("PUT", bad_role), ("PUT", {"descopers": []}),
                         ("PATCH", {"id": ""}), ("PUT", {"descopers": "x"})):
        resp = requests.request(method, url, json=body, headers=auth, timeout=30)
        assert resp.status_code == 400, (method, body, resp.text)
    resp = requests.put(url, json={"descopers": [{"loginId": "x@x.io"}]}, timeout=30,
                        headers={"Authorization": f"Bearer {descope_emulator.project_id}:bad"})
    assert resp.status_code == 401


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    d = offline_mgmt.descoper
    for call in (
        lambda: d.create([]),
        lambda: d.create(["a@x.io"]),
        lambda: d.create([DescoperCreate("")]),
        lambda: d.create([DescoperCreate("a@x.io", rbac=DescoperRBAC(
            projects=[DescoperProjectRole(["P1"], "god")]))]),  # type: ignore[arg-type]
        lambda: d.update(""),
        lambda: d.update("id", attributes={"email": "x"}),
        lambda: d.load(""),
        lambda: d.delete(None),
    ):
        with pytest.raises(AuthException) as err:
            call()
        assert err.value.status_code == 400
    assert recorder.calls == []
