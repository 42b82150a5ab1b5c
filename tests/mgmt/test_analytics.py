"""`mgmt.analytics.search` end to end through the emulator: real sign-ins (and a failed
one) show up as counts, filtered by action/method/device/tenant/time and grouped by the
chosen dimensions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from descope_core import AssociatedTenant, AuthException


@pytest.fixture
def signed_in(mgmt: Any, user_with_password: Any, sign_in: Any) -> None:
    """Three password sign-ins (two in tenant t1) and one failed sign-in."""
    mgmt.tenant.create("Acme", id="t1")
    user_with_password("ana@x.io", user_tenants=[AssociatedTenant("t1")])
    user_with_password("ben@x.io")
    sign_in("ana@x.io")
    sign_in("ana@x.io")
    sign_in("ben@x.io")
    with pytest.raises(AuthException):
        sign_in("ben@x.io", "Wrong-Passw0rd!")


def _counts(rows: list[dict[str, Any]], key: str) -> dict[Any, int]:
    return {r[key]: r["count"] for r in rows}


@pytest.mark.usefixtures("signed_in")
def test_sign_ins_group_by_action_and_method(mgmt: Any) -> None:
    rows = mgmt.analytics.search(actions=["LoginSucceed"], group_by_method=True)["analytics"]
    assert rows == [{"method": "password", "count": 3}]
    by_action = _counts(mgmt.analytics.search(group_by_action=True)["analytics"], "action")
    assert by_action["LoginSucceed"] == 3 and by_action["LoginFailed"] == 1
    without = mgmt.analytics.search(excluded_actions=["LoginFailed"], group_by_action=True)
    assert "LoginFailed" not in _counts(without["analytics"], "action")
    assert mgmt.analytics.search(actions=["LoginSucceed"], methods=["otp"])["analytics"] == []


@pytest.mark.usefixtures("signed_in")
def test_filters_by_tenant_device_and_time(mgmt: Any) -> None:
    rows = mgmt.analytics.search(actions=["LoginSucceed"], tenants=["t1"],
                                 group_by_tenant=True)["analytics"]
    assert rows == [{"tenant": "t1", "count": 2}]
    rows = mgmt.analytics.search(actions=["LoginSucceed"], group_by_tenant=True,
                                 group_by_device=True)["analytics"]
    assert {(r["tenant"], r["device"]): r["count"] for r in rows} == {
        ("t1", "Desktop"): 2, ("", "Desktop"): 1}
    assert mgmt.analytics.search(actions=["LoginSucceed"], devices=["Bot"])["analytics"] == []
    future = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    assert mgmt.analytics.search(from_ts=future)["analytics"] == []
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
    assert mgmt.analytics.search(to_ts=past)["analytics"] == []
    rows = mgmt.analytics.search(actions=["LoginSucceed"], from_ts=past,
                                 group_by_created="d")["analytics"]
    today = dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    assert len(rows) == 1 and rows[0]["count"] == 3
    assert rows[0]["created"] in {int(today.timestamp() * 1000),
                                  int((today - dt.timedelta(days=1)).timestamp() * 1000)}


def test_refusals(mgmt: Any, offline_mgmt: Any, recorder: Any) -> None:
    with pytest.raises(AuthException) as err:
        mgmt.analytics.search(group_by_created="fortnight")
    assert err.value.status_code == 400
    for kwargs in ({"actions": "LoginSucceed"}, {"group_by_method": "yes"},
                   {"from_ts": "yesterday"}, {"group_by_created": 5}):
        with pytest.raises(AuthException) as err:
            offline_mgmt.analytics.search(**kwargs)
        assert err.value.status_code == 400
    assert recorder.calls == []
