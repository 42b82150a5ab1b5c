"""Flow execution (the web / Node SDKs' ``flow.start`` and ``flow.next``): an interactive
run of a flow, screen by screen (domain/flow_runs.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import flow_runs
from ..web.body import get_obj, get_str, opt_str, read_json
from ..web.credentials import bearer_parts, emulator_of
from ..web.responses import ok


async def start(request: Request) -> Response:
    """POST /v1/flow/start: ``{flowId, options?: {tenant, ...}, input?}`` -> the first screen."""
    bearer_parts(request)  # Bearer <projectId>, as every client call
    body = await read_json(request)
    options = get_obj(body, "options")
    return ok(flow_runs.start(emulator_of(request), get_str(body, "flowId"),
                              opt_str(options, "tenant") or "", get_obj(body, "input")))


async def next_step(request: Request) -> Response:
    """POST /v1/flow/next: ``{executionId, stepId, interactionId, input?}`` -> the next
    screen, or the end with ``authInfo``."""
    bearer_parts(request)
    body = await read_json(request)
    return ok(flow_runs.next_step(
        emulator_of(request), get_str(body, "executionId"), get_str(body, "stepId"),
        get_str(body, "interactionId"), get_obj(body, "input")))
