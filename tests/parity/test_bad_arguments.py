"""Every call refuses a missing (None) or wrong-typed required argument with
`AuthException`, before anything reaches the wire.

The cases are derived from the request-identity table (`cases.CASES`): for the first row
of each call, each parameter that the official signature requires is replaced in turn
by `None` (unless the official annotation allows None) and by a value of the wrong type
(chosen from the type of the row's valid value). Our client runs against the recording
server, which must see no request at all.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any

import pytest

from descope_core import AuthException

from .cases import CASES, MISSING, Case
from .conftest import Runner, _target
from .sdk_refs import Token, TypeRef, resolve

# Pure helpers over a claims dict: the official SDK answers False / [] for bad input,
# and so must we (DESIGN: authz never raises where the official SDK returns False).
NOT_CHECKED = {
    "validate_roles", "validate_permissions", "validate_tenant_roles",
    "validate_tenant_permissions", "get_matched_roles", "get_matched_permissions",
    "get_matched_tenant_roles", "get_matched_tenant_permissions",
}

# Cases (test ids) our client does not refuse yet (strict xfail, reason
# "parity: argument not checked"): remove an entry when the check lands.
UNCHECKED: frozenset[str] = frozenset()

_WRONG = object()


def _official_signatures() -> dict[str, inspect.Signature]:
    import descope

    logging.getLogger("descope").setLevel(logging.ERROR)  # the handshake to :9 fails
    client = descope.DescopeClient(project_id="P2sig", management_key="K2sig",
                                   base_url="http://127.0.0.1:9")
    out: dict[str, inspect.Signature] = {}
    for case in CASES:
        if case.official and case.call not in out:
            out[case.call] = inspect.signature(_target(client, case.call))
    return out


def _wrong_value(valid: Any) -> Any:
    if isinstance(valid, bool):
        return "yes"
    if isinstance(valid, (str, Token)):
        return 12345
    if isinstance(valid, int):
        return "12"
    if isinstance(valid, (list, tuple)):
        return "not-a-list"
    if isinstance(valid, dict):
        return ["not", "a", "dict"]
    if isinstance(valid, TypeRef):
        return "bogus"
    return _WRONG


def _bad_cases() -> list[Any]:
    try:
        signatures = _official_signatures()
    except ImportError:
        return []
    seen: set[str] = set()
    out = []
    for case in CASES:
        if case.call in seen or case.call in NOT_CHECKED or not case.official:
            continue
        seen.add(case.call)
        sig = signatures[case.call]
        bound = sig.bind(*case.args, **case.kwargs).arguments
        for name, param in sig.parameters.items():
            if param.default is not inspect.Parameter.empty or name not in bound:
                continue
            optional = "None" in str(param.annotation) or "Optional" in str(param.annotation)
            variants = [] if optional else [("none", None)]
            # a union (str | int | bool, ...) has no single wrong type to try
            union = "Union" in str(param.annotation) or "|" in str(param.annotation).replace(
                "| None", "")
            wrong = _WRONG if union else _wrong_value(bound[name])
            if wrong is not _WRONG:
                variants.append(("wrong-type", wrong))
            for label, value in variants:
                kwargs = {**bound, name: value}
                test_id = f"{case.call}-{name}-{label}"
                marks = []
                if case.call in MISSING:
                    marks.append(pytest.mark.xfail(strict=True, reason="parity: missing"))
                elif test_id in UNCHECKED:
                    marks.append(pytest.mark.xfail(strict=True,
                                                   reason="parity: argument not checked"))
                out.append(pytest.param(Case(case.call, (), kwargs), id=test_id, marks=marks))
    return out


@pytest.mark.parametrize("case", _bad_cases())
def test_bad_argument_is_refused_before_sending(runner: Runner, case: Case) -> None:
    client = runner._sync_client("ours")
    kwargs = resolve(dict(case.kwargs), runner.ours_types, runner.token)
    runner.server.take()
    with pytest.raises(AuthException):
        _target(client, case.call)(**kwargs)
    assert runner.server.take() == [], "a request was sent before the argument was refused"
