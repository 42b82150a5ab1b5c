"""What the official web component loads before and while it runs a flow: the project's
static content under ``/pages/<projectId>/v2-beta/`` and the UI components library under
``/npm/@descope/web-components-ui@<version>/`` (domain/flow_content.py builds both)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

from ..domain import flow_content
from ..web.credentials import emulator_of

NO_CACHE = {"cache-control": "no-cache", "x-content-type-options": "nosniff"}
LIBRARY_CACHE = {"cache-control": "public, max-age=3600", "x-content-type-options": "nosniff"}


async def config(request: Request) -> Response:
    """GET /pages/{project_id}/v2-beta/config.json"""
    return JSONResponse(flow_content.config_json(emulator_of(request),
                                                 request.path_params["project_id"]),
                        headers=NO_CACHE)


async def theme(request: Request) -> Response:
    """GET /pages/{project_id}/v2-beta/theme.json"""
    return JSONResponse(flow_content.theme_json(emulator_of(request),
                                                request.path_params["project_id"]),
                        headers=NO_CACHE)


async def tenant_theme(request: Request) -> Response:
    """GET /pages/{project_id}/v2-beta/{tenant_id}/theme.json"""
    return JSONResponse(flow_content.theme_json(emulator_of(request),
                                                request.path_params["project_id"],
                                                request.path_params["tenant_id"]),
                        headers=NO_CACHE)


async def screen(request: Request) -> Response:
    """GET /pages/{project_id}/v2-beta/{name}.html: a screen (``<screenId>[-<locale>]``)."""
    return HTMLResponse(flow_content.screen_html(emulator_of(request),
                                                 request.path_params["project_id"],
                                                 request.path_params["name"]),
                        headers=NO_CACHE)


async def library(request: Request) -> Response:
    """GET /npm/@descope/web-components-ui@{version}/{path}: a file of the UI library."""
    found = flow_content.library_file(emulator_of(request), request.path_params["version"],
                                      request.path_params["path"])
    if found.path is None:
        return Response(found.text, media_type=found.media_type, headers=NO_CACHE)
    return FileResponse(found.path, media_type=found.media_type, headers=LIBRARY_CACHE)
