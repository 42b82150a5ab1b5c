"""The API reference (docs/reference/) names every public name: each sign-in method and
management area of the client, and each name the integrations and descope_core export,
so a new public name cannot go undocumented (mkdocs' strict build then fails on a name
that is gone)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from descope_core import DescopeClient
from descope_core.auth._base import AuthArea
from descope_core.mgmt._base import MgmtArea

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference"


def reference_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(REFERENCE.glob("*.md")))


def areas(owner: object, kind: type) -> dict[str, type]:
    names = [n for n in dir(owner) if not n.startswith("_")]
    return {n: type(getattr(owner, n)) for n in names if isinstance(getattr(owner, n), kind)}


def test_every_sign_in_method_and_management_area_has_its_section() -> None:
    text = (REFERENCE / "api-calls.md").read_text(encoding="utf-8")
    with DescopeClient(project_id="P2docs", management_key="K2docs",
                       base_url="http://127.0.0.1:9") as client:
        found = {f"client.{n}": t for n, t in areas(client, AuthArea).items()}
        found |= {f"client.mgmt.{n}": t for n, t in areas(client.mgmt, MgmtArea).items()}
    assert len(found) > 30
    for name, kind in found.items():
        assert f"### `{name}`" in text, f"docs/reference/api-calls.md has no section {name}"
        assert f"::: {kind.__module__}.{kind.__qualname__}" in text, name


def renders_whole_module(text: str, package: str) -> bool:
    """`::: package` with no `members:` list: mkdocstrings renders every name of its
    `__all__`, new ones included."""
    found = re.search(rf"^::: {package}\n((?:    .*\n)*)", text, flags=re.M)
    return bool(found) and "members:" not in found[1]


@pytest.mark.parametrize("package", ["descope_flask", "descope_django", "descope_asgi"])
def test_every_exported_name_of_the_integrations_is_in_the_reference(package: str) -> None:
    module = pytest.importorskip(package)
    text = reference_text()
    if renders_whole_module(text, package):
        return
    missing = [name for name in module.__all__ if name not in text]
    assert not missing, f"docs/reference/ does not name {package}.{missing}"


def test_the_core_classes_are_in_the_reference() -> None:
    """Every class descope_core exports, management request types aside (they are the
    official SDK's argument shapes, documented with the calls that take them)."""
    core = importlib.import_module("descope_core")
    text = (REFERENCE / "core.md").read_text(encoding="utf-8")
    classes = [
        name for name in core.__all__
        if isinstance(getattr(core, name), type)
        and not getattr(core, name).__module__.startswith("descope_core.mgmt")
    ]
    missing = [n for n in classes if f"::: descope_core.{n}" not in text]
    assert not missing, f"docs/reference/core.md has no entry for {missing}"
