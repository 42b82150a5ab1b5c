"""Password hashes imported from another system (`user.invite_batch` with
`hashedPassword`, management.md §1.8): bcrypt, pbkdf2, Django and Firebase's scrypt.

A user created with such a hash signs in with the plain password; on the first
successful sign-in the emulator stores its own hash instead (`passwords.set_password`),
as an identity provider does after a migration.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from typing import Any

import bcrypt
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

_PBKDF2_DIGESTS = {"sha1": "sha1", "sha256": "sha256", "sha512": "sha512"}


def _b64(text: Any) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


#: the highest bcrypt cost checked (2^15 rounds, about a second): a higher one would let an
#: imported hash stall the emulator at every sign-in
MAX_BCRYPT_COST = 15


def _bcrypt_cost(stored: Any) -> int | None:
    if not isinstance(stored, str) or len(stored) != 60 or stored[:4] not in (
            "$2a$", "$2b$", "$2y$") or not stored[4:6].isdigit() or stored[6] != "$":
        return None
    return int(stored[4:6])


def _bcrypt(password: str, spec: dict[str, Any]) -> bool:
    stored = spec.get("hash")
    cost = _bcrypt_cost(stored)
    if cost is None or cost > MAX_BCRYPT_COST or not isinstance(stored, str):
        return False
    try:
        return bool(bcrypt.checkpw(password.encode(), stored.encode()))
    except ValueError:
        return False


def _pbkdf2(password: str, spec: dict[str, Any]) -> bool:
    digest = _PBKDF2_DIGESTS.get(str(spec.get("type", "")).lower())
    stored, salt = _b64(spec.get("hash")), _b64(spec.get("salt"))
    iterations = spec.get("iterations")
    if digest is None or stored is None or salt is None:
        return False
    if not isinstance(iterations, int) or isinstance(iterations, bool) or not 0 < iterations <= 10_000_000:
        return False
    derived = hashlib.pbkdf2_hmac(digest, password.encode(), salt, iterations, len(stored))
    return hmac.compare_digest(derived, stored)


def _django(password: str, spec: dict[str, Any]) -> bool:
    """Django's `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` (and `pbkdf2_sha1`)."""
    stored = spec.get("hash")
    if not isinstance(stored, str) or stored.count("$") != 3:
        return False
    algorithm, iterations_text, salt, hash_b64 = stored.split("$")
    digest = {"pbkdf2_sha256": "sha256", "pbkdf2_sha1": "sha1"}.get(algorithm)
    expected = _b64(hash_b64)
    if digest is None or expected is None or not iterations_text.isdigit():
        return False
    iterations = int(iterations_text)
    if not 0 < iterations <= 10_000_000:
        return False
    derived = hashlib.pbkdf2_hmac(digest, password.encode(), salt.encode(), iterations, len(expected))
    return hmac.compare_digest(derived, expected)


def _firebase(password: str, spec: dict[str, Any]) -> bool:
    """Firebase's scrypt: key = scrypt(password, salt + separator, N=2^memory, r=rounds,
    p=1); the stored hash is the project's signer key encrypted with AES-256-CTR under
    that key (zero IV)."""
    stored = _b64(spec.get("hash"))
    salt, separator = _b64(spec.get("salt")), _b64(spec.get("saltSeparator"))
    signer_key = _b64(spec.get("signerKey"))
    memory, rounds = spec.get("memory"), spec.get("rounds")
    if None in (stored, salt, separator, signer_key):
        return False
    if not isinstance(memory, int) or not isinstance(rounds, int):
        return False
    if not (1 <= memory <= 15 and 1 <= rounds <= 10):  # bounds the scrypt memory (40 MB)
        return False
    assert stored is not None and salt is not None and separator is not None
    assert signer_key is not None
    key = hashlib.scrypt(password.encode(), salt=salt + separator, n=2**memory, r=rounds, p=1,
                         dklen=32, maxmem=2**31 - 1)
    encryptor = Cipher(algorithms.AES(key), modes.CTR(b"\0" * 16)).encryptor()
    derived = encryptor.update(signer_key) + encryptor.finalize()
    return hmac.compare_digest(derived, stored)


_VERIFIERS = {"bcrypt": _bcrypt, "pbkdf2": _pbkdf2, "django": _django, "firebase": _firebase}


def check_imported(password: str, hashed: Any) -> bool:
    """Whether `password` matches an imported hash (`{"bcrypt": {...}}`, ...)."""
    if not isinstance(hashed, dict) or len(hashed) != 1:
        return False
    (kind, spec), = hashed.items()
    verifier = _VERIFIERS.get(kind)
    return bool(verifier and isinstance(spec, dict) and verifier(password, spec))


def is_supported(hashed: Any) -> bool:
    """A hash object the emulator can check (one known kind with an object spec)."""
    return (isinstance(hashed, dict) and len(hashed) == 1
            and next(iter(hashed)) in _VERIFIERS and isinstance(next(iter(hashed.values())), dict))


def _is_b64(spec: dict[str, Any], *keys: str) -> bool:
    return all(_b64(spec.get(k)) for k in keys)


def _is_count(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def problem(hashed: Any) -> str | None:
    """Why ``hashed`` is not a usable imported hash (None when it is): an unknown kind, a
    missing or malformed field, or a cost outside what the emulator checks."""
    if not is_supported(hashed):
        return "'hashedPassword' must be one of bcrypt, pbkdf2, django, firebase"
    (kind, spec), = hashed.items()
    if kind == "bcrypt":
        cost = _bcrypt_cost(spec.get("hash"))
        if cost is None:
            return "bcrypt: 'hash' must be a $2a$/$2b$/$2y$ hash of 60 characters"
        return None if 4 <= cost <= MAX_BCRYPT_COST else (
            f"bcrypt: the cost must be 4 to {MAX_BCRYPT_COST}")
    if kind == "pbkdf2":
        if str(spec.get("type", "")).lower() not in _PBKDF2_DIGESTS:
            return "pbkdf2: 'type' must be sha1, sha256 or sha512"
        if not _is_b64(spec, "hash", "salt"):
            return "pbkdf2: 'hash' and 'salt' must be base64"
        if not _is_count(spec.get("iterations"), 1, 10_000_000):
            return "pbkdf2: 'iterations' must be an integer from 1 to 10000000"
        return None
    if kind == "django":
        parts = spec.get("hash").split("$") if isinstance(spec.get("hash"), str) else []
        ok = (len(parts) == 4 and parts[0] in ("pbkdf2_sha256", "pbkdf2_sha1")
              and parts[1].isdigit() and 0 < int(parts[1]) <= 10_000_000
              and _b64(parts[3]) is not None)
        return None if ok else "django: 'hash' must be pbkdf2_sha256$<iterations>$<salt>$<hash>"
    if not _is_b64(spec, "hash", "salt", "saltSeparator", "signerKey"):
        return "firebase: 'hash', 'salt', 'saltSeparator' and 'signerKey' must be base64"
    if not (_is_count(spec.get("memory"), 1, 15) and _is_count(spec.get("rounds"), 1, 10)):
        return "firebase: 'memory' must be 1-15 and 'rounds' 1-10"
    return None
