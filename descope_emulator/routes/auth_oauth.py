"""OAuth sign-in: authorize (a URL of the emulator's identity picker) and exchange (the
code the picker returned, for tokens); Google One Tap and native OAuth (a credential of the
stand-in provider, see domain/provider_sign_in.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..domain import challenges, provider_sign_in
from ..web import federated
from ..web.body import get_bool, get_str, login_options, read_json
from ..web.credentials import emulator_of, refresh_token_of
from ..web.responses import ok


async def authorize(request: Request) -> Response:
    """POST /v1/auth/oauth/authorize"""
    return ok(await federated.authorize(request, "oauth"))


async def exchange(request: Request) -> Response:
    """POST /v1/auth/oauth/exchange"""
    return ok(await federated.exchange(request, "oauth"))


# -- sign-in with a credential the provider hands to the app (One Tap, native) --------------
async def one_tap_client_id(request: Request) -> Response:
    """GET /v1/auth/onetap/clientid/{provider}"""
    provider = str(request.path_params["provider"])
    return ok(provider_sign_in.one_tap_client_id(emulator_of(request), provider))


async def verify_one_tap(request: Request) -> Response:
    """POST /v1/auth/onetap/idtoken/verify"""
    body = await read_json(request)
    return ok(provider_sign_in.verify_one_tap(
        emulator_of(request), get_str(body, "provider"), get_str(body, "idToken"),
        get_str(body, "nonce", required=False), login_options(body)))


async def exchange_one_tap(request: Request) -> Response:
    """POST /v1/auth/onetap/idtoken/exchange"""
    body = await read_json(request)
    return ok(provider_sign_in.exchange_one_tap(
        emulator_of(request), get_str(body, "provider"), get_str(body, "idToken"),
        get_str(body, "nonce", required=False), login_options(body)))


async def start_native(request: Request) -> Response:
    """POST /v1/auth/oauth/native/start"""
    body = await read_json(request)
    e = emulator_of(request)
    opts = login_options(body)
    stepup = challenges.stepup_amr(e, opts, refresh_token_of(request, required=False))
    return ok(provider_sign_in.start_native(e, get_str(body, "provider"), opts,
                                            get_bool(body, "implicit"), stepup))


async def finish_native(request: Request) -> Response:
    """POST /v1/auth/oauth/native/finish"""
    body = await read_json(request)
    return ok(provider_sign_in.finish_native(
        emulator_of(request), get_str(body, "provider"), get_str(body, "stateId"),
        get_str(body, "user", required=False), get_str(body, "code", required=False),
        get_str(body, "idToken", required=False)))
