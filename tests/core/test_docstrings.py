"""Every public method of both clients (the client itself, the sign-in areas and every
management area) says what it does, what each argument is, and what it raises."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest

from descope_core import DescopeClient, DescopeClientAsync
from descope_core.mgmt import Management
from tests.support.client_surface import SIGN_IN_AREAS

# plumbing reached through the client, documented in its own module, not API calls
PLUMBING = {"config", "transport", "async_transport", "keys", "verifier", "sessions"}


def _methods(client: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def collect(obj: Any, prefix: str) -> None:
        for name in dir(obj):
            if name.startswith("_") or (not prefix and name in PLUMBING):
                continue
            try:
                value = getattr(obj, name)
            except AttributeError:  # a method of the other client's mode
                continue
            if inspect.ismethod(value) or inspect.isfunction(value):
                out[prefix + name] = value

    collect(client, "")
    for area in SIGN_IN_AREAS:
        collect(getattr(client, area), f"{area}.")
    for area in Management.__slots__:
        collect(getattr(client.mgmt, area), f"mgmt.{area}.")
    return out


def _section(doc: str, title: str) -> str | None:
    """The text of a `Title:` section (its indented lines), or None when absent."""
    match = re.search(rf"^{title}:\n((?:[ \t]+.*\n?|\n)+)", doc, re.MULTILINE)
    return match.group(1) if match else None


def _described(args: str) -> set[str]:
    """The names an Args section describes: each entry starts at the section's indent
    with `name:` or `a, b, c:` (a long list of names may continue on the next lines)."""
    entries: list[str] = []
    for line in args.splitlines():
        if re.match(r"^ {4}\S", line):
            entries.append(line.strip())
        elif entries and line.strip():
            entries[-1] += " " + line.strip()
    names: set[str] = set()
    for entry in entries:
        head = entry.split(":", 1)[0] if ":" in entry else ""
        if re.fullmatch(r"[\w, ]+", head):
            names |= {n.strip() for n in head.split(",") if n.strip()}
    return names


def _problems(doc: str | None, params: list[str]) -> list[str]:
    doc = inspect.cleandoc(doc or "")
    if not doc or not doc.splitlines()[0].strip():
        return ["no docstring (what it does)"]
    out = []
    if params:
        args = _section(doc, "Args")
        if args is None:
            out.append("no Args section")
        else:
            listed = _described(args)
            out += [f"argument {p} not described" for p in params if p not in listed]
    if _section(doc, "Raises") is None:
        out.append("no Raises section")
    return out


def test_the_walk_sees_the_whole_surface() -> None:
    sync = DescopeClient("P2abc", management_key="K2docs", base_url="http://127.0.0.1:9")
    methods = _methods(sync)
    assert len(methods) > 300
    for name in ("validate_session", "otp.sign_in", "mgmt.user.create", "close",
                 "mgmt.outbound_application_by_token.close", "get_last_response"):
        assert name in methods, name


@pytest.mark.parametrize("client_name", ["DescopeClient", "DescopeClientAsync"])
def test_every_public_method_has_a_docstring(client_name: str) -> None:
    cls = DescopeClient if client_name == "DescopeClient" else DescopeClientAsync
    client = cls("P2abc", management_key="K2docs", base_url="http://127.0.0.1:9")
    bad = {}
    for name, method in _methods(client).items():
        params = [p for p in inspect.signature(method).parameters if p != "self"]
        problems = _problems(method.__doc__, params)
        if problems:
            bad[name] = problems
    assert not bad, "\n".join(f"{n}: {', '.join(p)}" for n, p in sorted(bad.items()))


def test_the_check_catches_what_it_should() -> None:
    assert _problems(None, []) == ["no docstring (what it does)"]
    assert _problems('Do it.\n\nRaises:\n    AuthException: x.', ["a"]) == ["no Args section"]
    doc = "Do it.\n\nArgs:\n    a, b: things.\n\nRaises:\n    Nothing."
    assert _problems(doc, ["a", "b", "c"]) == ["argument c not described"]
    doc = "Do it.\n\nArgs:\n    a, b,\n        c: things.\n    d: the d, e: not an entry.\n\nRaises:\n    X."
    assert _problems(doc, ["a", "b", "c", "d", "e"]) == ["argument e not described"]
    assert _problems("Do it.\n\nArgs:\n    a: thing.", ["a"]) == ["no Raises section"]
