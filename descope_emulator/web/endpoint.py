"""What runs around every handler of the route table: the body is read and checked before
the handler (a malformed body is a 400 on every endpoint, whether it reads the body or
not), and an unexpected exception is logged once, with its traceback, and answered with a
plain 500 that carries no detail of it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .. import errors
from ..request_log import mask_text
from .body import FORM_FLAG, parse_once

Handler = Callable[[Request], Awaitable[Response]]

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

log = logging.getLogger("descope_emulator")


def endpoint(handler: Handler) -> Handler:
    """``handler`` behind the body check and the last-resort error answer. ApiError goes on
    to the app's handler (Descope's error body)."""

    form = bool(getattr(handler, FORM_FLAG, False))

    async def run(request: Request) -> Response:
        try:
            if request.method in BODY_METHODS:
                await parse_once(request, form=form)
            return await handler(request)
        except errors.ApiError:
            raise
        except Exception as exc:  # noqa: BLE001 - the one place unexpected errors end
            log.error("unexpected error on %s %s", request.method,
                      mask_text(request.url.path), exc_info=exc)
            err = errors.INTERNAL("Internal error; the emulator's log has the details")
            return JSONResponse(err.body(), status_code=err.status)

    run.__name__ = getattr(handler, "__name__", "handler")
    run.__doc__ = handler.__doc__
    run.__wrapped__ = handler  # type: ignore[attr-defined]
    return run
