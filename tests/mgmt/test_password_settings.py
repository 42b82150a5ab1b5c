"""`mgmt.password`: the project's and a tenant's password policy, enforced by sign-up,
update and replace through the real password flow."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException


def test_project_policy_read_changed_and_enforced_on_sign_up(
    mgmt: Any, descope_client: Any
) -> None:
    policy = mgmt.password.get_settings()
    assert policy["minLength"] == 8 and policy["uppercase"] is True
    mgmt.password.configure_settings("", {"minLength": 14, "nonAlphanumeric": True})
    assert mgmt.password.get_settings()["minLength"] == 14
    with pytest.raises(AuthException) as err:
        descope_client.password.sign_up("short@example.com", "Short1pass")
    assert err.value.status_code == 400
    with pytest.raises(AuthException):
        descope_client.password.sign_up("nosym@example.com", "LongEnough1234")
    ok = descope_client.password.sign_up("long@example.com", "LongEnough1234!")
    assert ok["sessionToken"]["jwt"]


def test_tenant_policy_applies_to_its_users(mgmt: Any, descope_client: Any) -> None:
    mgmt.tenant.create("Strict", id="T2strict")
    assert mgmt.password.get_settings("T2strict")["minLength"] == 8  # the project's until set
    mgmt.password.configure_settings("T2strict", {"minLength": 20})
    assert mgmt.password.get_settings("T2strict")["minLength"] == 20
    assert mgmt.password.get_settings()["minLength"] == 8
    descope_client.password.sign_up("member@example.com", "Passw0rd!Strong")
    mgmt.user.add_tenant("member@example.com", "T2strict")
    with pytest.raises(AuthException) as err:
        descope_client.password.replace("member@example.com", "Passw0rd!Strong", "N3wPassw0rd!")
    assert err.value.status_code == 400
    descope_client.password.replace(
        "member@example.com", "Passw0rd!Strong", "A-Much-L0nger-Passphrase")
    assert descope_client.password.sign_in("member@example.com", "A-Much-L0nger-Passphrase")


def test_unknown_tenant_and_bad_settings_refused(mgmt: Any) -> None:
    with pytest.raises(AuthException) as err:
        mgmt.password.get_settings("T2nope")
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:
        mgmt.password.configure_settings("", {"minLength": "ten"})
    assert err.value.status_code == 400
    with pytest.raises(AuthException) as err:
        mgmt.password.configure_settings("", {"noSuchRule": True})
    assert err.value.status_code == 400
    with pytest.raises(AuthException):
        mgmt.password.configure_settings(None, {})
    with pytest.raises(AuthException):
        mgmt.password.configure_settings("", None)
