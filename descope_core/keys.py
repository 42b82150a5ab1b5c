"""The project's signing keys (JWKS), shared by every thread of one client.

* The key set is an immutable snapshot swapped atomically; readers never take a lock.
* A fetch is done by one thread; others needing it wait on its `Future`, not on a lock.
* The set is refetched after `ttl` seconds so withdrawn keys stop being trusted.
* An unknown `kid` triggers at most one refetch per cool-down window, for all threads.
* A pinned key (`public_key`) is always kept, whatever the JWKS says.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from jwt.algorithms import ECAlgorithm, RSAAlgorithm, RSAPSSAlgorithm

from . import telemetry
from .exceptions import (
    ERROR_TYPE_INVALID_PUBLIC_KEY,
    AuthException,
    RateLimitException,
    ServiceUnavailableException,
    message_of,
)

logger = logging.getLogger("descope_core.keys")

ALLOWED_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
)
_EC_CURVES = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}
_EC_CURVE_TYPES: dict[str, type[ec.EllipticCurve]] = {
    "ES256": ec.SECP256R1,
    "ES384": ec.SECP384R1,
    "ES512": ec.SECP521R1,
}
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "256": hashes.SHA256,
    "384": hashes.SHA384,
    "512": hashes.SHA512,
}

SignatureCheck = Callable[[bytes, bytes], None]
"""`check(signature, signing_input)`: returns, or raises `InvalidSignature`."""

JwksFetcher = Callable[[], Any]


class NeedsNetwork(Exception):  # noqa: N818 - internal control flow, never escapes the core
    """Raised instead of fetching when the caller asked for a network-free lookup.

    Carries what `KeyStore.afetch` needs: the fetch already in flight (`future`), or the
    window that allowed a new one, and whether the lookup must fail without keys.
    """

    def __init__(
        self,
        *,
        window: float | None = None,
        must_succeed: bool = True,
        future: Future[Any] | None = None,
    ) -> None:
        super().__init__("signing keys must be fetched")
        self.window = window
        self.must_succeed = must_succeed
        self.future = future


def _signature_check(alg: str, key: Any) -> SignatureCheck:
    """A verifier bound to one key and its one algorithm, built once per key.

    The padding and hash objects are created here, not per token. ECDSA JWS signatures
    are the raw big-endian `r || s` (RFC 7518 §3.4); they are converted to the DER form
    `cryptography` expects, and any other length is refused.
    """
    digest = _HASHES[alg[2:]]()
    if alg.startswith(("RS", "PS")):
        if not isinstance(key, rsa.RSAPublicKey):
            raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "key is not an RSA key")
        rsa_key = key
        pad: padding.AsymmetricPadding
        if alg.startswith("PS"):
            pad = padding.PSS(mgf=padding.MGF1(digest), salt_length=digest.digest_size)
        else:
            pad = padding.PKCS1v15()

        def check_rsa(signature: bytes, signing_input: bytes) -> None:
            rsa_key.verify(signature, signing_input, pad, digest)

        return check_rsa
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(
        key.curve, _EC_CURVE_TYPES[alg]
    ):
        raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "EC key does not match alg")
    ec_key = key
    size = (key.curve.key_size + 7) // 8
    ecdsa = ec.ECDSA(digest)

    def check_ec(signature: bytes, signing_input: bytes) -> None:
        if len(signature) != 2 * size:
            raise InvalidSignature()
        r = int.from_bytes(signature[:size], "big")
        s = int.from_bytes(signature[size:], "big")
        ec_key.verify(encode_dss_signature(r, s), signing_input, ecdsa)

    return check_ec


@dataclass(frozen=True)
class VerificationKey:
    kid: str
    alg: str
    key: Any  # a cryptography public key object
    pinned: bool = False
    check: SignatureCheck = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.alg not in ALLOWED_ALGORITHMS:
            raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "unsupported key algorithm")
        object.__setattr__(self, "check", _signature_check(self.alg, self.key))


@dataclass(frozen=True)
class _Snapshot:
    keys: Mapping[str, VerificationKey]
    fetched_at: float | None  # monotonic time of the last successful fetch
    generation: int


def load_jwk(jwk: Mapping[str, Any], *, pinned: bool = False) -> VerificationKey:
    """Turn one JWK into a key bound to its own `alg`; raise AuthException if unusable."""
    kid, alg, kty = jwk.get("kid"), jwk.get("alg"), jwk.get("kty")
    if not isinstance(kid, str) or not kid or not isinstance(alg, str):
        raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "key needs 'kid' and 'alg'")
    if alg not in ALLOWED_ALGORITHMS:
        raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "unsupported key algorithm")
    try:
        if alg.startswith("ES"):
            if kty != "EC" or jwk.get("crv") != _EC_CURVES[alg]:
                raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "EC key does not match alg")
            key: Any = ECAlgorithm.from_jwk(dict(jwk))
        else:
            if kty != "RSA":
                raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "RSA key does not match alg")
            loader = RSAPSSAlgorithm if alg.startswith("PS") else RSAAlgorithm
            key = loader.from_jwk(dict(jwk))
    except (jwt.PyJWTError, ValueError, TypeError, KeyError) as e:
        raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "unable to load key") from e
    if hasattr(key, "private_bytes"):  # never keep private material around
        key = key.public_key()
    return VerificationKey(kid, alg, key, pinned)


def parse_jwks(document: Any) -> dict[str, VerificationKey]:
    """Load every usable key of a JWKS document; bad entries are skipped."""
    if not isinstance(document, Mapping) or not isinstance(document.get("keys"), list):
        raise AuthException(500, ERROR_TYPE_INVALID_PUBLIC_KEY, "Unable to load jwks")
    out: dict[str, VerificationKey] = {}
    for entry in document["keys"]:
        if not isinstance(entry, Mapping):
            continue
        try:
            k = load_jwk(entry)
        except AuthException:
            logger.debug("skipping unusable JWK")
            continue
        out[k.kid] = k
    return out


class KeyStore:
    """Thread-safe JWKS cache; see the module docstring for the rules."""

    def __init__(
        self,
        fetcher: JwksFetcher | None,
        *,
        pinned: Mapping[str, Any] | None = None,
        ttl_seconds: float = 600.0,
        unknown_kid_cooldown_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetcher = fetcher
        self._pinned: dict[str, VerificationKey] = {}
        if pinned is not None:
            k = load_jwk(pinned, pinned=True)
            self._pinned[k.kid] = k
        self._ttl = ttl_seconds
        self._cooldown = unknown_kid_cooldown_seconds
        self._clock = clock
        self._snapshot = _Snapshot(dict(self._pinned), None, 0)
        self._state = threading.Lock()  # guards only the bookkeeping below, never I/O
        self._inflight: Future[_Snapshot] | None = None
        self._last_attempt: float | None = None  # monotonic start of the last fetch
        self.fetch_count = 0
        self._tasks: set[asyncio.Task[None]] = set()  # async fetches in flight

    @property
    def generation(self) -> int:
        """Changes whenever the trusted key set changes (verified-token caches key on it)."""
        return self._snapshot.generation

    def is_stale(self) -> bool:
        """True when the fetched key set is older than the TTL (a refetch is due)."""
        fetched_at = self._snapshot.fetched_at
        return fetched_at is not None and self._clock() - fetched_at >= self._ttl

    def known_kids(self) -> frozenset[str]:
        return frozenset(self._snapshot.keys)

    def get(self, kid: str, *, network: bool = True) -> VerificationKey:
        return self.lookup(kid, network=network)[0]

    def lookup(self, kid: str, *, network: bool = True) -> tuple[VerificationKey, int]:
        """The key for `kid` and the generation of the key set it was found in."""
        snap = self._snapshot
        pinned = self._pinned.get(kid)
        if pinned is not None:
            return pinned, snap.generation
        if self._fetcher is None:
            key = snap.keys.get(kid)
            if key is None:
                raise self._unknown()
            return key, snap.generation
        if snap.fetched_at is None:
            snap = self._fetch(network, window=None, must_succeed=True) or snap
        elif self._clock() - snap.fetched_at >= self._ttl:
            # stale: refetch, but after a failure retry at most once per window
            snap = self._fetch(network, window=self._min_retry(), must_succeed=False) or snap
        key = snap.keys.get(kid)
        if key is not None:
            return key, snap.generation
        # unknown kid: at most one refetch per cool-down window, shared by all threads
        fresh = self._fetch(network, window=self._cooldown, must_succeed=False)
        key = fresh.keys.get(kid) if fresh is not None else None
        if key is None or fresh is None:
            raise self._unknown()
        return key, fresh.generation

    def refresh(self) -> None:
        """Force a refetch now (tests, admin hooks)."""
        self._fetch(True, window=None, must_succeed=True)

    # -- internals -----------------------------------------------------------------------

    def _min_retry(self) -> float:
        return min(self._cooldown, self._ttl)

    @staticmethod
    def _unknown() -> AuthException:
        return AuthException(
            401,
            ERROR_TYPE_INVALID_PUBLIC_KEY,
            "Unable to validate public key. Public key not found.",
        )

    def _fetch(
        self, network: bool, *, window: float | None, must_succeed: bool
    ) -> _Snapshot | None:
        """Join the running fetch, or start one if the window since the last attempt passed.

        Returns None when no fetch is allowed right now. A failed fetch keeps the current
        keys (and returns them) unless `must_succeed`. With `network=False` it raises
        `NeedsNetwork` (carrying what `afetch` needs) instead of fetching or waiting.
        """
        with self._state:
            fut = self._inflight
            leader = fut is None
            if fut is None:
                if not self._window_open(window):
                    return None
                if not network:
                    raise NeedsNetwork(window=window, must_succeed=must_succeed)
                fut = self._start_fetch()
        if not leader:
            if not network and not fut.done():
                raise NeedsNetwork(window=window, must_succeed=must_succeed, future=fut)
            try:
                return fut.result()
            except AuthException:
                if must_succeed:
                    raise
                return self._snapshot
        try:
            self.fetch_count += 1
            assert self._fetcher is not None
            try:
                with telemetry.span(telemetry.KEYS_FETCH):
                    document = self._fetcher()
            except AuthException as e:
                self._settle(fut, error=e)
            else:
                self._settle(fut, document=document)
            return fut.result()
        except AuthException:
            if must_succeed or self._snapshot.fetched_at is None:
                raise
            logger.warning("JWKS refetch failed; keeping the current keys")
            return self._snapshot
        finally:
            if not fut.done():  # an unexpected error: never leave waiters hanging
                self._settle(fut, error=ServiceUnavailableException("signing keys not loaded"))

    async def afetch(self, need: NeedsNetwork, fetch: Callable[[], Awaitable[Any]]) -> None:
        """Do (or join) the fetch a network-free lookup asked for, without blocking the loop.

        `fetch` is the async JWKS call. The fetch runs as its own task: a caller that is
        cancelled while waiting leaves it to finish for everybody else. Raises the fetch's
        error when the lookup that needed it must not go on without keys.
        """
        fut = need.future
        if fut is None:
            with self._state:
                fut = self._inflight
                if fut is None:
                    if not self._window_open(need.window):
                        return  # someone fetched meanwhile: look up again
                    fut = self._start_fetch()
                    self.fetch_count += 1
                    task = asyncio.get_running_loop().create_task(self._alead(fut, fetch))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
        try:
            await asyncio.wrap_future(fut)
        except AuthException:
            if need.must_succeed or self._snapshot.fetched_at is None:
                raise

    async def _alead(self, fut: Future[_Snapshot], fetch: Callable[[], Awaitable[Any]]) -> None:
        try:
            with telemetry.span(telemetry.KEYS_FETCH):
                document = await fetch()
        except AuthException as e:
            self._settle(fut, error=e)
        else:
            self._settle(fut, document=document)
        finally:
            if not fut.done():
                self._settle(fut, error=ServiceUnavailableException("signing keys not loaded"))

    def _window_open(self, window: float | None) -> bool:
        """Caller holds `_state`."""
        if window is None or self._last_attempt is None:
            return True
        return self._clock() - self._last_attempt >= window

    def _start_fetch(self) -> Future[_Snapshot]:
        """Caller holds `_state`: claim the fetch (its future cannot be cancelled)."""
        fut: Future[_Snapshot] = Future()
        fut.set_running_or_notify_cancel()
        self._inflight = fut
        self._last_attempt = self._clock()
        return fut

    def _settle(
        self,
        fut: Future[_Snapshot],
        *,
        document: Any = None,
        error: BaseException | None = None,
    ) -> None:
        """Install a fetched document (or record the failure) and release the waiters."""
        if error is None:
            try:
                snap: _Snapshot | None = self._install(document)
            except AuthException as e:
                snap, error = None, e
        else:
            snap = None
            if isinstance(error, AuthException) and not isinstance(
                error, (RateLimitException, ServiceUnavailableException)
            ):
                said = message_of(error)
                error = ServiceUnavailableException(
                    "unable to load signing keys"
                    + (f": Descope answered {error.status_code} ({said})" if said else ""),
                    error_code=error.error_code,
                )
        with self._state:
            self._inflight = None
        if fut.done():
            return
        if snap is not None:
            fut.set_result(snap)
        else:
            assert error is not None
            fut.set_exception(error)

    def _install(self, document: Any) -> _Snapshot:
        try:
            fetched = parse_jwks(document)
        except AuthException as e:
            raise ServiceUnavailableException("Descope sent an unusable JWKS") from e
        merged = dict(fetched)
        merged.update(self._pinned)  # pinned keys always win and are never dropped
        old = self._snapshot
        changed = {k: _fingerprint(v) for k, v in old.keys.items()} != {
            k: _fingerprint(v) for k, v in merged.items()
        }
        generation = old.generation + 1 if changed else old.generation
        snap = _Snapshot(merged, self._clock(), generation)
        self._snapshot = snap
        return snap


def _fingerprint(k: VerificationKey) -> tuple[str, Any]:
    numbers = getattr(k.key, "public_numbers", None)
    return (k.alg, numbers() if callable(numbers) else id(k.key))
