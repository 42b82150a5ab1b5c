"""One table, three clients: for every row of `cases.CASES`,

* our `DescopeClient` and our `DescopeClientAsync` send identical requests (method, path,
  query, JSON body, Authorization and the SDK headers) and end the same way (equal
  results, or the same error): the call is written once and either runner carries it out;
* in each mode, ours sends what the official `descope` package sends (method, path, query,
  JSON body, Authorization).

All run against one recording server on 127.0.0.1. Neither SDK may raise: a row's answer
is what the official SDK needs to read. A row marked MISSING / DIFFERS is a strict xfail
that only our side can satisfy: the official side failing is a broken row and fails.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from descope_core import DescopeClient
from tests.support.client_surface import surface

from .cases import CASES, DIFFERS, MISSING, Case
from .conftest import MANAGEMENT_KEY, PROJECT_ID, Outcome, Runner
from .recording_server import Recorded

# calls whose result depends on which thread / task ran the calls before them: the last
# response is kept per thread (blocking) and per task (async), as in the official SDK;
# tests/parity/test_last_response.py checks it
ENDS_PER_RUNNER = {"get_last_response"}


class OursDiffers(AssertionError):
    """Our side is missing the call or sends something else (what MISSING/DIFFERS mark)."""


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = []
        if case.id in MISSING:
            marks.append(pytest.mark.xfail(strict=True, raises=OursDiffers,
                                           reason="parity: missing"))
        elif case.id in DIFFERS:
            marks.append(pytest.mark.xfail(strict=True, raises=OursDiffers,
                                           reason="parity: request differs"))
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
    names = {n for n in _official_surface(official) if n.rsplit(".", 1)[-1] not in lifecycle}
    missing_rows = names - {c.call for c in CASES}
    assert not missing_rows, f"add a row to tests/parity/cases.py for: {sorted(missing_rows)}"


def test_every_api_method_of_ours_has_a_row() -> None:
    ours = surface(DescopeClient(PROJECT_ID, management_key=MANAGEMENT_KEY,
                                 base_url="http://127.0.0.1:9"))
    missing_rows = set(ours) - {c.call for c in CASES}
    assert not missing_rows, f"add a row to tests/parity/cases.py for: {sorted(missing_rows)}"
    only_ours = {c.call for c in CASES if not c.official}
    assert only_ours <= set(ours), "an ours-only row names no method of ours"


def test_marks_name_rows_of_the_table() -> None:
    ids = {c.id for c in CASES}
    assert MISSING <= ids and DIFFERS <= ids, "MISSING/DIFFERS name rows that do not exist"
    assert not (MISSING & {c.id for c in CASES if not c.official})


def _ending(outcome: Outcome) -> tuple[Any, ...]:
    """How a call ended, comparable across the two runners."""
    if outcome.error is not None:
        error = outcome.error
        return ("error", type(error).__name__, getattr(error, "status_code", None),
                getattr(error, "error_type", None))
    result = outcome.result
    if result is None or isinstance(result, (str, int, float, bool, list, dict, tuple)):
        return ("ok", result)
    return ("ok", type(result).__name__)  # an HTTP response object (`logout`)


def _wire(requests: list[Recorded]) -> list[tuple[Any, ...]]:
    return [(r.method, r.path, r.query, r.body, r.authorization, r.sdk_headers)
            for r in requests]


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
def test_same_requests(runner: Runner, case: Case) -> None:
    official: dict[str, Outcome] = {}
    if case.official:
        for mode in ("sync", "async"):
            official[mode] = runner.run(case, "official", mode)
            if official[mode].error is not None:
                pytest.fail(f"the official SDK ({mode}) raised {official[mode].error!r}: "
                            "fix the row's args/answer")
    ours = {mode: runner.run(case, "ours", mode) for mode in ("sync", "async")}
    for mode, outcome in ours.items():
        if outcome.error is not None and case.official:
            raise OursDiffers(f"ours ({mode}) raised {outcome.error!r}") from outcome.error
    sync, asynchronous = ours["sync"], ours["async"]
    assert _wire(asynchronous.requests) == _wire(sync.requests), explain(
        sync.requests, asynchronous.requests)
    if case.call not in ENDS_PER_RUNNER:
        assert _ending(asynchronous) == _ending(sync)
    for mode, theirs in official.items():
        if ours[mode].requests != theirs.requests:
            raise OursDiffers(f"{mode}: " + explain(theirs.requests, ours[mode].requests))
