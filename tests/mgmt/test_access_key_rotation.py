"""mgmt.access_key.rotate and the batch calls, against the emulator: a rotated secret
replaces the old one at once; batches change every key or, for an unknown id, none."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException


def test_rotate_replaces_the_secret(descope_client: Any, mgmt: Any) -> None:
    created = mgmt.access_key.create("ci")
    old, key_id = created["cleartext"], created["key"]["id"]
    assert descope_client.exchange_access_key(old)["sessionToken"]["sub"] == key_id

    rotated = mgmt.access_key.rotate(key_id)
    new = rotated["cleartext"]
    assert rotated["key"]["id"] == key_id and new and new != old
    assert "cleartext" not in mgmt.access_key.load(key_id)["key"]
    assert descope_client.exchange_access_key(new)["sessionToken"]["sub"] == key_id
    with pytest.raises(AuthException) as refused:
        descope_client.exchange_access_key(old)
    assert refused.value.status_code == 401


def test_rotate_unknown_key_is_404(mgmt: Any) -> None:
    with pytest.raises(AuthException) as err:
        mgmt.access_key.rotate("K2nope")
    assert err.value.status_code == 404


def test_batches_change_all_or_none(descope_client: Any, mgmt: Any) -> None:
    a = mgmt.access_key.create("a")
    b = mgmt.access_key.create("b")
    ids = [a["key"]["id"], b["key"]["id"]]

    mgmt.access_key.deactivate_batch(ids)
    assert {mgmt.access_key.load(i)["key"]["status"] for i in ids} == {"inactive"}
    with pytest.raises(AuthException):
        descope_client.exchange_access_key(a["cleartext"])

    with pytest.raises(AuthException) as err:
        mgmt.access_key.activate_batch([ids[0], "K2unknown"])
    assert err.value.status_code == 404
    assert mgmt.access_key.load(ids[0])["key"]["status"] == "inactive"  # nothing changed

    mgmt.access_key.activate_batch(ids)
    assert descope_client.exchange_access_key(a["cleartext"])["sessionToken"]["sub"] == ids[0]

    mgmt.access_key.delete_batch(ids)
    for key_id in ids:
        with pytest.raises(AuthException) as gone:
            mgmt.access_key.load(key_id)
        assert gone.value.status_code == 404
