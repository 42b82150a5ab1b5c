"""The OAuth 2.0 token endpoint of third-party (inbound) applications: Descope as the
OAuth provider of apps made with ``mgmt.third_party_application``. The app authenticates
with its client id and secret (HTTP Basic or the body) and gets an access token for the
scopes it asks (each must be one the app defines), carrying the claims the project's
scope -> claim mappings give those scopes. Grants: ``client_credentials`` (the app itself)
and the JWT bearer grant with a session JWT of a user (who thereby consents). A token
with ``outbound.token.fetch`` is what ``mgmt.outbound_application_by_token`` accepts."""

from __future__ import annotations

import base64
import binascii
import urllib.parse

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import third_party_apps
from ..web.body import accepts_form, get_str, read_json
from ..web.credentials import emulator_of
from ..web.responses import ok


def _client(request: Request, body: dict[str, str]) -> tuple[str, str]:
    """(client_id, client_secret) from HTTP Basic, else from the body; 401 when absent."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise errors.INVALID_CLIENT("Malformed HTTP Basic credentials") from exc
        client_id, sep, secret = decoded.partition(":")
        if sep:
            return urllib.parse.unquote(client_id), urllib.parse.unquote(secret)
    client_id = get_str(body, "client_id", required=False)
    secret = get_str(body, "client_secret", required=False)
    if not client_id or not secret:
        raise errors.INVALID_CLIENT("Client authentication is required")
    return client_id, secret


@accepts_form
async def token(request: Request) -> Response:
    """POST /oauth2/v1/apps/token (form or JSON): ``grant_type``, ``scope`` (space
    separated), ``assertion`` (JWT bearer grant) -> ``{access_token, token_type,
    expires_in, scope}``."""
    e = emulator_of(request)
    body = await read_json(request)
    client_id, secret = _client(request, body)
    grant_type = get_str(body, "grant_type")
    scopes = list(dict.fromkeys(get_str(body, "scope", required=False).split()))
    assertion = get_str(body, "assertion", required=False) or None
    app = third_party_apps.app_by_client(e, client_id, secret)
    return ok(third_party_apps.token_grant(e, app, grant_type, scopes, assertion))
