"""Running flows: the interactive execution the web component and the web / Node SDKs drive
(``/v1/flow/start``, ``/v1/flow/next``) and the management runs (``mgmt.flow.run_flow``,
``run_flow_async`` with ``get_flow_async_result``).

The flows a new project has (``sign-up-or-in``, ``sign-up``, ``sign-in``, ``step-up``) run
on the flow engine (flow_engine.py: the emulator's own screens, every method in
flow_methods/). The emulator does not interpret Descope's flow designer documents; an
imported flow runs when its ``flow.dsl.steps`` is a list of steps in this small vocabulary
(the emulator's earlier default flows held it too):

* ``{"id", "type": "screen", "inputs": [names], "interaction": "submit"}``: a screen asking
  for the named inputs;
* ``{"id", "type": "otp", "kind": "signup-in" | "signup" | "signin"}``: send a code by email
  to the ``email`` (or ``loginId``) collected so far;
* ``{"id", "type": "verify-otp"}``: check the collected ``code``; the user is signed up / in
  and the flow completes with the session (``authInfo``).

Other flows (``step-up``, ``update-user``, flows imported from a real project) are refused
with 400 ``E101102``. An interactive execution lives 30 minutes; each screen answers a new
``stepId`` and only the current one is accepted. A refused action (unknown user, wrong code)
shows the screen before it again with ``error``; five wrong codes lock the code, as the OTP
API does. A management run has no screens: every input a screen asks for must be in
``input``, else the run fails."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from .. import errors
from ..state import Emulator
from . import (
    challenges,
    delivery,
    flow_engine,
    flow_methods,  # noqa: F401 - importing registers the methods' screens
    sessions,
)

STEP = "flow_step"  # challenges kind: the current step of an interactive execution
RUN = "flow_run"  # challenges kind: an asynchronous management run
RESULT = "flow_result"  # challenges kind: the result of an asynchronous management run
EXECUTION_TTL = 1800  # seconds
RESULT_TTL = 3600
SUBMIT = "submit"
STEP_TYPES = frozenset({"screen", "otp", "verify-otp"})
SIGN_IN_KINDS = {"sign-up-or-in": "signup-in", "sign-up": "signup", "sign-in": "signin"}


def sign_in_steps(kind: str) -> list[dict[str, Any]]:
    """The steps of a default sign-in flow (``kind``: signup-in, signup, signin)."""
    return [
        {"id": "welcome", "type": "screen", "inputs": ["email"], "interaction": SUBMIT},
        {"id": "send-code", "type": "otp", "kind": kind},
        {"id": "verify-code", "type": "screen", "inputs": ["code"], "interaction": SUBMIT},
        {"id": "verify", "type": "verify-otp"},
    ]


def _runnable(e: Emulator, flow_id: str) -> dict[str, Any]:
    """The flow's document (404 unknown flow, 400 disabled)."""
    doc = e.store.flows.get(flow_id)
    if doc is None:
        raise errors.FLOW_NOT_FOUND(f"Flow '{flow_id[:64]}' not found")
    flow: dict[str, Any] = doc.get("flow") or {}
    if flow.get("disabled"):
        raise errors.FLOW_NOT_RUNNABLE(f"Flow '{flow_id[:64]}' is disabled")
    return flow


def _steps(e: Emulator, flow_id: str) -> list[dict[str, Any]]:
    flow = _runnable(e, flow_id)
    dsl = flow.get("dsl")
    steps = dsl.get("steps") if isinstance(dsl, dict) else None
    if isinstance(steps, list) and steps and all(
        isinstance(s, dict) and s.get("type") in STEP_TYPES and isinstance(s.get("id"), str)
        for s in steps
    ):
        return steps
    if flow_id in SIGN_IN_KINDS:  # a default flow saved before its steps were written down
        return sign_in_steps(SIGN_IN_KINDS[flow_id])
    raise errors.FLOW_NOT_RUNNABLE(
        f"Flow '{flow_id[:64]}' has no steps the emulator can run (see docs/fidelity.md)")


def _login_id(ctx: dict[str, Any]) -> str:
    login_id = ctx.get("email") or ctx.get("loginId")
    if not isinstance(login_id, str) or not login_id:
        raise errors.INVALID_REQUEST("The flow needs an 'email'")
    return login_id


