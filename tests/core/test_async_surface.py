"""The two clients are one surface: every `@api` method exists on both, blocking on
`DescopeClient` and a coroutine on `DescopeClientAsync`, with the same signature and
docstring. That both send identical requests (and end the same way) for every call is
proven row by row in `tests/parity/test_request_identity.py`, on the table that also
compares them with the official SDK.
"""

from __future__ import annotations

import inspect

from descope_core import DescopeClient, DescopeClientAsync
from tests.support.client_surface import surface

MKEY = "K2surfaceManagementKey"


def test_the_surface_is_the_whole_client() -> None:
    sync = DescopeClient("P2abc", management_key=MKEY, base_url="http://127.0.0.1:9")
    aclient = DescopeClientAsync("P2abc", management_key=MKEY, base_url="http://127.0.0.1:9")
    a, b = surface(sync), surface(aclient)
    assert sorted(a) == sorted(b) and len(a) > 150
    for name in a:
        assert not inspect.iscoroutinefunction(a[name]), name
        assert inspect.iscoroutinefunction(b[name]), name
        assert inspect.signature(a[name]) == inspect.signature(b[name]), name
        assert a[name].__doc__ == b[name].__doc__, name
