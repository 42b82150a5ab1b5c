"""The client's whole API surface: every `@api` method, named the way a user reaches it
(`client.x`, `client.otp.x`, `client.mgmt.user.x`).

Its arguments for a real call are rows of the request-identity table
(`tests/parity/cases.py`), which must have a row for each name listed here.
"""

from __future__ import annotations

from typing import Any

from descope_core.api import Bound, api

SIGN_IN_AREAS = (
    "otp",
    "magiclink",
    "enchantedlink",
    "oauth",
    "sso",
    "saml",
    "totp",
    "password",
    "webauthn",
)


def surface(client: Any) -> dict[str, Any]:
    """'name' -> bound method, for every `@api` method of the client."""
    out: dict[str, Any] = {}

    def collect(obj: Any, prefix: str) -> None:
        for klass in type(obj).__mro__:
            for name, value in vars(klass).items():
                if isinstance(value, api) and not name.startswith("_"):
                    out.setdefault(prefix + name, getattr(obj, name))

    collect(client, "")
    for area in SIGN_IN_AREAS:
        collect(getattr(client, area), area + ".")
    mgmt = client.mgmt
    for area in type(mgmt).__slots__:
        value = getattr(mgmt, area)
        assert isinstance(value, Bound)
        collect(value, f"mgmt.{area}.")
    return out
