"""A software WebAuthn authenticator for the tests: real P-256 keys (``cryptography``),
attestation and assertion objects built with ``cbor2``, answers in the JSON form browsers
produce (``PublicKeyCredential.toJSON()``). Knobs let a test break one thing at a time.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

UP, UV, AT = 0x01, 0x04, 0x40
ES256 = -7


def b64url(data: bytes) -> str:
    """Unpadded base64url, as WebAuthn's JSON forms use."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    """The bytes of unpadded base64url text."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key_options(options: str | dict[str, Any]) -> dict[str, Any]:
    """The ``publicKey`` object of an emulator ``options`` answer (a JSON string)."""
    data = json.loads(options) if isinstance(options, str) else options
    return dict(data["publicKey"])


def _cose_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    numbers = key.public_key().public_numbers()
    return cbor2.dumps(
        {1: 2, 3: ES256, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
    )


def _attestation_certificate(key: ec.EllipticCurvePrivateKey) -> bytes:
    """A self-signed packed attestation certificate (WebAuthn §8.2.1 subject fields)."""
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ZZ"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Soft Authenticator"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Authenticator Attestation"),
        x509.NameAttribute(NameOID.COMMON_NAME, "soft-authenticator"),
    ])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.DER)


@dataclass
class SoftAuthenticator:
    """One authenticator holding one credential once :meth:`create` ran."""

    attestation: str = "none"  # "none", "packed" (self) or "packed-x5c"
    aaguid: bytes = field(default_factory=lambda: os.urandom(16))
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1()), repr=False
    )
    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    sign_count: int = 0
    user_handle: bytes = b""

    def _auth_data(self, rp_id: str, flags: int, count: int, attested: bool) -> bytes:
        data = hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", count)
        if attested:
            data += self.aaguid + struct.pack(">H", len(self.credential_id))
            data += self.credential_id + _cose_key(self.key)
        return data

    @staticmethod
    def _client_data(kind: str, challenge: str, origin: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}
        ).encode()

    def create(
        self,
        options: str | dict[str, Any],
        origin: str,
        *,
        challenge: str | None = None,
        rp_id: str | None = None,
        flags: int = UP | UV,
    ) -> dict[str, Any]:
        """Answer registration options like ``navigator.credentials.create``."""
        pk = public_key_options(options)
        self.user_handle = unb64url(pk["user"]["id"])
        client_data = self._client_data("webauthn.create", challenge or pk["challenge"], origin)
        auth_data = self._auth_data(rp_id or pk["rp"]["id"], flags | AT, self.sign_count, True)
        signed = auth_data + hashlib.sha256(client_data).digest()
        statement: dict[str, Any] = {}
        if self.attestation == "packed":
            statement = {"alg": ES256, "sig": self.key.sign(signed, ec.ECDSA(hashes.SHA256()))}
        elif self.attestation == "packed-x5c":
            att_key = ec.generate_private_key(ec.SECP256R1())
            statement = {
                "alg": ES256,
                "sig": att_key.sign(signed, ec.ECDSA(hashes.SHA256())),
                "x5c": [_attestation_certificate(att_key)],
            }
        fmt = "none" if self.attestation == "none" else "packed"
        attestation_object = cbor2.dumps({"fmt": fmt, "attStmt": statement, "authData": auth_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation_object),
                "transports": ["internal", "hybrid"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def get(
        self,
        options: str | dict[str, Any],
        origin: str,
        *,
        challenge: str | None = None,
        rp_id: str | None = None,
        flags: int = UP | UV,
        sign_count: int | None = None,
        key: ec.EllipticCurvePrivateKey | None = None,
    ) -> dict[str, Any]:
        """Answer authentication options like ``navigator.credentials.get``. The sign
        count goes up by one unless ``sign_count`` forces a value."""
        pk = public_key_options(options)
        self.sign_count = self.sign_count + 1 if sign_count is None else sign_count
        client_data = self._client_data("webauthn.get", challenge or pk["challenge"], origin)
        auth_data = self._auth_data(rp_id or pk["rpId"], flags, self.sign_count, False)
        signature = (key or self.key).sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(self.user_handle),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }
