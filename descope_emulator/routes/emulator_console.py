"""The emulator console: the developer UI at ``/`` (one page, its CSS and JS shipped in
``descope_emulator/static/``, no network) and its JSON API under
``/emulator/console/api/``. Handlers call the same domain functions as the management
API; the console's writes are same-origin JSON only (``middleware.SupportRouteGuard``).
Faults, clock, settings, keys, reset and the project file use the existing
``/emulator/*`` endpoints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import errors
from ..domain import console, users
from ..web.body import get_str, read_json
from ..web.credentials import base_url, emulator_of
from ..web.management import apply_user_fields, build_user, user_of
from ..web.responses import ok

STATIC = Path(__file__).resolve().parent.parent / "static"
ASSETS = {"console.css": "text/css", "console.js": "text/javascript"}
NO_STORE = {"cache-control": "no-store", "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'self'; img-src 'self' data:; "
                                       "frame-ancestors 'none'"}


def _int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise errors.WRONG_TYPE(f"'{name}' must be an integer") from exc


def _user_param(request: Request) -> dict[str, Any]:
    user_id = request.query_params.get("userId", "")
    return users.find_user(emulator_of(request), None, user_id or None)


async def page(request: Request) -> Response:
    """GET /: the console page."""
    return FileResponse(STATIC / "console.html", media_type="text/html", headers=NO_STORE)


async def asset(request: Request) -> Response:
    """GET /emulator/console/static/{name}: the console's CSS and JS (nothing else)."""
    name = request.path_params["name"]
    if name not in ASSETS:
        raise errors.NO_SUCH_ENDPOINT(f"No such console file: {name}")
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=NO_STORE)


async def overview(request: Request) -> Response:
    """GET /emulator/console/api/overview: project, keys, counts, client snippets."""
    return ok(console.overview(emulator_of(request), base_url(request)))


async def user_list(request: Request) -> Response:
    """GET /emulator/console/api/users?q=&page=&size=: one page of the users table."""
    return ok(console.user_page(emulator_of(request), request.query_params.get("q", ""),
                                _int_param(request, "page", 0), _int_param(request, "size", 25)))


async def user_create(request: Request) -> Response:
    """POST /emulator/console/api/users/create: the management create body (§3.2)."""
    e = emulator_of(request)
    body = await read_json(request)
    user = build_user(e, body, test=body.get("test") is True)
    if not body.get("status"):
        user["status"] = "enabled"
    with e.store.tx():
        users.check_login_ids_free(e, user)
        e.store.users.save(user)
    users.record_created(e, user, invited=False)
    return ok({"user": console.user_row(e, user)})


async def user_update(request: Request) -> Response:
    """POST /emulator/console/api/users/update: ``userId`` plus the fields to change
    (patch semantics, as ``PATCH /v1/mgmt/user/patch``)."""
    e = emulator_of(request)
    body = await read_json(request)
    user = user_of(e, body)
    apply_user_fields(e, user, body, full=False)
    users.touch(e, user)
    users.record_modified(e, user)
    return ok({"user": console.user_row(e, user)})


async def user_delete(request: Request) -> Response:
    """POST /emulator/console/api/users/delete: ``{"userId"}``."""
    e = emulator_of(request)
    user = user_of(e, await read_json(request))
    e.store.users.delete(user["userId"])
    users.record_modified(e, user, "UserDeleted")
    return ok({})


async def user_sign_in(request: Request) -> Response:
    """POST /emulator/console/api/users/sign-in: ``{"userId"}``; tokens plus decoded."""
    e = emulator_of(request)
    user = user_of(e, await read_json(request))
    return ok(console.sign_in_as(e, user))


async def user_history(request: Request) -> Response:
    """GET /emulator/console/api/users/history?userId=: the user's sign-ins, newest first."""
    e = emulator_of(request)
    return ok({"history": e.store.login_history.of(_user_param(request)["userId"])})


async def session_list(request: Request) -> Response:
    """GET /emulator/console/api/sessions?userId=: the user's live refresh tokens."""
    e = emulator_of(request)
    return ok({"sessions": console.live_sessions(e, _user_param(request))})


async def session_revoke(request: Request) -> Response:
    """POST /emulator/console/api/sessions/revoke: ``{"userId", "jti"}`` revokes one,
    ``{"userId"}`` alone revokes all of the user's sessions."""
    e = emulator_of(request)
    body = await read_json(request)
    user = user_of(e, body)
    jti = get_str(body, "jti", required=False)
    if jti:
        console.revoke_session(e, user, jti)
    else:
        console.revoke_all_sessions(e, user)
    return ok({})


async def request_log(request: Request) -> Response:
    """GET /emulator/console/api/requests?after=&path=&status=: recent API calls, newest
    first, masked."""
    e = emulator_of(request)
    q = request.query_params
    return ok({"requests": e.requests.entries(after=_int_param(request, "after", 0),
                                              path=q.get("path", ""), status=q.get("status", ""))})


async def decode(request: Request) -> Response:
    """POST /emulator/console/api/decode: ``{"token"}`` -> header, claims, verification."""
    body = await read_json(request)
    return ok(console.decode_token(emulator_of(request), get_str(body, "token")))
