"""Client-assertion JWTs (the Node SDK's ``management.jwt.generateClientAssertionJwt``): a
JWT the application presents to an OAuth token endpoint (``private_key_jwt``), signed with
the project's key so the endpoint verifies it with the project's JWKS. The emulator signs
RS256 only (its keys are RSA keys used with RS256); RS384 / ES384 are refused."""

from __future__ import annotations

import secrets

from .. import errors
from ..signing_keys import ALGORITHM
from ..state import Emulator

MAX_LIFETIME = 24 * 3600  # seconds


def generate(
    e: Emulator,
    *,
    issuer: str,
    subject: str,
    audience: list[str],
    expires_in: int,
    flatten_audience: bool,
    algorithm: str,
) -> str:
    """The signed assertion: ``iss``, ``sub``, ``aud`` (a string when ``flatten_audience``
    and there is one audience), ``iat``, ``exp`` (``expires_in`` seconds on), ``jti``."""
    if algorithm != ALGORITHM:
        raise errors.INVALID_REQUEST(f"'algorithm' {algorithm[:16]!r} is not supported: RS256 only")
    if not 0 < expires_in <= MAX_LIFETIME:
        raise errors.INVALID_REQUEST(f"'expiresIn' must be 1..{MAX_LIFETIME} seconds")
    now = int(e.now())
    aud: str | list[str] = audience[0] if flatten_audience and len(audience) == 1 else audience
    return e.keys.sign({"iss": issuer, "sub": subject, "aud": aud, "iat": now,
                        "exp": now + expires_in, "jti": secrets.token_hex(16)})
