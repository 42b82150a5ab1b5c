"""Application factory: ``create_app(config)`` builds the ASGI app from the route table
(route_table.py), the error handlers and the middleware.

Errors: a handler raises :class:`errors.ApiError`; it becomes Descope's error body here.
Any other exception ends in :func:`web.endpoint.endpoint` (logged once, a plain 500)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import errors
from .config import EmulatorConfig
from .cors import CorsMiddleware, CorsPolicy
from .domain import project_defaults, project_file
from .domain.audit import record_login_failure
from .host_check import AllowedHosts, HostCheck
from .middleware import FaultsAndCounters, ProjectCheck, RequestRecorder, SupportRouteGuard
from .request_id import RequestId
from .route_table import ROUTES
from .state import Emulator


def _error_response(err: errors.ApiError) -> JSONResponse:
    return JSONResponse(err.body(), status_code=err.status, headers=err.headers)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.ApiError)
    e: Emulator | None = getattr(request.app.state, "emulator", None)
    if e is not None:
        client = request.client.host if request.client else "127.0.0.1"
        record_login_failure(e, request.url.path, exc.status, exc.code, exc.message, client)
    return _error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        err = errors.NO_SUCH_ENDPOINT(f"No such endpoint: {request.method} {request.url.path}")
    elif exc.status_code == 405:
        err = errors.METHOD_NOT_ALLOWED(f"{request.method} is not allowed on {request.url.path}")
    else:
        err = errors.http_status(exc.status_code, str(exc.detail))
    return _error_response(err)


def _reseed(e: Emulator) -> None:
    """After a reset: the fresh-project defaults, or the seed project file when given."""
    if e.config.seed is not None:
        project_file.load(e, e.config.seed)
    else:
        project_defaults.seed(e)


def _prepare(e: Emulator) -> None:
    """Register the reset hook and set up a new database (an existing one keeps its data;
    a seed file always replaces it)."""
    if _reseed not in e.on_reset:
        e.on_reset.append(_reseed)
    if e.config.seed is not None or not e.store.meta.get("project_seeded"):
        _reseed(e)
        e.store.meta.set("project_seeded", "1")


def create_app(
    config: EmulatorConfig | None = None, emulator: Emulator | None = None
) -> RequestRecorder:
    """Build the ASGI app; ``create_app(...).emulator`` (and ``app.state.emulator`` inside
    handlers) holds the shared state."""
    emulator = emulator or Emulator(config or EmulatorConfig())
    _prepare(emulator)
    app = Starlette(
        routes=ROUTES,
        exception_handlers={
            errors.ApiError: _api_error,
            HTTPException: _http_error,
        },
    )
    app.state.emulator = emulator
    hosts = AllowedHosts(emulator.config.allowed_hosts)
    inner = RequestId(SupportRouteGuard(ProjectCheck(app, emulator), hosts.allows_origin))
    cors = CorsMiddleware(FaultsAndCounters(inner, emulator),
                          CorsPolicy(emulator.config.cors_origins))
    return RequestRecorder(HostCheck(cors, hosts), emulator)
