"""JWT verification: one signature check per new token, strict claims, a bounded cache.

Every failure is an `AuthException` with a short reason; nothing else escapes `verify`
(except `keys.NeedsNetwork`, an internal signal used only by the async session path).

The compact JWS is parsed here, once, with no JWT library in the way:

1. shape: a string of at most 64 KiB made of exactly three non-empty base64url segments
   (alphabet checked for the whole token up front: no padding, whitespace or NUL);
2. header: decoded and checked (`alg` one of the allowed asymmetric algorithms, `kid` a
   non-empty string, no `crit` extension); nothing else in it is honoured (`jku`, `x5u`,
   `jwk`, ... are ignored). Valid headers repeat across tokens, so their parse is kept in
   a small bounded table;
3. the key is looked up by `kid` and must carry the same `alg` (algorithm pinned to the
   JWK); its pre-built `cryptography` verifier checks the signature, exactly once;
4. only then is the (now authentic) payload decoded and its claims checked.
"""

from __future__ import annotations

import binascii
import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Literal

from cryptography.exceptions import InvalidSignature

from . import telemetry
from .exceptions import (
    ERROR_TYPE_INVALID_PUBLIC_KEY,
    ERROR_TYPE_INVALID_TOKEN,
    AuthException,
    ExpiredTokenException,
)
from .json_copy import Copier, copier_for
from .keys import ALLOWED_ALGORITHMS, KeyStore

TokenKind = Literal["DS", "DSR"]
Audience = str | Iterable[str] | None
Shape = Callable[[dict[str, Any], str], dict[str, Any]]
"""`shape(claims, token)`: a derived result built from claims the caller owns (it may
keep and change them) and the token."""

MAX_TOKEN_LENGTH: Final = 64 * 1024
_B64URL: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
# byte -> itself for [A-Za-z0-9], '-' -> '+', '_' -> '/', '.' -> '.', anything else -> '!'
_TO_STD_OR_BANG: Final = bytes(
    c if (c in _B64URL[:62] or c == 0x2E) else 0x2B if c == 0x2D else 0x2F if c == 0x5F else 0x21
    for c in range(256)
)
_PADDING: Final = (b"", b"", b"==", b"=")  # by len % 4; a remainder of 1 is refused
_HEADER_TABLE_SIZE: Final = 256
_MAX_TIME: Final = 2**53  # integer times beyond this are not trusted to compare as floats


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# NaN / Infinity are not JSON; an `exp` of Infinity must never mean "never expires"
_JSON: Final = json.JSONDecoder(parse_constant=_reject_constant)
# the decoder's C scanner (what `decode` calls after its Python-level whitespace handling)
_SCAN: Final[Callable[[str, int], tuple[Any, int]]] = _JSON.scan_once  # type: ignore[attr-defined]
_a2b: Final = binascii.a2b_base64


def _invalid(reason: str, status: int = 401) -> AuthException:
    return AuthException(status, ERROR_TYPE_INVALID_TOKEN, reason)


def _split(token: Any) -> tuple[bytes, bytes, bytes, bytes]:
    """Check the shape; return (ASCII token, header, payload, signature).

    Every byte has been checked against the base64url alphabet; the three segments are
    already translated to the standard base64 alphabet (for `binascii`).
    """
    if not isinstance(token, str):
        if token is None:
            raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, "token is missing")
        raise _invalid("token is not a string", 400)
    if len(token) > MAX_TOKEN_LENGTH:
        raise _invalid("token is too long", 400)
    if not token:
        raise AuthException(400, ERROR_TYPE_INVALID_TOKEN, "token is missing")
    if not token.isascii():
        raise _invalid("token is not ASCII", 400)
    raw = token.encode("ascii")
    # one pass maps base64url to standard base64 and every other byte (padding, '+', '/',
    # whitespace, NUL, ...) to '!', which is then refused
    std = raw.translate(_TO_STD_OR_BANG)
    # exactly two dots, three non-empty segments (memchr searches, no list of parts)
    first = std.find(b".")
    second = std.find(b".", first + 1)
    if first <= 0 or second <= first + 1 or second == len(std) - 1 or std.find(b".", second + 1) >= 0:
        raise _invalid("token is not a signed JWT")
    if b"!" in std:
        raise _invalid("malformed token encoding")
    return raw, std[:first], std[first + 1 : second], std[second + 1 :]