def _act(e: Emulator, step: dict[str, Any], ctx: dict[str, Any]) -> None:
    """Run one action step on the collected context (raises ApiError when refused)."""
    if step["type"] == "otp":
        login_id = _login_id(ctx)
        kind = str(step.get("kind") or "signup-in")
        if kind not in ("signup-in", "signup", "signin"):
            raise errors.FLOW_NOT_RUNNABLE(f"Unknown OTP step kind '{kind[:32]}'")
        to, data = challenges.start(e, kind=kind, channel="email", login_id=login_id, opts={},
                                    user_fields={"email": login_id}, address=None,
                                    refresh_token=None)
        challenges.new_otp(e, login_id, to, data)
        ctx.update(delivery.masked("email", to))
    elif step["type"] == "verify-otp":
        login_id = _login_id(ctx)
        code = ctx.get("code")
        if not isinstance(code, str) or not code:
            raise errors.INVALID_REQUEST("The flow needs a 'code'")
        data = challenges.check_code(e, login_id, code, "email")
        user, first_seen = challenges.resolve_user(e, login_id, data)
        data = {**data, "dct": ctx.get("tenant") or ""}  # selected when the user is a member
        ctx["authInfo"] = sessions.issue_after_flow(e, user, data, first_seen, "otp")


def _screen_inputs(step: dict[str, Any]) -> list[str]:
    return [str(name) for name in step.get("inputs") or []]


def _take_inputs(step: dict[str, Any], ctx: dict[str, Any], given: dict[str, Any]) -> str | None:
    """Copy a screen's inputs from ``given``; the name of the first one missing, or None."""
    for name in _screen_inputs(step):
        value = given.get(name)
        if value is None or value == "":
            return name
        if not isinstance(value, (str, int, float, bool)):
            raise errors.WRONG_TYPE(f"'input.{name}' must be a string")
        ctx[name] = str(value)
    return None


# -- interactive executions (/v1/flow/start, /v1/flow/next) ---------------------------------------


def _advance(e: Emulator, steps: list[dict[str, Any]], index: int,
             ctx: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
    """Run action steps from ``index`` up to the next screen; returns (the screen's index, or
    len(steps) when the flow is done; the error of a refused action, which goes back to the
    screen before it)."""
    while index < len(steps) and steps[index]["type"] != "screen":
        try:
            _act(e, steps[index], ctx)
        except errors.ApiError as exc:
            back = max((i for i in range(index) if steps[i]["type"] == "screen"), default=0)
            return back, {"code": exc.code, "description": exc.description,
                          "message": exc.message}
        index += 1
    return index, None


def _answer(e: Emulator, execution_id: str, flow_id: str, steps: list[dict[str, Any]],
            index: int, ctx: dict[str, Any], error: dict[str, Any] | None) -> dict[str, Any]:
    """Store the execution's new step and build the FlowResponse."""
    answer: dict[str, Any] = {"executionId": execution_id}
    if index >= len(steps):
        answer.update(stepId="", stepName="end", status="completed", action="none",
                      authInfo=ctx.get("authInfo") or {}, output=_output(ctx))
        return answer
    step = steps[index]
    step_id = secrets.token_hex(8)
    state = {name: ctx.get(name, "") for name in _screen_inputs(step) if name != "code"}
    for key in ("maskedEmail",):
        if key in ctx:
            state[key] = ctx[key]
    e.store.challenges.add(STEP, execution_id, step_id, e.now() + EXECUTION_TTL,
                           {"flowId": flow_id, "index": index, "context": ctx})
    answer.update(stepId=step_id, stepName=step["id"], status="waiting", action="screen",
                  screen={"id": step["id"], "state": state,
                          "componentsConfig": {"inputs": _screen_inputs(step),
                                               "interactions": [step.get("interaction", SUBMIT)]}})
    if error:
        answer["error"] = error
    return answer


def start(e: Emulator, flow_id: str, *, tenant: str, given: dict[str, Any],
          interaction_id: str = "", refresh_token: str | None = None,
          client: flow_engine.Client = flow_engine.NO_CLIENT) -> dict[str, Any]:
    """Start an interactive execution: the flow's first screen (``given``: values its
    screens show filled in; with ``interaction_id``, the input of the start screen the
    component showed by itself). ``refresh_token``: the session the browser has (step-up)."""
    if flow_engine.is_builtin(flow_id):
        _runnable(e, flow_id)
        return flow_engine.start(e, flow_id, tenant=tenant, given=given,
                                 interaction_id=interaction_id, refresh_token=refresh_token,
                                 client=client)
    return _start_steps(e, flow_id, tenant, given)


def _start_steps(e: Emulator, flow_id: str, tenant: str,
                 prefill: dict[str, Any]) -> dict[str, Any]:
    steps = _steps(e, flow_id)
    if tenant and e.store.tenants.get(tenant) is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant[:64]}' not found")
    execution_id = f"{flow_id}|#|{secrets.token_hex(12)}"
    ctx: dict[str, Any] = {"tenant": tenant} if tenant else {}
    for key, value in prefill.items():
        if isinstance(value, str) and key in ("email", "loginId"):
            ctx[key] = value
    index, error = _advance(e, steps, 0, ctx)
    return _answer(e, execution_id, flow_id, steps, index, ctx, error)


