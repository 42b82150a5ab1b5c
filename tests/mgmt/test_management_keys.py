"""`mgmt.management_key`: keys made through the API are real credentials whose status,
expiry, permitted IPs and roles decide what they may call (over real HTTP)."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import (
    AuthException,
    DescopeClient,
    MgmtKeyProjectRole,
    MgmtKeyReBac,
    MgmtKeyStatus,
    MgmtKeyTagRole,
)


def _client_with(emulator: Any, key: str) -> DescopeClient:
    return DescopeClient(project_id=emulator.project_id, management_key=key,
                         base_url=emulator.base_url)


def test_created_key_works_and_its_secret_is_shown_once(mgmt: Any, descope_emulator: Any) -> None:
    made = mgmt.management_key.create("ci", MgmtKeyReBac(company_roles=["admin"]),
                                      description="for CI")
    key, cleartext = made["key"], made["cleartext"]
    assert cleartext and key["name"] == "ci" and key["status"] == "active"
    assert "cleartext" not in mgmt.management_key.load(key["id"])
    assert all("secretHash" not in k for k in mgmt.management_key.search()["keys"])
    ci = _client_with(descope_emulator, cleartext)
    ci.mgmt.user.create("made-by-ci@example.com")
    assert mgmt.user.load("made-by-ci@example.com")["user"]["loginIds"] == ["made-by-ci@example.com"]


def test_restricted_key_is_refused_where_its_roles_do_not_allow(
    mgmt: Any, descope_emulator: Any
) -> None:
    pid = descope_emulator.project_id
    auditor = mgmt.management_key.create(
        "audit", MgmtKeyReBac(project_roles=[MgmtKeyProjectRole([pid], ["auditor"])]))["cleartext"]
    support = mgmt.management_key.create(
        "helpdesk", MgmtKeyReBac(company_roles=["support"]))["cleartext"]
    other_project = mgmt.management_key.create(
        "elsewhere", MgmtKeyReBac(project_roles=[MgmtKeyProjectRole(["P2other"], ["admin"])])
    )["cleartext"]
    mgmt.tenant.create("Acme", id="T2acme")
    reader = _client_with(descope_emulator, auditor)
    assert reader.mgmt.tenant.load("T2acme")["name"] == "Acme"  # reading is allowed
    with pytest.raises(AuthException) as err:
        reader.mgmt.tenant.create("Nope")
    assert err.value.status_code == 403
    helpdesk = _client_with(descope_emulator, support)
    helpdesk.mgmt.user.create("help@example.com")  # support may change users
    with pytest.raises(AuthException) as err:
        helpdesk.mgmt.role.create("boss")
    assert err.value.status_code == 403
    with pytest.raises(AuthException) as err:
        helpdesk.mgmt.management_key.search()
    assert err.value.status_code == 403
    with pytest.raises(AuthException) as err:
        _client_with(descope_emulator, other_project).mgmt.tenant.load_all()
    assert err.value.status_code == 403


def test_tag_roles_follow_the_project_tags(mgmt: Any, descope_emulator: Any) -> None:
    key = mgmt.management_key.create(
        "tagged", MgmtKeyReBac(tag_roles=[MgmtKeyTagRole(["prod"], ["developer"])]))["cleartext"]
    dev = _client_with(descope_emulator, key)
    with pytest.raises(AuthException):
        dev.mgmt.role.create("r1")
    mgmt.project.update_tags(["prod"])
    dev.mgmt.role.create("r1")
    with pytest.raises(AuthException) as err:
        dev.mgmt.management_key.create("escalate", MgmtKeyReBac(company_roles=["admin"]))
    assert err.value.status_code == 403


def test_inactive_deleted_and_ip_limited_keys_are_refused(mgmt: Any, descope_emulator: Any) -> None:
    made = mgmt.management_key.create("ops", MgmtKeyReBac(company_roles=["admin"]))
    kid, secret = made["key"]["id"], made["cleartext"]
    ops = _client_with(descope_emulator, secret)
    ops.mgmt.tenant.load_all()
    mgmt.management_key.update(kid, "ops", "paused", [], MgmtKeyStatus.INACTIVE)
    with pytest.raises(AuthException) as err:
        ops.mgmt.tenant.load_all()
    assert err.value.status_code == 401
    mgmt.management_key.update(kid, "ops", "office only", ["10.9.0.0/16"], MgmtKeyStatus.ACTIVE)
    with pytest.raises(AuthException) as err:
        ops.mgmt.tenant.load_all()  # the test calls from 127.0.0.1
    assert err.value.status_code == 403
    mgmt.management_key.update(kid, "ops", "local", ["127.0.0.0/8"], MgmtKeyStatus.ACTIVE)
    ops.mgmt.tenant.load_all()
    assert mgmt.management_key.delete([kid, "MK2unknown"])["total"] == 1
    with pytest.raises(AuthException) as err:
        ops.mgmt.tenant.load_all()
    assert err.value.status_code == 401
    with pytest.raises(AuthException) as err:
        mgmt.management_key.load(kid)
    assert err.value.status_code == 404


@pytest.mark.parametrize("call", [
    lambda m: m.management_key.create("", MgmtKeyReBac()),
    lambda m: m.management_key.create("x", None),
    lambda m: m.management_key.create("x", MgmtKeyReBac(company_roles="admin")),
    lambda m: m.management_key.update("id", "n", "d", [], None),
    lambda m: m.management_key.delete([]),
    lambda m: m.management_key.load(""),
])
def test_bad_arguments_refused_before_sending(mgmt: Any, call: Any) -> None:
    with pytest.raises(AuthException) as err:
        call(mgmt)
    assert err.value.status_code == 400
