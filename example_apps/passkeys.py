"""Passkey sign-up and sign-in for the example apps, framework-neutral.

The page script (`static/passkey.js`) posts JSON to the app's own endpoints
`/signin/passkey/start` and `/signin/passkey/finish`; each app reads the body, calls these
two functions (which call `client.webauthn.*`) and answers JSON. The ceremony's origin is
the app's own origin, taken from the request the page made.
"""

from __future__ import annotations

import json
from typing import Any

from descope_core import AuthException, DescopeClient
from descope_core.exceptions import message_of

MODES = ("signup", "signin")


class PasskeyRequestError(ValueError):
    """The page sent a body the endpoints cannot use (answered with 400)."""


def _field(body: Any, key: str) -> str:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise PasskeyRequestError(f"'{key}' is required")
    return value.strip()


def _mode(body: Any) -> str:
    mode = _field(body, "mode")
    if mode not in MODES:
        raise PasskeyRequestError("'mode' must be 'signup' or 'signin'")
    return mode


def start(client: DescopeClient, body: Any, origin: str) -> dict[str, Any]:
    """Start a passkey sign-up or sign-in: `{"mode", "email"}` in, the browser's
    `{"transactionId", "options"}` out.

    Raises:
        PasskeyRequestError: the body lacks a mode or an email.
        AuthException: Descope refused (for instance an unknown user or an unapproved origin).
    """
    mode = _mode(body)
    email = _field(body, "email")
    if mode == "signup":
        started = client.webauthn.sign_up_start(email, origin, {"email": email})
    else:
        started = client.webauthn.sign_in_start(email, origin)
    return {"transactionId": started["transactionId"], "options": started["options"]}


def finish(client: DescopeClient, body: Any) -> dict[str, Any]:
    """Finish the ceremony with the browser's credential: returns the JWT response whose
    tokens the app puts in its session cookies.

    Raises:
        PasskeyRequestError: the body lacks a mode, a transaction id or a response.
        AuthException: the passkey was refused.
    """
    mode = _mode(body)
    transaction_id = _field(body, "transactionId")
    credential = body.get("response")
    if not isinstance(credential, dict):
        raise PasskeyRequestError("'response' must be the credential's JSON")
    response = json.dumps(credential)  # Descope takes the credential as a JSON string
    if mode == "signup":
        return client.webauthn.sign_up_finish(transaction_id, response)
    return client.webauthn.sign_in_finish(transaction_id, response)


def refusal(error: PasskeyRequestError | AuthException) -> tuple[dict[str, str], int]:
    """The JSON body and status the endpoints answer for a failed step: the page shows
    the message; Descope's 4xx statuses pass through, anything else is a 502."""
    if isinstance(error, PasskeyRequestError):
        return {"error": str(error)}, 400
    status = error.status_code if isinstance(error.status_code, int) else 502
    # `error_message` is Descope's raw JSON body (as in the official SDK): show its message
    message = message_of(error) or error.error_type or "refused"
    return {"error": message}, status if 400 <= status < 500 else 502
