"""JWT verification: one signature check per new token, strict claims, a bounded cache.

Every failure is an `AuthException` with a short reason; nothing else escapes `verify`
(except `keys.NeedsNetwork`, an internal signal used only by the async session path).
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Final, Literal

import jwt
from jwt.types import Options

from .exceptions import (
    ERROR_TYPE_INVALID_PUBLIC_KEY,
    ERROR_TYPE_INVALID_TOKEN,
    AuthException,
    ExpiredTokenException,
)
from .keys import ALLOWED_ALGORITHMS, KeyStore

TokenKind = Literal["DS", "DSR"]
Audience = str | Iterable[str] | None

MAX_TOKEN_LENGTH: Final = 64 * 1024
_B64_ALPHABET: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
)
_DECODE_OPTIONS: Final[Options] = {
    "require": ["exp"],
    "verify_aud": False,
    "verify_iss": False,
    "verify_signature": True,
    "verify_exp": True,
    "verify_nbf": True,
    "verify_iat": True,
}


def _invalid(reason: str, status: int = 401) -> AuthException:
    return AuthException(status, ERROR_TYPE_INVALID_TOKEN, reason)


def _b64decode(segment: str) -> bytes:
    if not segment or not _B64_ALPHABET.issuperset(segment):
        raise _invalid("malformed token encoding")
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError) as e:
        raise _invalid("malformed token encoding") from e


def unverified_header(token: str) -> dict[str, Any]:
    """Parse and sanity-check a JWT's header without trusting it."""
    try:
        header = json.loads(_b64decode(token.split(".", 1)[0]))
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise _invalid("malformed token header") from e
    if not isinstance(header, dict):
        raise _invalid("malformed token header")
    return header


def check_shape(token: Any) -> str:
    """Reject obviously bad input before any crypto."""
    if token is None or token == "":
        raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, "token is missing")
    if not isinstance(token, str):
        raise _invalid("token is not a string", 400)
    if len(token) > MAX_TOKEN_LENGTH:
        raise _invalid("token is too long", 400)
    if not token.isascii():
        raise _invalid("token is not ASCII", 400)
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise _invalid("token is not a signed JWT")
    return token


def _audience_ok(token_aud: Any, wanted: Audience, project_id: str) -> bool:
    if token_aud is None or token_aud == "" or token_aud == []:
        present: list[str] = []
    elif isinstance(token_aud, str):
        present = [token_aud]
    elif isinstance(token_aud, list) and all(isinstance(a, str) for a in token_aud):
        present = list(token_aud)
    else:
        return False
    if wanted is None:
        # tokens.md §3: no audience given -> accept none, or one naming this project
        return not present or project_id in present
    allowed = {wanted} if isinstance(wanted, str) else set(wanted)
    return any(a in allowed for a in present)


def _audience_key(audience: Audience) -> Any:
    if audience is None or isinstance(audience, str):
        return audience
    return frozenset(audience)


class TokenVerifier:
    """Verifies Descope session and refresh tokens for one project."""

    def __init__(
        self,
        project_id: str,
        keys: KeyStore,
        *,
        leeway: int = 5,
        cache_size: int = 10_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._project_id = project_id
        self._keys = keys
        self._leeway = leeway
        self._cache_size = cache_size
        self._clock = clock
        self._cache: OrderedDict[tuple[str, str, Any], tuple[dict[str, Any], float, int]] = (
            OrderedDict()
        )
        self._cache_lock = threading.Lock()  # guards dict bookkeeping only
        self.signature_checks = 0

    @property
    def keys(self) -> KeyStore:
        return self._keys

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def verify(
        self,
        token: Any,
        kind: TokenKind = "DS",
        *,
        audience: Audience = None,
        network: bool = True,
    ) -> dict[str, Any]:
        """Return the token's claims (a fresh dict) or raise `AuthException`."""
        if audience is not None and not isinstance(audience, str):
            audience = tuple(audience)
        now = self._clock()
        if type(token) is str:  # fast path: a token verified before needs no parsing
            hit = self._cache_get((token, kind, _audience_key(audience)), now)
            if hit is not None:
                return dict(hit)
        token = check_shape(token)
        cache_key = (token, kind, _audience_key(audience))
        header = unverified_header(token)
        alg = header.get("alg")
        kid = header.get("kid")
        if not isinstance(alg, str) or alg not in ALLOWED_ALGORITHMS:
            raise _invalid("token algorithm is not allowed")
        if not isinstance(kid, str) or not kid:
            raise _invalid("token has no key id")
        key, generation = self._keys.lookup(kid, network=network)
        if key.alg != alg:
            raise AuthException(
                401, ERROR_TYPE_INVALID_PUBLIC_KEY, "token algorithm does not match its key"
            )
        self.signature_checks += 1
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[key.alg],
                options=_DECODE_OPTIONS,
                leeway=self._leeway,
            )
        except jwt.ExpiredSignatureError as e:
            raise ExpiredTokenException() from e
        except jwt.ImmatureSignatureError as e:
            raise _invalid("token is not valid yet (nbf/iat in future)", 400) from e
        except jwt.MissingRequiredClaimError as e:
            raise _invalid(f"token lacks the '{e.claim}' claim") from e
        except jwt.InvalidSignatureError as e:
            raise _invalid("token signature is invalid") from e
        except jwt.PyJWTError as e:
            raise _invalid("token is malformed") from e
        except (ValueError, TypeError, RecursionError) as e:
            raise _invalid("token is malformed") from e
        if not isinstance(claims, dict):
            raise _invalid("token payload is not an object")
        self._check_claims(claims, kind, audience)
        exp = claims["exp"]
        if generation == self._keys.generation:
            self._cache_put(cache_key, claims, float(exp), generation)
        return dict(claims)

    def _check_claims(self, claims: dict[str, Any], kind: TokenKind, audience: Audience) -> None:
        exp = claims.get("exp")
        if isinstance(exp, bool) or not isinstance(exp, (int, float)):
            raise _invalid("token 'exp' is not a number")
        iss = claims.get("iss")
        if not isinstance(iss, str) or not (
            iss == self._project_id or iss.endswith("/" + self._project_id)
        ):
            raise _invalid("token issuer does not match the project")
        drn = claims.get("drn")
        if drn != kind:
            if kind == "DS":
                raise _invalid("not a session token")
            raise _invalid("not a refresh token")
        sub = claims.get("sub")
        if sub is not None and not isinstance(sub, str):
            raise _invalid("token 'sub' is not a string")
        if not _audience_ok(claims.get("aud"), audience, self._project_id):
            raise _invalid("token audience is not accepted")

    # -- cache -------------------------------------------------------------------------

    def _cache_get(self, key: tuple[str, str, Any], now: float) -> dict[str, Any] | None:
        if self._cache_size <= 0:
            return None
        entry = self._cache.get(key)
        if entry is None:
            return None
        claims, exp, generation = entry
        if self._keys.is_stale():
            return None  # re-verify so the key set is refetched and re-checked
        if generation != self._keys.generation or now > exp + self._leeway:
            with self._cache_lock:
                self._cache.pop(key, None)
            if now > exp + self._leeway:
                raise ExpiredTokenException()
            return None
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
        return claims

    def _cache_put(
        self, key: tuple[str, str, Any], claims: dict[str, Any], exp: float, generation: int
    ) -> None:
        if self._cache_size <= 0:
            return
        with self._cache_lock:
            self._cache[key] = (dict(claims), exp, generation)
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
