"""Signing material for the benchmarks and the hostile-input battery.

Everything is generated in-process: an RSA-2048 key pair, its public JWK, and a
`mint` helper that signs Descope-shaped session/refresh tokens. No network.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

PROJECT_ID = "P2BenchProject0000000000000"


@dataclass
class KeyPair:
    """A private key plus its public JWK (with `kid` and `alg`)."""

    private_key: Any
    kid: str
    alg: str
    jwk: dict[str, Any] = field(default_factory=dict)

    @property
    def jwk_json(self) -> str:
        return json.dumps(self.jwk)


def rsa_keypair(kid: str | None = None, alg: str = "RS256") -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = kid or "K" + uuid.uuid4().hex[:20]
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": kid, "alg": alg, "use": "sig"})
    return KeyPair(key, kid, alg, jwk)


def ec_keypair(kid: str | None = None, alg: str = "ES256") -> KeyPair:
    curve = {"ES256": ec.SECP256R1(), "ES384": ec.SECP384R1(), "ES512": ec.SECP521R1()}[alg]
    key = ec.generate_private_key(curve)
    kid = kid or "K" + uuid.uuid4().hex[:20]
    jwk = json.loads(ECAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": kid, "alg": alg, "use": "sig"})
    return KeyPair(key, kid, alg, jwk)


def claims(
    *,
    project_id: str = PROJECT_ID,
    sub: str = "U2BenchUser",
    drn: str = "DS",
    ttl: int = 3600,
    **extra: Any,
) -> dict[str, Any]:
    now = int(time.time())
    body: dict[str, Any] = {
        "sub": sub,
        "iss": project_id,
        "drn": drn,
        "iat": now,
        "exp": now + ttl,
        "roles": [],
        "permissions": [],
        "tenants": {},
    }
    body.update(extra)
    return body


def mint(kp: KeyPair, payload: dict[str, Any], headers: dict[str, Any] | None = None) -> str:
    hdr: dict[str, Any] = {"kid": kp.kid, "typ": "JWT"}
    if headers:
        hdr.update(headers)
    return jwt.encode(payload, kp.private_key, algorithm=kp.alg, headers=hdr)


def session_token(kp: KeyPair, **kw: Any) -> str:
    return mint(kp, claims(**kw))


def unique_sessions(kp: KeyPair, n: int, **kw: Any) -> list[str]:
    """`n` distinct, valid session tokens (distinct `jti`)."""
    return [mint(kp, claims(jti=os.urandom(8).hex(), **kw)) for _ in range(n)]
