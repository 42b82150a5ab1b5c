"""Placeholders that let one table row describe a call for both SDKs.

A row cannot hold an official `AssociatedTenant` *and* ours, nor a real token (the
signing key is made per test session), so it holds placeholders instead:

* `sdk.AssociatedTenant("t1", ["r1"])`, `sdk.DeliveryMethod.EMAIL`: a type (or enum
  member) looked up by name in the SDK under test, built with these arguments;
* `SESSION`, `REFRESH`, `EXPIRED`: a signed session / refresh / expired session token of
  the harness's key.

`resolve(value, types, tokens)` turns a row's args into real values for one SDK.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TypeRef:
    """`name` (then `.attr` chain) looked up in an SDK; called with args if `called`."""

    name: str
    attrs: tuple[str, ...] = ()
    called: bool = False
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, attr: str) -> TypeRef:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return TypeRef(self.name, (*self.attrs, attr))

    def __call__(self, *args: Any, **kwargs: Any) -> TypeRef:
        return TypeRef(self.name, self.attrs, True, args, kwargs)

    def __repr__(self) -> str:
        head = ".".join((self.name, *self.attrs))
        return f"{head}(...)" if self.called else head


class _Namespace:
    def __getattr__(self, name: str) -> TypeRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return TypeRef(name)


sdk = _Namespace()


@dataclass(frozen=True)
class Token:
    kind: str  # "session" | "refresh" | "refresh-2" | "expired" (an expired session token)

    def __repr__(self) -> str:
        return self.kind.upper()


SESSION = Token("session")
REFRESH = Token("refresh")
EXPIRED = Token("expired")
# a second refresh token: our clients answer a refresh token refreshed a moment ago from
# that refresh (single flight), so a row that must see the request uses its own token
REFRESH_2 = Token("refresh-2")


class SdkTypes:
    """Name -> object lookup over a list of an SDK's modules (first hit wins)."""

    def __init__(self, module_names: list[str]) -> None:
        self._modules = [importlib.import_module(m) for m in module_names]

    def lookup(self, name: str) -> Any:
        for mod in self._modules:
            if hasattr(mod, name):
                return getattr(mod, name)
        raise AttributeError(f"no {name} in {[m.__name__ for m in self._modules]}")


OFFICIAL_MODULES = [
    "descope",
    "descope.common",
    "descope.management.common",
    "descope.management.user",
    "descope.management._user_base",
    "descope.management.sso_settings",
    "descope.management.user_pwd",
]
OURS_MODULES = [
    "descope_core",
    "descope_core.options",
    "descope_core.mgmt",
    "descope_core.mgmt.types",
]


def resolve(value: Any, types: SdkTypes, tokens: Callable[[str], str]) -> Any:
    """A copy of `value` with every placeholder replaced for one SDK."""
    if isinstance(value, TypeRef):
        obj = types.lookup(value.name)
        for attr in value.attrs:
            obj = getattr(obj, attr)
        if value.called:
            args = resolve(value.args, types, tokens)
            kwargs = resolve(dict(value.kwargs), types, tokens)
            obj = obj(*args, **kwargs)
        return obj
    if isinstance(value, Token):
        return tokens(value.kind)
    if isinstance(value, dict):
        return {k: resolve(v, types, tokens) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, types, tokens) for v in value]
    if isinstance(value, tuple):
        return tuple(resolve(v, types, tokens) for v in value)
    return value
