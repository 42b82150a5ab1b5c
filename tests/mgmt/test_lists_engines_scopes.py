"""`mgmt.list`, `mgmt.engine` and `mgmt.scope_claim_mapping` end to end through the
emulator: entries really match (CIDR ranges included), a rotated engine secret replaces
the old one, mappings are stored and replaced."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException


def test_ip_list_matches_addresses_and_cidr_ranges(mgmt: Any) -> None:
    created = mgmt.list.create("office", "ips", description="VPN", data=["10.1.0.0/16"])["list"]
    lid = created["id"]
    assert created["name"] == "office" and created["type"] == "ips"
    assert mgmt.list.check_ip(lid, "10.1.200.7") is True
    assert mgmt.list.check_ip(lid, "10.2.0.1") is False
    mgmt.list.add_ips(lid, ["192.168.5.9", "2001:db8::/32"])
    assert mgmt.list.check_ip(lid, "192.168.5.9") is True
    assert mgmt.list.check_ip(lid, "2001:db8:1::5") is True
    assert mgmt.list.check_ip(lid, "192.168.5.10") is False
    mgmt.list.remove_ips(lid, ["10.1.0.0/16"])
    assert mgmt.list.check_ip(lid, "10.1.200.7") is False
    assert mgmt.list.load(lid)["list"]["data"] == ["192.168.5.9/32", "2001:db8::/32"]
    mgmt.list.clear(lid)
    assert mgmt.list.check_ip(lid, "192.168.5.9") is False


def test_ip_list_refuses_a_bad_address(mgmt: Any) -> None:
    lid = mgmt.list.create("bad-ips", "ips")["list"]["id"]
    with pytest.raises(AuthException) as err:
        mgmt.list.add_ips(lid, ["not-an-ip"])
    assert err.value.status_code == 400
    with pytest.raises(AuthException) as err:
        mgmt.list.check_ip(lid, "999.1.1.1")
    assert err.value.status_code == 400


def test_text_list_any_and_all(mgmt: Any) -> None:
    lid = mgmt.list.create("words", "texts", data=["alpha", "beta"])["list"]["id"]
    assert mgmt.list.check_text(lid, "alpha") is True
    assert mgmt.list.check_text(lid, "gamma") is False
    mgmt.list.add_texts(lid, ["gamma"])
    assert mgmt.list.check_texts(lid, ["gamma", "delta"]) is True
    assert mgmt.list.check_texts(lid, ["gamma", "delta"], match_all=True) is False
    assert mgmt.list.check_texts(lid, ["alpha", "gamma"], match_all=True) is True
    mgmt.list.remove_texts(lid, ["alpha"])
    assert mgmt.list.check_text(lid, "alpha") is False
    with pytest.raises(AuthException) as err:
        mgmt.list.check_ip(lid, "10.0.0.1")
    assert err.value.status_code == 400


def test_names_unique_load_by_name_update_import_delete(mgmt: Any) -> None:
    lid = mgmt.list.create("cfg", "json", data={"a": 1})["list"]["id"]
    with pytest.raises(AuthException) as err:
        mgmt.list.create("cfg", "texts")
    assert err.value.status_code == 409
    assert mgmt.list.load_by_name("cfg")["list"]["data"] == {"a": 1}
    mgmt.list.update(lid, "cfg2", "json", "renamed", {"b": 2})
    assert mgmt.list.load(lid)["list"]["name"] == "cfg2"
    mgmt.list.import_lists([
        {"name": "cfg2", "type": "json", "data": {"c": 3}},
        {"name": "blocked", "type": "texts", "data": ["spam"]},
    ])
    names = {x["name"]: x for x in mgmt.list.load_all()["lists"]}
    assert names["cfg2"]["id"] == lid and names["cfg2"]["data"] == {"c": 3}
    assert mgmt.list.check_text(names["blocked"]["id"], "spam") is True
    mgmt.list.delete(lid)
    with pytest.raises(AuthException) as err:
        mgmt.list.load(lid)
    assert err.value.status_code == 404


def test_engine_secret_shown_once_and_rotated(mgmt: Any, descope_emulator: Any) -> None:
    engine = mgmt.engine.create("scoring")["engine"]
    first = engine["secret"]
    assert first and engine["name"] == "scoring"
    loaded = mgmt.engine.load(engine["id"])["engine"]
    assert "secret" not in loaded and "secretHash" not in loaded
    assert all("secret" not in x for x in mgmt.engine.load_all()["engines"])
    second = mgmt.engine.rotate_secret(engine["id"])["secret"]
    assert second and second != first
    mgmt.engine.update(engine["id"], "scoring-v2")
    assert mgmt.engine.load(engine["id"])["engine"]["name"] == "scoring-v2"
    mgmt.engine.delete(engine["id"])
    with pytest.raises(AuthException) as err:
        mgmt.engine.load(engine["id"])
    assert err.value.status_code == 404


def test_scope_claim_mapping_set_get_delete(mgmt: Any) -> None:
    assert mgmt.scope_claim_mapping.get()["mappings"] == []
    mgmt.scope_claim_mapping.set([
        {"scope": "profile", "claims": {"tier": "gold"}, "description": "profile claims"},
        {"scope": "billing", "claims": {"plan": "pro"}},
    ])
    got = {m["scope"]: m for m in mgmt.scope_claim_mapping.get()["mappings"]}
    assert got["profile"]["claims"] == {"tier": "gold"}
    assert got["billing"]["description"] == ""
    with pytest.raises(AuthException) as err:
        mgmt.scope_claim_mapping.set([{"claims": {}}])
    assert err.value.status_code == 400
    mgmt.scope_claim_mapping.delete()
    assert mgmt.scope_claim_mapping.get()["mappings"] == []


@pytest.mark.parametrize("call", [
    lambda m: m.list.create("", "ips"),
    lambda m: m.list.create("x", None),
    lambda m: m.list.check_ip("id", 5),
    lambda m: m.list.add_texts("id", "not-a-list"),
    lambda m: m.list.check_texts("id", ["a"], match_all="yes"),
    lambda m: m.engine.create(None),
    lambda m: m.engine.rotate_secret(""),
    lambda m: m.scope_claim_mapping.set("x"),
])
def test_bad_arguments_refused_before_sending(mgmt: Any, call: Any) -> None:
    with pytest.raises(AuthException) as err:
        call(mgmt)
    assert err.value.status_code == 400
