"""mgmt.user.load_users and delete_batch against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException


def test_load_users_and_delete_batch(mgmt: Any) -> None:
    a = mgmt.user.create("a@x.io", email="a@x.io", status="enabled")["user"]["userId"]
    b = mgmt.user.create("b@x.io", email="b@x.io", status="enabled")["user"]["userId"]
    c = mgmt.user.create("c@x.io", email="c@x.io", status="enabled")["user"]["userId"]
    mgmt.user.deactivate("c@x.io")

    loaded = mgmt.user.load_users([b, "U2unknown", a, c])["users"]
    assert [u["userId"] for u in loaded] == [b, a]  # order kept, unknown and disabled left out
    with_invalid = mgmt.user.load_users([c], include_invalid_users=True)["users"]
    assert [u["userId"] for u in with_invalid] == [c]

    mgmt.user.delete_batch([a, c, "U2unknown"])
    assert [u["userId"] for u in mgmt.user.load_users([a, b, c], True)["users"]] == [b]
    with pytest.raises(AuthException) as gone:
        mgmt.user.load("a@x.io")
    assert gone.value.status_code == 404


def test_load_users_needs_an_id(mgmt: Any) -> None:
    with pytest.raises(AuthException) as err:
        mgmt.user.load_users([])
    assert err.value.status_code == 400  # refused locally, nothing sent
