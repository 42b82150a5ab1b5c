"""Application factory: ``create_app(config)``.

Routes are collected from every module of ``descope_emulator.routes`` that exposes
``routes: list[BaseRoute]`` (modules whose name starts with ``_`` are helpers). A new area
(for example ``routes/mgmt_audit.py``) only has to define ``routes``; nothing here changes.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import pkgutil
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from . import audit_hooks, errors
from . import routes as routes_pkg
from .request_id import RequestId
from .service import Emulator, EmulatorConfig

log = logging.getLogger("descope_emulator")


def collect_routes() -> list[BaseRoute]:
    collected: list[BaseRoute] = []
    for info in sorted(pkgutil.iter_modules(routes_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{routes_pkg.__name__}.{info.name}")
        collected.extend(getattr(module, "routes", []))
    return collected


def _error_response(err: errors.ApiError) -> JSONResponse:
    return JSONResponse(err.body(), status_code=err.status, headers=err.headers)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.ApiError)
    audit_hooks.on_api_error(request, exc)  # issue 4: LoginFailed audit events
    return _error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        err = errors.not_found(f"No such endpoint: {request.method} {request.url.path}")
    elif exc.status_code == 405:
        err = errors.ApiError(405, "E011405", "Method not allowed",
                              f"{request.method} is not allowed on {request.url.path}")
    else:
        err = errors.ApiError(exc.status_code, f"E011{exc.status_code}", str(exc.detail))
    return _error_response(err)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    err = errors.ApiError(500, "E010000", "Internal error", f"{type(exc).__name__}: {exc}")
    return _error_response(err)


class FaultsAndCounters:
    """Outermost pure-ASGI middleware: counts API calls per path and applies the fault
    switch (latency, forced status, dropped connection). ``/emulator/*`` is never faulted
    nor counted."""

    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/emulator"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        self.emulator.count(path)
        fault = self.emulator.fault_for(path)
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.latency:
            await asyncio.sleep(fault.latency)
        if fault.drop:
            await self._drop(send)
            return
        if fault.status is None:
            await self.app(scope, receive, send)
            return
        if fault.status == 429:
            err = errors.rate_limited(fault.retry_after)
        else:
            err = errors.ApiError(fault.status, f"E0{fault.status}00", "Injected fault",
                                  f"Fault injected by the emulator for {fault.path}")
            if fault.retry_after is not None:
                err.headers["Retry-After"] = str(fault.retry_after)
        body = json.dumps(err.body()).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        headers += [(k.lower().encode(), v.encode()) for k, v in err.headers.items()]
        await send({"type": "http.response.start", "status": err.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _drop(send: Send) -> None:
        # uvicorn's send is a bound method of the request cycle, which knows the transport;
        # closing it without answering is what a crashed upstream looks like to a client.
        transport: Any = getattr(getattr(send, "__self__", None), "transport", None)
        if transport is not None:
            transport.abort()
            for _ in range(3):
                await asyncio.sleep(0)  # let connection_lost mark the cycle disconnected
            return
        raise ConnectionAbortedError("fault: connection dropped")


class ProjectCheck:
    """Every ``/v1/auth/*`` call must carry ``Authorization: Bearer <projectId>[:...]``
    naming this project (401 otherwise), as Descope requires."""

    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1/auth/"):
            header = ""
            for name, value in scope.get("headers", []):
                if name == b"authorization":
                    header = value.decode("latin-1")
                    break
            scheme, _, credential = header.partition(" ")
            if scheme.lower() != "bearer" or credential.strip().split(":")[0] != self.emulator.project_id:
                err = errors.unauthorized(
                    "Authorization must be 'Bearer <projectId>[:<token>]' for this project: "
                    f"this emulator expects project id {self.emulator.project_id!r}",
                    "E011101",
                )
                await _error_response(err)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    config: EmulatorConfig | None = None, emulator: Emulator | None = None
) -> FaultsAndCounters:
    """Build the ASGI app; ``create_app(...).emulator`` (and ``app.state.emulator`` inside
    handlers) holds the shared state."""
    emulator = emulator or Emulator(config or EmulatorConfig())
    app = Starlette(
        routes=collect_routes(),
        exception_handlers={
            errors.ApiError: _api_error,
            HTTPException: _http_error,
            Exception: _unexpected,
        },
    )
    app.state.emulator = emulator
    return FaultsAndCounters(RequestId(ProjectCheck(app, emulator)), emulator)
