"""Enchanted link (email only): sign-up, sign-in, sign-up-or-in, verify, pending session
and update email. The email carries three numbered links; only the one whose ``linkId``
the app shows signs the user in, and polling answers 401 until it is verified."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import errors
from ._common import emu, get_str, ok, read_json
from ._flows import (
    check_link,
    consume_pending,
    masked,
    new_enchanted_link,
    prepare,
    prepare_update,
    resolve_user,
)


def _start(kind: str) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        if request.path_params["method"] != "email":
            raise errors.not_found("Enchanted links are sent by email only")
        body = await read_json(request)
        uri = get_str(body, "URI", required=False)
        e, login_id, to, data = prepare(request, body, "email", kind)
        sent = new_enchanted_link(request, e, login_id, to, uri, data)
        return ok({"linkId": sent["linkId"], "pendingRef": sent["pendingRef"], **masked("email", to)})

    return handler


async def verify(request: Request) -> Response:
    body = await read_json(request)
    token = get_str(body, "token")
    e = emu(request)
    data, row = check_link(e, ("enchanted",), token)
    if not data.get("right"):
        raise errors.unauthorized("This is not the link the app asked for", "E061110")
    user, first_seen = resolve_user(e, row["login_id"], data)
    with e.store.tx() as conn:
        conn.execute(
            "UPDATE challenges SET state='used' WHERE kind='enchanted' AND pending_ref=?",
            (row["pending_ref"],),
        )
        e.store.set_pending(row["pending_ref"], "verified",
                            {"userId": user["userId"], "firstSeen": first_seen, "flow": data})
    return ok({})


async def pending_session(request: Request) -> Response:
    body = await read_json(request)
    ref = get_str(body, "pendingRef")
    return ok(consume_pending(emu(request), ref, "enchantedlink"))


async def update_email(request: Request) -> Response:
    body = await read_json(request)
    uri = get_str(body, "URI", required=False)
    e, login_id, to, data = prepare_update(request, body, "email")
    sent = new_enchanted_link(request, e, login_id, to, uri, data)
    return ok({"linkId": sent["linkId"], "pendingRef": sent["pendingRef"], **masked("email", to)})


routes = [
    Route("/v1/auth/enchantedlink/signup/{method}", _start("signup"), methods=["POST"]),
    Route("/v1/auth/enchantedlink/signin/{method}", _start("signin"), methods=["POST"]),
    Route("/v1/auth/enchantedlink/signup-in/{method}", _start("signup-in"), methods=["POST"]),
    Route("/v1/auth/enchantedlink/verify", verify, methods=["POST"]),
    Route("/v1/auth/enchantedlink/pending-session", pending_session, methods=["POST"]),
    Route("/v1/auth/enchantedlink/update/email", update_email, methods=["POST"]),
]