def _b64decode(segment: bytes) -> bytes:
    """Decode one segment (alphabet checked and translated to standard by `_split`)."""
    try:
        return binascii.a2b_base64(segment + _PADDING[len(segment) & 3])
    except (binascii.Error, ValueError) as e:
        raise _invalid("malformed token encoding") from e


def _parse_json(text: str) -> Any:
    """One JSON document. Compact JSON (what issuers emit) goes straight to the C scanner;
    anything else (surrounding whitespace, errors) takes the full decoder's path."""
    try:
        value, end = _SCAN(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return _JSON.decode(text)
    if end != len(text):
        return _JSON.decode(text)
    return value


def _json_object(raw: bytes | str, what: str) -> dict[str, Any]:
    try:
        value = _parse_json(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except (ValueError, RecursionError) as e:  # UnicodeDecodeError is a ValueError
        raise _invalid(f"malformed token {what}") from e
    if type(value) is not dict:
        raise _invalid(f"malformed token {what}")
    return value


def _claims_of(payload: str) -> dict[str, Any]:
    """The claims object of a payload text; compact JSON goes straight to the C scanner."""
    try:
        value, end = _SCAN(payload, 0)
    except (StopIteration, ValueError, RecursionError):
        value, end = None, -1
    if end == len(payload) and type(value) is dict:
        return value
    return _json_object(payload, "payload")  # the full decoder, or the error


def check_shape(token: Any) -> str:
    """Reject obviously bad input before any crypto."""
    _split(token)
    assert isinstance(token, str)
    return token


def unverified_header(token: Any) -> dict[str, Any]:
    """Parse and sanity-check a JWT's header without trusting it."""
    return _json_object(_b64decode(_split(token)[1]), "header")


def unverified_exp(token: Any) -> float | None:
    """The `exp` of a token, read WITHOUT verifying it (None when absent or unreadable).

    For scheduling decisions only (e.g. whether a remembered refresh result is still
    worth handing out); whoever uses the token still verifies it.
    """
    try:
        payload = _json_object(_b64decode(_split(token)[2]), "payload")
    except AuthException:
        return None
    return _number(payload.get("exp"))


def unverified_user_id(token: Any) -> str | None:
    """The user a token names (`dsub`, else `sub`), read WITHOUT verifying it.

    Only for refusing: e.g. a refresh token that names another user than the session it
    accompanies is ignored. Never a reason to trust a token.
    """
    try:
        payload = _json_object(_b64decode(_split(token)[2]), "payload")
    except AuthException:
        return None
    return user_id_of(payload)


def user_id_of(claims: Mapping[str, Any]) -> str | None:
    """The user id of (verified or not) claims: `dsub` when present, else `sub`."""
    value = claims.get("dsub") or claims.get("sub")
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    """A finite JSON number as float, else None (bools and huge ints are not numbers)."""
    t = type(value)
    if t is int:
        return float(value) if -_MAX_TIME < value < _MAX_TIME else None
    if t is float and math.isfinite(value):
        return float(value)
    return None


def _header_of(segment: bytes) -> tuple[str, str]:
    """(alg, kid) of a header segment, or AuthException."""
    header = _json_object(_b64decode(segment), "header")
    alg = header.get("alg")
    kid = header.get("kid")
    if type(alg) is not str or alg not in ALLOWED_ALGORITHMS:
        raise _invalid("token algorithm is not allowed")
    if type(kid) is not str or not kid:
        raise _invalid("token has no key id")
    if "crit" in header or header.get("b64", True) is not True:
        raise _invalid("token uses an unsupported JWS extension")
    return alg, kid


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
        # (token, kind, audience) -> the verified token (payload, exp, key-set generation)
        self._cache: OrderedDict[tuple[str, str, Any], _Entry] = OrderedDict()
        # header segment -> (alg, kid), for headers that passed the checks (not trusted:
        # the signature is still verified against the key the kid names)
        self._headers: dict[bytes, tuple[str, str]] = {}
        self.signature_checks = 0

    @property
    def keys(self) -> KeyStore:
        return self._keys

    @property
    def leeway(self) -> float:
        return self._leeway

    def clear_cache(self) -> None:
        self._cache.clear()

    def is_live(self, exp: float, *, margin: float = 0.0) -> bool:
        """True if a token expiring at `exp` still passes the expiry rule (leeway included)
        now and for at least `margin` more seconds, by this verifier's clock."""
        return self._clock() + margin < exp + self._leeway

    def verify(
        self,
        token: Any,
        kind: TokenKind = "DS",
        *,
        audience: Audience = None,
        network: bool = True,
        shape: Shape | None = None,
    ) -> dict[str, Any]:
        """Return the token's claims (or `shape(claims, token)`) or raise `AuthException`.

        The result is the caller's own: fresh, shared with nobody (not even the cache), so
        it may be handed out or changed without copying. `shape` builds a derived result
        (e.g. `validate_session`'s) from claims the caller owns; for a repeated token the
        cache keeps that result too and hands out copies of it.

        Raises:
            AuthException: malformed, forged, expired (`ExpiredTokenException`), of
                another project or kind, or refused audience.
        """
        if audience is not None and type(audience) is not str:
            audience = tuple(audience)
        if type(token) is not str and isinstance(token, str):
            token = str(token)  # a str subclass: use its plain value (and the cache)
        now = self._clock()
        cache_key = (
            token,
            kind,
            audience if audience is None or type(audience) is str else frozenset(audience),
        )
        if type(token) is str and self._cache_size > 0:
            # fast path: a token verified before is only copied out of the cache
            entry = self._cache.get(cache_key)
            if entry is not None and self._cache_hit(cache_key, entry, now):
                if shape is None:
                    return self._hot_claims(cache_key, entry)
                return self._hot_shaped(cache_key, entry, shape, token)
        raw, header_b64, payload_b64, signature_b64 = _split(token)
        parsed = self._headers.get(header_b64)
        if parsed is None:
            parsed = self._parse_header(header_b64)
        alg, kid = parsed
        try:
            signature = _a2b(signature_b64 + _PADDING[len(signature_b64) & 3])
            payload_raw = _a2b(payload_b64 + _PADDING[len(payload_b64) & 3])
        except (binascii.Error, ValueError) as e:
            raise _invalid("malformed token encoding") from e
        key, generation = self._keys.lookup(kid, network=network)
        if key.alg != alg:
            raise AuthException(
                401, ERROR_TYPE_INVALID_PUBLIC_KEY, "token algorithm does not match its key"
            )
        # exactly one signature check; the payload is parsed only once it is authentic
        # (a payload that is not valid base64 was refused above, before any crypto)
        self.signature_checks += 1
        try:
            key.check(signature, raw[: len(header_b64) + 1 + len(payload_b64)])
        except InvalidSignature as e:
            raise _invalid("token signature is invalid") from e
        except (ValueError, TypeError, OverflowError) as e:
            raise _invalid("token is malformed") from e
        try:
            payload = payload_raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise _invalid("malformed token payload") from e
        claims = _claims_of(payload)
        exp = self._check_claims(claims, kind, audience, now)
        if generation == self._keys.generation and self._cache_size > 0:
            # the cache keeps the verified payload text (one flat string per token); a
            # token that comes back gets a parsed private master, copied for each caller
            self._cache_put(cache_key, (payload, exp, generation, None, None))
        return claims if shape is None else shape(claims, token)

    def _parse_header(self, segment: bytes) -> tuple[str, str]:
        parsed = _header_of(segment)
        headers = self._headers
        if len(headers) >= _HEADER_TABLE_SIZE:
            headers.clear()  # a flood of distinct headers only costs re-parsing
        headers[segment] = parsed
        return parsed

    def _check_claims(
        self, claims: dict[str, Any], kind: TokenKind, audience: Audience, now: float
    ) -> float:
        """Every claim rule; returns `exp`. Time rules first (callers refresh on expiry)."""
        exp: Any = claims.get("exp")
        if type(exp) is not int or not -_MAX_TIME < exp < _MAX_TIME:
            if exp is None:
                raise _invalid("token lacks the 'exp' claim")
            exp = _number(exp)
            if exp is None:
                raise _invalid("token 'exp' is not a number")
        latest = now + self._leeway
        for name in ("nbf", "iat"):
            when: Any = claims.get(name)
            if when is not None:
                if type(when) is not int:
                    when = _number(when)
                    if when is None:
                        raise _invalid(f"token '{name}' is not a number")
                if when > latest:
                    raise _invalid("token is not valid yet (nbf/iat in future)", 400)
        if now >= exp + self._leeway:
            raise ExpiredTokenException()
        iss = claims.get("iss")
        project_id = self._project_id
        if type(iss) is not str or not (iss == project_id or iss.endswith("/" + project_id)):
            issued_for = iss.rsplit("/", 1)[-1][:64] if isinstance(iss, str) else None
            raise _invalid(
                f"token issuer names project id {issued_for!r}; this client expects "
                f"project id {project_id!r}"
            )
        if claims.get("drn") != kind:
            if kind == "DS":
                raise _invalid("not a session token")
            raise _invalid("not a refresh token")
        sub = claims.get("sub")
        if sub is not None and type(sub) is not str:
            raise _invalid("token 'sub' is not a string")
        aud = claims.get("aud")
        if (aud is not None or audience is not None) and not _audience_ok(
            aud, audience, project_id
        ):
            raise _invalid("token audience is not accepted")
        return float(exp)

    # -- cache -------------------------------------------------------------------------
    # Lock-free: each OrderedDict operation is atomic; a race between two of them can
    # only drop an entry early (the token is then verified again), never serve a wrong one.

    def cached(self, token: str, kind: TokenKind = "DS") -> dict[str, Any] | None:
        """The claims of a token this verifier already holds as valid, or None.

        The hot path of a request whose token came before: what `verify(token, kind)`
        would return (a fresh copy of the claims, the caller's own), but only when that
        is a plain cache hit: the token is cached, unexpired, and its key set current and
        not due for a refetch. Otherwise None, and `verify` decides (expiry, refetch,
        errors). Never raises, never verifies a signature, never fetches.
        """
        if type(token) is not str:
            return None
        key = (token, kind, None)
        entry = self._cache.get(key)
        if entry is None or not self._servable(entry, self._clock()):
            return None
        self._touch(key)
        return self._hot_claims(key, entry)

    def _servable(self, entry: _Entry, now: float) -> bool:
        keys = self._keys
        return now < entry[1] + self._leeway and entry[2] == keys.generation and not keys.is_stale()

    def _touch(self, key: tuple[Any, str, Any]) -> None:
        try:
            self._cache.move_to_end(key)
        except KeyError:  # evicted meanwhile by another thread
            pass
        telemetry.count(telemetry.CACHE_HITS)

    def _cache_hit(self, key: tuple[Any, str, Any], entry: _Entry, now: float) -> bool:
        """Whether `entry` may be served now (raises when its token has expired)."""
        if self._servable(entry, now):
            self._touch(key)
            return True
        if self._keys.is_stale():
            return False  # re-verify so the key set is refetched and re-checked
        self._cache.pop(key, None)  # expired, or signed by a key set since replaced
        if now >= entry[1] + self._leeway:
            raise ExpiredTokenException()
        return False

    def _hot_claims(self, key: tuple[Any, str, Any], entry: _Entry) -> dict[str, Any]:
        built = entry[3]
        if built is None:
            master = _claims_of(entry[0])  # parsed once already: valid
            built = (master, copier_for(master))
            self._cache[key] = (entry[0], entry[1], entry[2], built, entry[4])
        copied: dict[str, Any] = built[1](built[0])
        return copied

    def _hot_shaped(
        self, key: tuple[Any, str, Any], entry: _Entry, shape: Shape, token: str
    ) -> dict[str, Any]:
        built = entry[4]
        if built is None or built[0] is not shape:
            master = shape(self._hot_claims(key, entry), token)
            built = (shape, master, copier_for(master))
            self._cache[key] = (entry[0], entry[1], entry[2], entry[3], built)
        copied: dict[str, Any] = built[2](built[1])
        return copied

    def _cache_put(self, key: tuple[Any, str, Any], entry: _Entry) -> None:
        cache = self._cache
        cache[key] = entry  # a new key goes to the end already
        try:
            while len(cache) > self._cache_size:
                cache.popitem(last=False)
        except KeyError:  # emptied meanwhile by another thread
            pass


_Claims = tuple[dict[str, Any], Copier]  # a private parsed master and its copier
_Shaped = tuple[Shape, dict[str, Any], Copier]
_Entry = tuple[str, float, int, _Claims | None, _Shaped | None]
"""A verified token in the cache: payload text, `exp`, key-set generation, and, once the
token has come back, its parsed master claims (and shaped result) with their copiers.

Until a token comes back only its payload text is kept (one flat string, and a tuple
of atomic values that the garbage collector does not track). On the first repeat the
text is parsed once into a private master (never handed out) with a copier fitted to
its shape (`json_copy.copier_for`), and every later hit gets a fresh copy: no JSON
parse per request, nothing shared with callers. Entries are immutable tuples replaced
whole, so threads racing to build a master only build it twice."""
