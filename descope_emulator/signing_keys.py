"""Signing keys (RS256, 2048-bit, kept in the database), the JWKS, and JWT signing and
verification."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from .storage.signing_keys import SigningKeys

ALGORITHM = "RS256"


class TokenError(Exception):
    """A JWT that cannot be trusted (bad signature, unknown key, expired, wrong type...)."""


def _kid_for(public_der: bytes) -> str:
    digest = hashlib.sha256(public_der).digest()
    return "K2" + base64.b32encode(digest).decode().rstrip("=")[:26]


class KeyRing:
    """The project's signing keys. The newest key signs; retired keys stay in the JWKS
    until every token they signed has expired."""

    def __init__(self, keys: SigningKeys) -> None:
        self._keys = keys
        self._lock = threading.Lock()
        self._private: dict[str, rsa.RSAPrivateKey] = {}
        self._public: dict[str, Any] = {}
        if self._keys.active_kid() is None:
            self.rotate()

    def _load(self, kid: str) -> tuple[rsa.RSAPrivateKey, Any] | None:
        with self._lock:
            if kid in self._private:
                return self._private[kid], self._public[kid]
            pem = self._keys.private_pem(kid)
            if pem is None:
                return None
            key = serialization.load_pem_private_key(pem.encode(), password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            self._private[kid] = key
            self._public[kid] = key.public_key()
            return key, self._public[kid]

    def active_kid(self) -> str:
        """The id of the key that signs now."""
        return self._keys.active_kid() or self.rotate()

    def rotate(self) -> str:
        """Create a new signing key; the previous active key is retired (still published)."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public_der = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        kid = _kid_for(public_der)
        jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
        jwk.update({"kid": kid, "alg": ALGORITHM, "use": "sig"})
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        self._keys.add_active(kid, pem, jwk)
        return kid

    def jwks(self, now: float | None = None) -> dict[str, Any]:
        """``{"keys": [...]}``: the active key and retired keys whose tokens live on."""
        return {"keys": self._keys.published(time.time() if now is None else now)}

    def sign(self, claims: dict[str, Any]) -> str:
        """A JWT of ``claims`` signed with the active key."""
        kid = self.active_kid()
        loaded = self._load(kid)
        assert loaded is not None
        self._keys.note_expiry(kid, float(claims.get("exp", 0)))
        return jwt.encode(claims, loaded[0], algorithm=ALGORITHM, headers={"kid": kid, "typ": "JWT"})

    def verify(self, token: str, *, now: float | None = None) -> dict[str, Any]:
        """Check signature and expiry; returns the claims or raises TokenError."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("malformed token") from exc
        kid = header.get("kid")
        if header.get("alg") != ALGORITHM or not isinstance(kid, str):
            raise TokenError("unsupported token header")
        loaded = self._load(kid)
        if loaded is None:
            raise TokenError("unknown signing key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                loaded[1],
                algorithms=[ALGORITHM],
                options={"verify_aud": False, "verify_exp": False, "verify_iat": False},
            )
        except jwt.PyJWTError as exc:
            raise TokenError("invalid token signature") from exc
        now = time.time() if now is None else now
        exp = claims.get("exp")
        if not isinstance(exp, (int, float)) or exp <= now:
            raise TokenError("token expired")
        return claims
