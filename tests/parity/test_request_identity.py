"""Our client and the official `descope` package put the same requests on the wire.

For every row of `cases.CASES`, both SDKs make the call against one recording server
on 127.0.0.1; the test compares, request by request, the method, path, query, JSON
body and Authorization header. Neither SDK may raise: the row's answer is what the
official SDK needs to read.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from .cases import CASES, DIFFERS, MISSING, Case
from .conftest import MANAGEMENT_KEY, PROJECT_ID, Runner
from .recording_server import Recorded


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = []
        if case.id in MISSING:
            marks.append(pytest.mark.xfail(strict=True, reason="parity: missing"))
        elif case.id in DIFFERS:
            marks.append(pytest.mark.xfail(strict=True, reason="parity: request differs"))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


def _official_surface(client: Any, depth: int = 0, prefix: str = "") -> set[str]:
    """Every public method reachable through public attributes of the official client."""
    out: set[str] = set()
    for name in dir(client):
        if name.startswith("_"):
            continue
        value = getattr(client, name)
        if inspect.ismethod(value) or inspect.isfunction(value):
            out.add(prefix + name)
        elif (depth < 2 and value is not None and not isinstance(value, type)
              and type(value).__module__.split(".")[0] == "descope"):
            out |= _official_surface(value, depth + 1, f"{prefix}{name}.")
    return out


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_every_official_call_has_a_row(runner: Runner, mode: str) -> None:
    import descope

    cls = descope.DescopeClient if mode == "sync" else descope.DescopeClientAsync
    official = cls(project_id=PROJECT_ID, management_key=MANAGEMENT_KEY,
                   public_key=runner.signer.jwk, base_url=runner.server.base_url)
    runner.server.take()
    # the async client adds its lifecycle methods; they make no Descope call
    lifecycle = {"aopen", "aclose"}
    surface = {n for n in _official_surface(official) if n.rsplit(".", 1)[-1] not in lifecycle}
    missing_rows = surface - {c.call for c in CASES}
    assert not missing_rows, f"add a row to tests/parity/cases.py for: {sorted(missing_rows)}"


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.id) for c in CASES if c.id in MISSING | DIFFERS]
)
def test_row_runs_on_the_official_sdk(runner: Runner, case: Case, mode: str) -> None:
    """An xfailed row is still a valid call of the official SDK, so its xfail can only
    mean that *our* side is missing or different (the other rows prove it in
    `_compare`, which fails when the official SDK raises)."""
    outcome = runner.run(case, "official", mode)
    assert outcome.error is None, f"the official SDK raised {outcome.error!r}"


def _compare(case: Case, runner: Runner, mode: str) -> None:
    official = runner.run(case, "official", mode)
    if official.error is not None:
        pytest.fail(f"the official SDK raised {official.error!r}: fix the row's args/answer")
    ours = runner.run(case, "ours", mode)
    if ours.error is not None:
        raise ours.error
    assert ours.requests == official.requests, explain(official.requests, ours.requests)


def explain(expected: list[Recorded], got: list[Recorded]) -> str:
    """What differs, field by field (and key by key in JSON bodies)."""
    if len(expected) != len(got):
        return (f"official sent {len(expected)} request(s), ours {len(got)}:\n"
                + "\n".join(f"  official {r.describe()}" for r in expected)
                + "\n" + "\n".join(f"  ours     {r.describe()}" for r in got))
    lines = []
    for i, (a, b) in enumerate(zip(expected, got, strict=True)):
        for name in ("method", "path", "query", "authorization"):
            if getattr(a, name) != getattr(b, name):
                lines.append(f"request {i} {name}: official {getattr(a, name)!r}, "
                             f"ours {getattr(b, name)!r}")
        _diff(f"request {i} body", a.body, b.body, lines)
    return "\n".join(lines)


def _diff(where: str, a: Any, b: Any, lines: list[str]) -> None:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            _diff(f"{where}[{key!r}]", a.get(key, "<absent>"), b.get(key, "<absent>"), lines)
    else:
        lines.append(f"{where}: official {a!r}, ours {b!r}")


@pytest.mark.parametrize("case", _params())
def test_same_request_sync(runner: Runner, case: Case) -> None:
    _compare(case, runner, "sync")


@pytest.mark.parametrize("case", _params())
def test_same_request_async(runner: Runner, case: Case) -> None:
    _compare(case, runner, "async")
