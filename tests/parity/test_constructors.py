"""Both clients take the official SDK's constructor arguments: same positional names in the
same order, every official keyword, the same defaults (one documented exception)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import descope_core
from descope_core import AuthException

from .conftest import PROJECT_ID, Signer

# Ours is shorter on purpose: the integrations refresh sessions on the request path, where
# a 60 s wait would hold a worker for a minute (docs/contracts.md).
DEFAULTS_THAT_DIFFER = {"timeout_seconds": (60, 5.0)}

_PAIRS = [("DescopeClient", "DescopeClient"), ("DescopeClientAsync", "DescopeClientAsync")]


def _params(cls: type) -> list[inspect.Parameter]:
    return list(inspect.signature(cls.__init__).parameters.values())[1:]  # type: ignore[misc]


@pytest.mark.parametrize("official_name, ours_name", _PAIRS)
def test_constructor_matches_the_official_one(official_name: str, ours_name: str) -> None:
    import descope

    theirs = _params(getattr(descope, official_name))
    ours = {p.name: p for p in _params(getattr(descope_core, ours_name))}
    ours_positional = [p.name for p in _params(getattr(descope_core, ours_name))
                       if p.kind is p.POSITIONAL_OR_KEYWORD]
    theirs_positional = [p.name for p in theirs if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert ours_positional == theirs_positional
    for p in theirs:
        assert p.name in ours, f"{ours_name} lacks {p.name}"
        assert ours[p.name].kind == p.kind, p.name
        if p.name in DEFAULTS_THAT_DIFFER:
            assert (p.default, ours[p.name].default) == DEFAULTS_THAT_DIFFER[p.name]
        elif p.default is not inspect.Parameter.empty:
            assert ours[p.name].default == p.default, p.name


@pytest.mark.parametrize("name", ["DescopeClient", "DescopeClientAsync"])
def test_positional_arguments_land_where_the_official_sdk_puts_them(
    signer: Signer, name: str
) -> None:
    cls: Any = getattr(descope_core, name)
    client = cls(PROJECT_ID, signer.jwk, True, "K2positional", 7.5, 9, "AMK", None,
                 base_url="http://127.0.0.1:9")
    config = client.config
    assert config.public_key["kid"] == signer.jwk["kid"]
    assert config.management_key == "K2positional" and config.auth_management_key == "AMK"
    assert (config.timeout_seconds, config.jwt_validation_leeway) == (7.5, 9)
    # a management key in the old second position is a malformed public key: refused
    with pytest.raises(AuthException):
        cls(PROJECT_ID, "K2management-key", base_url="http://127.0.0.1:9")