def next_step(e: Emulator, execution_id: str, step_id: str, interaction_id: str,
              given: dict[str, Any], refresh_token: str | None = None,
              client: flow_engine.Client = flow_engine.NO_CLIENT) -> dict[str, Any]:
    """Submit the current screen of an execution: the next screen or the end."""
    flow_id = execution_id.split("|#|", 1)[0]
    if flow_engine.is_builtin(flow_id):
        return flow_engine.next_step(e, execution_id, step_id, interaction_id, given,
                                     refresh_token, client)
    row = e.store.challenges.latest(STEP, execution_id)
    if row is None or row["expires"] <= e.now():
        raise errors.FLOW_EXECUTION_NOT_FOUND("Flow execution not found or expired")
    if row["secret"] != step_id or row["state"] != "active":
        raise errors.INVALID_REQUEST("'stepId' is not the execution's current step")
    data = row["data"]
    steps = _steps(e, data["flowId"])
    index = int(data["index"])
    step = steps[index]
    if interaction_id != step.get("interaction", SUBMIT):
        raise errors.INVALID_REQUEST(f"Unknown interaction '{interaction_id[:32]}' on this screen")
    ctx = dict(data["context"])
    missing = _take_inputs(step, ctx, given)
    if missing is not None:
        raise errors.INVALID_REQUEST(f"'input.{missing}' is required on this screen")
    e.store.challenges.set(row["id"], state="used")
    index, error = _advance(e, steps, index + 1, ctx)
    return _answer(e, execution_id, data["flowId"], steps, index, ctx, error)


# -- management runs ---------------------------------------------------------------------------


def _output(ctx: dict[str, Any]) -> dict[str, Any]:
    """What a finished flow hands back: the login id, the user and the session."""
    auth = ctx.get("authInfo") or {}
    out: dict[str, Any] = {"loginId": ctx.get("email") or ctx.get("loginId") or ""}
    if auth:
        out.update(user=auth.get("user") or {}, firstSeen=auth.get("firstSeen", False),
                   sessionJwt=auth.get("sessionJwt"), refreshJwt=auth.get("refreshJwt"))
    return out


def run(e: Emulator, flow_id: str, given: dict[str, Any], tenant: str) -> dict[str, Any]:
    """Run a flow to its end with ``given`` as every screen's input; ``{"executionId",
    "status": "completed", "output"}``, or an ApiError (400 when a screen's input is missing,
    the action's own error when one is refused)."""
    if flow_engine.is_builtin(flow_id):
        _runnable(e, flow_id)
        return flow_engine.run_to_end(e, flow_id, given, tenant)
    steps = _steps(e, flow_id)
    if tenant and e.store.tenants.get(tenant) is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant[:64]}' not found")
    ctx: dict[str, Any] = {"tenant": tenant} if tenant else {}
    for step in steps:
        if step["type"] == "screen":
            missing = _take_inputs(step, ctx, given)
            if missing is not None:
                raise errors.FLOW_NEEDS_INPUT(
                    f"Step '{step['id']}' needs 'input.{missing}' (a management run shows no "
                    "screens)")
        else:
            _act(e, step, ctx)
    return {"executionId": secrets.token_hex(12), "status": "completed", "output": _output(ctx)}


_BACKGROUND: set[asyncio.Task[None]] = set()  # running asynchronous runs (kept referenced)


def run_async(e: Emulator, flow_id: str, given: dict[str, Any], tenant: str) -> str:
    """Start a management run in the background; returns its execution id. The flow is
    checked first (unknown / not runnable: refused now, not later)."""
    if flow_engine.is_builtin(flow_id):
        _runnable(e, flow_id)
    else:
        _steps(e, flow_id)
    execution_id = secrets.token_hex(12)
    e.store.challenges.add(RUN, execution_id, execution_id, e.now() + RESULT_TTL,
                           {"flowId": flow_id})

    async def work() -> None:
        await asyncio.sleep(0)  # after the answer is on its way
        try:
            result = run(e, flow_id, given, tenant)
            result["executionId"] = execution_id
        except errors.ApiError as exc:
            result = {"executionId": execution_id, "status": "failed",
                      "error": {"code": exc.code, "description": exc.description,
                                "message": exc.message}}
        e.store.challenges.add(RESULT, execution_id, execution_id, e.now() + RESULT_TTL, result)

    task = asyncio.get_running_loop().create_task(work())
    _BACKGROUND.add(task)
    task.add_done_callback(_BACKGROUND.discard)
    return execution_id


def async_result(e: Emulator, execution_id: str) -> dict[str, Any]:
    """``{"executionId", "status": "running"}`` until the run ends, then its result."""
    done = e.store.challenges.latest(RESULT, execution_id)
    if done is not None:
        return dict(done["data"])
    if e.store.challenges.latest(RUN, execution_id) is None:
        raise errors.FLOW_EXECUTION_NOT_FOUND("Flow execution not found or expired")
    return {"executionId": execution_id, "status": "running"}
