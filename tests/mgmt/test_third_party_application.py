"""`mgmt.third_party_application` end to end through the emulator: the secret is shown
at create and rotate (a rotation replaces it), update overwrites while patch changes only
the given fields, consents are searched and deleted for real."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException
from descope_emulator.domain import third_party_apps


def test_secret_shown_at_create_and_replaced_by_rotate(mgmt: Any, descope_emulator: Any) -> None:
    tpa = mgmt.third_party_application
    created = tpa.create("Agent", "http://agent/login", description="d",
                         approved_callback_urls=["http://agent/cb"], force_pkce=True)
    app_id, secret = created["id"], created["cleartext"]
    assert secret and tpa.get_secret(app_id)["cleartext"] == secret
    loaded = tpa.load(app_id)
    assert loaded["name"] == "Agent" and loaded["forcePkce"] is True
    assert secret not in str(loaded) and loaded["clientId"]
    e = descope_emulator.emulator
    assert third_party_apps.secret_matches(e, loaded["clientId"], secret)
    rotated = tpa.rotate_secret(app_id)["cleartext"]
    assert rotated != secret and tpa.get_secret(app_id)["cleartext"] == rotated
    assert not third_party_apps.secret_matches(e, loaded["clientId"], secret)
    assert third_party_apps.secret_matches(e, loaded["clientId"], rotated)


def test_update_overwrites_and_patch_changes_only_given_fields(mgmt: Any) -> None:
    tpa = mgmt.third_party_application
    app_id = tpa.create("Agent", "http://l", description="d", logo="http://logo")["id"]
    tpa.patch(app_id, name="Agent 2", custom_attributes={"k": 1})
    app = tpa.load(app_id)
    assert (app["name"], app["description"], app["customAttributes"]) == ("Agent 2", "d", {"k": 1})
    tpa.update(app_id, "Agent 3", "http://l2")
    app = tpa.load(app_id)
    assert (app["name"], app["loginPageUrl"], app["description"], app["customAttributes"]) == (
        "Agent 3", "http://l2", "", {})
    other = tpa.create("Other", "http://o")["id"]
    assert sorted(a["id"] for a in tpa.load_all()["apps"]) == sorted([app_id, other])
    tpa.delete(app_id)
    with pytest.raises(AuthException) as err:
        tpa.load(app_id)
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:  # one unknown id: nothing is deleted
        tpa.delete_batch([other, "missing"])
    assert err.value.status_code == 404
    tpa.delete_batch([other])
    assert tpa.load_all()["apps"] == []


def test_consents_are_searched_and_deleted(mgmt: Any, descope_emulator: Any) -> None:
    tpa = mgmt.third_party_application
    e = descope_emulator.emulator
    app_a = tpa.create("A", "http://a")["id"]
    app_b = tpa.create("B", "http://b")["id"]
    mgmt.tenant.create("Acme", id="acme")
    u1 = mgmt.user.create("c1@x.io")["user"]["userId"]
    u2 = mgmt.user.create("c2@x.io")["user"]["userId"]
    c1 = third_party_apps.grant_consent(e, app_a, u1, ["read"])
    third_party_apps.grant_consent(e, app_a, u2, ["read"], tenant_id="acme")
    third_party_apps.grant_consent(e, app_b, u1, ["write"])

    found = tpa.search_consents(app_id=app_a)
    assert found["total"] == 2 and {c["userId"] for c in found["consents"]} == {u1, u2}
    assert tpa.search_consents(user_id=u1, app_id=app_b)["consents"][0]["scopes"] == ["write"]
    assert tpa.search_consents(consent_id=c1["id"])["consents"][0]["userId"] == u1
    page = tpa.search_consents(page=1, limit=2)
    assert page["total"] == 3 and len(page["consents"]) == 1

    tpa.delete_tenant_consents("acme")
    assert tpa.search_consents(user_id=u2)["total"] == 0
    tpa.delete_consents(consent_ids=[c1["id"]])
    assert tpa.search_consents(app_id=app_a)["total"] == 0
    assert tpa.search_consents()["total"] == 1
    tpa.delete(app_b)  # its consents go with it
    assert tpa.search_consents()["total"] == 0
    with pytest.raises(AuthException) as err:  # no filter: refused, nothing deleted
        tpa.delete_consents()
    assert err.value.status_code == 400


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    tpa = offline_mgmt.third_party_application
    for call in (
        lambda: tpa.create("", "http://l"),
        lambda: tpa.create("n", ""),
        lambda: tpa.create("n", "http://l", permissions_scopes=["read"]),
        lambda: tpa.update("", "n", "http://l"),
        lambda: tpa.patch("id", name=""),
        lambda: tpa.delete_batch(["a", ""]),
        lambda: tpa.load(""),
        lambda: tpa.get_secret(None),
        lambda: tpa.search_consents(page="1"),
        lambda: tpa.delete_tenant_consents(""),
    ):
        with pytest.raises(AuthException) as err:
            call()
        assert err.value.status_code == 400
    assert recorder.calls == []
