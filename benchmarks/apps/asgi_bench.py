"""Starlette "hello" routes behind our pure ASGI middleware: open and protected.

    uvicorn benchmarks.apps.asgi_bench:app
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from benchmarks.apps._env import our_client


async def open_route(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


routes = [Route("/open", open_route)]

try:
    from descope_asgi import DescopeMiddleware, descope_login_required

    @descope_login_required
    async def protected(request: Request) -> PlainTextResponse:
        return PlainTextResponse("hello")

    routes.append(Route("/protected", protected))
    app = DescopeMiddleware(Starlette(routes=routes), client=our_client())
except ImportError:
    app = Starlette(routes=routes)

plain = Starlette(routes=[Route("/open", open_route)])  # no Descope installed at all
