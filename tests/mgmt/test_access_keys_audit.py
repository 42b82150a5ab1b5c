"""mgmt.access_key (and the exchange rules it configures) and mgmt.audit."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from descope_core import AccessKeyLoginOptions, AssociatedTenant, AuthException


def test_access_key_lifecycle_and_exchange(descope_client: Any, mgmt: Any) -> None:
    mgmt.tenant.create("T", id="my-tenant-id")
    mgmt.permission.create("p1")
    mgmt.role.create("role-name1", permission_names=["p1"], tenant_id="my-tenant-id")
    mgmt.role.create("svc")
    resp = mgmt.access_key.create(
        name="name",
        role_names=["svc"],
        key_tenants=[AssociatedTenant("my-tenant-id", ["role-name1"])],
        description="this is my access key",
        permitted_ips=["127.0.0.0/8", "10.0.0.1"],
        custom_claims={"team": "blue"},
    )
    key, cleartext = resp["key"], resp["cleartext"]
    assert key["description"] == "this is my access key" and cleartext
    assert "cleartext" not in mgmt.access_key.load(key["id"])["key"]  # shown once only
    token = descope_client.exchange_access_key(cleartext)["sessionToken"]
    assert token["sub"] == key["id"] and token["roles"] == ["svc"] and token["team"] == "blue"
    assert token["tenants"]["my-tenant-id"] == {"roles": ["role-name1"], "permissions": ["p1"]}
    opts = AccessKeyLoginOptions(custom_claims={"k1": "v1"})
    assert descope_client.exchange_access_key(cleartext, login_options=opts)["sessionToken"]

    mgmt.access_key.update(key["id"], "new name")
    loaded = mgmt.access_key.load(key["id"])["key"]
    assert loaded["name"] == "new name" and loaded["description"] == "this is my access key"
    keys = mgmt.access_key.search_all_access_keys(tenant_ids=["my-tenant-id"])["keys"]
    assert [k["id"] for k in keys] == [key["id"]]
    assert mgmt.access_key.search_all_access_keys(tenant_ids=["other"])["keys"] == []

    mgmt.access_key.deactivate(key["id"])
    with pytest.raises(AuthException) as err:
        descope_client.exchange_access_key(cleartext)
    assert err.value.status_code == 401
    mgmt.access_key.activate(key["id"])
    assert descope_client.exchange_access_key(cleartext)["sessionToken"]["sub"] == key["id"]
    mgmt.access_key.delete(key["id"])
    with pytest.raises(AuthException):
        descope_client.exchange_access_key(cleartext)
    with pytest.raises(AuthException):
        mgmt.access_key.load(key["id"])


def test_access_key_permitted_ips_and_expiry(descope_client: Any, mgmt: Any) -> None:
    elsewhere = mgmt.access_key.create("far", permitted_ips=["10.0.0.1", "192.168.1.0/24"])
    with pytest.raises(AuthException) as err:
        descope_client.exchange_access_key(elsewhere["cleartext"])
    assert err.value.status_code == 401
    mgmt.access_key.update(elsewhere["key"]["id"], "far", permitted_ips=["127.0.0.1"])
    assert descope_client.exchange_access_key(elsewhere["cleartext"])["sessionToken"]
    expired = mgmt.access_key.create("old", expire_time=int(time.time()) - 60)
    with pytest.raises(AuthException):
        descope_client.exchange_access_key(expired["cleartext"])
    future = mgmt.access_key.create("new", expire_time=int(time.time()) + 3600)
    assert descope_client.exchange_access_key(future["cleartext"])["sessionToken"]


def test_access_key_bound_to_a_user(descope_client: Any, mgmt: Any) -> None:
    user = mgmt.user.create("owner@x.io")["user"]
    key = mgmt.access_key.create("mine", user_id=user["userId"])
    found = mgmt.access_key.search_all_access_keys(bound_user_id=user["userId"])["keys"]
    assert [k["id"] for k in found] == [key["key"]["id"]]
    assert descope_client.exchange_access_key(key["cleartext"])["sessionToken"]
    mgmt.user.deactivate("owner@x.io")
    with pytest.raises(AuthException):
        descope_client.exchange_access_key(key["cleartext"])


def test_audit_records_sign_ins_failures_refresh_and_management(
    descope_client: Any, mgmt: Any, user_with_password: Any, sign_in: Any
) -> None:
    mgmt.tenant.create("T", id="t1")
    user = user_with_password("au@x.io", user_tenants=[AssociatedTenant("t1")])
    resp = sign_in("au@x.io")
    with pytest.raises(AuthException):
        sign_in("au@x.io", "Wrong-passw0rd!")
    descope_client.refresh_session(resp["refreshSessionToken"]["jwt"])
    ok = mgmt.audit.search(actions=["LoginSucceed"])["audits"]
    assert len(ok) == 1
    rec = ok[0]
    assert rec["userId"] == user["userId"] and rec["loginIds"] == ["au@x.io"]
    assert rec["method"] == "password" and rec["tenants"] == ["t1"]
    assert isinstance(rec["occurred"], dt.datetime)
    assert abs(rec["occurred"].timestamp() - time.time()) < 300
    assert len(mgmt.audit.search(actions=["LoginFailed"])["audits"]) == 1
    assert len(mgmt.audit.search(actions=["TokenRefreshed"])["audits"]) == 1
    assert mgmt.audit.search(actions=["UserCreated"], login_ids=["au@x.io"])["audits"]
    created = mgmt.audit.search(actions=["TenantCreated"])["audits"]
    assert [a["tenants"] for a in created] == [["t1"]]
    mgmt.user.delete("au@x.io")
    assert mgmt.audit.search(actions=["UserDeleted"], user_ids=[user["userId"]])["audits"]
    assert mgmt.audit.search(user_ids=[user["userId"]], tenants=["t1"])["audits"]
    assert mgmt.audit.search(actions=["TenantCreated", "LoginSucceed"], no_tenants=True)[
        "audits"
    ] == []
    everything = mgmt.audit.search()["audits"]
    assert not any(a["action"] == "LoginSucceed" for a in
                   mgmt.audit.search(excluded_actions=["LoginSucceed"])["audits"])
    assert len(everything) >= 4
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    assert mgmt.audit.search(from_ts=later)["audits"] == []
    earlier = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=10)
    assert mgmt.audit.search(from_ts=earlier, to_ts=later, actions=["LoginSucceed"])["audits"]


def test_audit_create_event_and_text_search(mgmt: Any) -> None:
    mgmt.tenant.create("T", id="tenant-id")
    mgmt.audit.create_event(
        action="pencil.created", type="info", actor_id="UXXX", tenant_id="tenant-id",
        data={"some": "data"},
    )
    found = mgmt.audit.search(actions=["pencil.created"])["audits"]
    assert len(found) == 1
    assert found[0]["tenants"] == ["tenant-id"] and found[0]["data"] == {"some": "data"}
    assert mgmt.audit.search(text="some-text-that-is-nowhere")["audits"] == []
    assert mgmt.audit.search(text="pencil")["audits"][0]["action"] == "pencil.created"
    mgmt.audit.create_event("logout.forced", "warn", "UXXX", "tenant-id", user_id="U1")
    assert mgmt.audit.search(user_ids=["U1"])["audits"][0]["action"] == "logout.forced"
