"""Wrong-typed fields on every route of the route table, over HTTP against one emulator of
this module: every answer is a 2xx or a 4xx with a short JSON reason, never a 500 or a
traceback. The fields a route is sent are the identifier-like string literals of its
handler (and the same-module helpers it calls), so a new field is fuzzed as soon as a
handler reads it."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
import requests

from descope_emulator.config import EmulatorConfig
from descope_emulator.route_table import ROUTES
from descope_emulator.server import BackgroundServer

IDENT = re.compile(r"^[a-z][a-zA-Z0-9]{0,40}$")

# Each value a field may wrongly get: every JSON type, empty, negative, at the number
# limit, garbage nested in lists and objects, and a long string.
KINDS: list[Any] = [
    "x", "", 7, -1, 2**53, 1.5, True, None, ["x"], [1, None, {}, [], "x"], [{"x": 1}],
    {"x": "y"}, {"a": {"b": [None, {"c": 1}]}}, "A" * 20_000,
]
KEY = "K2hostile"
_FUNCS: dict[ModuleType, dict[str, ast.AST]] = {}


def _functions(module: ModuleType) -> dict[str, ast.AST]:
    if module not in _FUNCS:
        tree = ast.parse(inspect.getsource(module))
        _FUNCS[module] = {node.name: node for node in tree.body
                          if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return _FUNCS[module]


def fields_of(handler: Any) -> list[str]:
    """The identifier-like string literals of a handler and the module helpers it calls."""
    module = sys.modules[handler.__module__]
    functions = _functions(module)
    seen: set[str] = set()
    todo = [handler.__name__]
    out: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        for node in ast.walk(functions[name]):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if IDENT.match(node.value):
                    out.add(node.value)
            elif isinstance(node, ast.Name) and node.id in functions:
                todo.append(node.id)
    return sorted(out)


def _cases() -> list[tuple[str, str, Any]]:
    out = []
    for route in ROUTES:
        handler = getattr(route.endpoint, "__wrapped__", None)
        for method in sorted(route.methods or ()):
            if handler is not None and method != "HEAD":
                out.append((method, route.path, handler))
    return out


CASES = _cases()


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with BackgroundServer(EmulatorConfig(db=":memory:", management_key=KEY)) as srv:
        yield srv


def _bodies(fields: list[str]) -> Iterator[Any]:
    """No body, an empty object, rounds in which each field gets every kind once (field i
    gets kind i+r; flat, wrapped in an object and in a list of objects), then each field
    alone a number (neither iterable nor an object) among fields that are all strings."""
    yield None
    yield {}
    for r in range(len(KINDS)):
        flat = {f: KINDS[(i + r) % len(KINDS)] for i, f in enumerate(fields)}
        yield flat
        if r % 7 == 0:
            yield {f: flat for f in fields}
            yield {f: [flat] for f in fields}
    for field in fields:
        yield {**{f: "x" for f in fields}, field: 7}


def _check(resp: requests.Response, what: str) -> None:
    assert resp.status_code < 500, f"{what}: {resp.status_code} {resp.text[:300]}"
    assert "Traceback" not in resp.text, what
    if resp.status_code >= 400 and resp.headers.get("content-type", "").startswith(
            "application/json"):
        reason = resp.json().get("errorMessage", "")
        assert len(reason) < 500, f"{what}: {reason[:300]}"


def test_cases_cover_the_route_table() -> None:
    assert len(CASES) > 380
    assert sum(bool(fields_of(h)) for _, _, h in CASES) > 300


@pytest.mark.parametrize(("method", "path", "handler"), CASES,
                         ids=[f"{m} {p}" for m, p, _ in CASES])
def test_wrong_types_never_fail_the_server(server: BackgroundServer, method: str, path: str,
                                           handler: Any) -> None:
    pid = server.emulator.project_id
    url = server.base_url + (path.replace("{method}", "email").replace("{project_id}", pid)
                             .replace("{name}", "x").replace("{id}", "x").replace("{app_id}", "x"))
    fields = fields_of(handler)
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {pid}:{KEY}"
    for body in _bodies(fields):
        if method == "GET":
            if isinstance(body, dict):
                params = {k: str(v)[:2000] for k, v in body.items() if v is not None}
                _check(http.get(url, params=params, timeout=60), f"GET {path} ?{params}")
            continue
        kw: dict[str, Any] = {} if body is None else {"json": body}
        _check(http.request(method, url, timeout=60, **kw), f"{method} {path} {body!r:.300}")


def _post(server: BackgroundServer, path: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(server.base_url + path, json=body, timeout=60, headers={
        "Authorization": f"Bearer {server.emulator.project_id}:{KEY}"})


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/mgmt/user/create", {"loginId": "a" * 321}),
    ("/v1/mgmt/user/create/test", {"loginId": "a" * 100_000}),
    ("/v1/auth/otp/signup/email", {"loginId": "b" * 5000 + "@x.io"}),
    ("/v1/mgmt/user/create/batch", {"users": [{"loginId": f"u{i}@x.io"} for i in range(1001)]}),
    ("/v1/mgmt/role/create/batch", {"roles": [{"name": f"r{i}"} for i in range(1001)]}),
], ids=["login id 321", "login id 100k", "sign-up login id", "1001 users", "1001 roles"])
def test_resource_limits_are_400(server: BackgroundServer, path: str, body: dict[str, Any]
                                 ) -> None:
    resp = _post(server, path, body)
    assert resp.status_code == 400, resp.text[:300]
    assert len(resp.json()["errorMessage"]) < 100


def test_limits_admit_their_edge(server: BackgroundServer) -> None:
    assert _post(server, "/v1/mgmt/user/create", {"loginId": "e" * 314 + "@x.io"}).ok
    users = [{"loginId": f"edge{i}@x.io"} for i in range(1000)]
    assert _post(server, "/v1/mgmt/user/create/batch", {"users": users}).ok
