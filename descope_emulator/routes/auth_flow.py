"""Flow execution (the web component's and the web / Node SDKs' ``flow.start`` and
``flow.next``, under ``/v1/flow/`` and ``/v2/flow/``): an interactive run of a flow, screen
by screen (domain/flow_runs.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import flow_engine, flow_runs
from ..web.body import get_obj, get_str, opt_str, read_json
from ..web.credentials import base_url, emulator_of, refresh_token_of
from ..web.responses import ok


def _client(request: Request, options: dict[str, object]) -> flow_engine.Client:
    """The browser's side of the call: the emulator's URL, the page's origin, the
    ``redirectUrl`` option and the page's URL (``location``, which the web SDK adds)."""
    redirect = options.get("redirectUrl")
    location = options.get("location")
    return flow_engine.Client(base_url(request), request.headers.get("origin", "")[:512],
                              redirect if isinstance(redirect, str) else "",
                              location[:2048] if isinstance(location, str) else "")


async def start(request: Request) -> Response:
    """POST /v1/flow/start: ``{flowId, options?: {tenant, ...}, interactionId?, input?}`` ->
    the first screen (or, with ``interactionId``, the answer to the start screen the
    component already showed)."""
    body = await read_json(request)
    options = get_obj(body, "options")
    return ok(flow_runs.start(
        emulator_of(request), get_str(body, "flowId"), tenant=opt_str(options, "tenant") or "",
        given=get_obj(body, "input"), interaction_id=opt_str(body, "interactionId") or "",
        refresh_token=refresh_token_of(request, required=False),
        client=_client(request, options)))


async def next_step(request: Request) -> Response:
    """POST /v1/flow/next: ``{executionId, stepId, interactionId, input?}`` -> the next
    screen, or the end with ``authInfo``."""
    body = await read_json(request)
    return ok(flow_runs.next_step(
        emulator_of(request), get_str(body, "executionId"), get_str(body, "stepId"),
        get_str(body, "interactionId"), get_obj(body, "input"),
        refresh_token=refresh_token_of(request, required=False),
        client=_client(request, {})))
