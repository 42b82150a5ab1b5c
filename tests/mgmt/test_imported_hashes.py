"""Users invited with a password hash from another system sign in with the plain password
(bcrypt, pbkdf2, Django, Firebase scrypt), through the real password flow."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import bcrypt
import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from descope_core import AuthException, UserObj, UserPassword
from descope_core.mgmt.types import (
    UserPasswordBcrypt,
    UserPasswordDjango,
    UserPasswordFirebase,
    UserPasswordPbkdf2,
)

PLAIN = "Imported!pass1"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _bcrypt() -> Any:
    return UserPasswordBcrypt(bcrypt.hashpw(PLAIN.encode(), bcrypt.gensalt(rounds=4)).decode())


def _pbkdf2() -> Any:
    salt = b"pbkdf2-salt-0001"
    digest = hashlib.pbkdf2_hmac("sha256", PLAIN.encode(), salt, 1000)
    return UserPasswordPbkdf2(_b64(digest), _b64(salt), 1000, "sha256")


def _django() -> Any:
    salt = "djangosalt123"
    digest = hashlib.pbkdf2_hmac("sha256", PLAIN.encode(), salt.encode(), 1000)
    return UserPasswordDjango(f"pbkdf2_sha256$1000${salt}${_b64(digest)}")


def _firebase() -> Any:
    salt, separator, signer = b"fb-salt-01", b"\x01", b"firebase signer key bytes 32b..."
    key = hashlib.scrypt(PLAIN.encode(), salt=salt + separator, n=2**8, r=8, p=1, dklen=32)
    enc = Cipher(algorithms.AES(key), modes.CTR(b"\0" * 16)).encryptor()
    digest = enc.update(signer) + enc.finalize()
    return UserPasswordFirebase(_b64(digest), _b64(salt), _b64(separator), _b64(signer), 8, 8)


@pytest.mark.parametrize("make", [_bcrypt, _pbkdf2, _django, _firebase],
                         ids=["bcrypt", "pbkdf2", "django", "firebase"])
def test_imported_hash_signs_in_with_the_plain_password(mgmt: Any, descope_client: Any,
                                                         make: Any) -> None:
    login = f"imported-{make.__name__.strip('_')}@x.io"
    user = UserObj(login, email=login, status="enabled", password=UserPassword(hashed=make()))
    out = mgmt.user.invite_batch([user], send_mail=False)
    assert [u["loginIds"] for u in out["createdUsers"]] == [[login]]

    with pytest.raises(AuthException) as wrong:
        descope_client.password.sign_in(login, PLAIN + "x")
    assert wrong.value.status_code == 401

    signed = descope_client.password.sign_in(login, PLAIN)
    assert signed["sessionToken"]["sub"] == out["createdUsers"][0]["userId"]
    # the imported hash was replaced by the emulator's own: the password keeps working
    assert descope_client.password.sign_in(login, PLAIN)["userId"] == signed["userId"]


def test_an_unknown_hash_kind_fails_that_user_only(mgmt: Any) -> None:
    class Md5:
        def to_dict(self) -> dict[str, Any]:
            return {"md5": {"hash": "x"}}

    good = UserObj("ok@x.io", email="ok@x.io", password=UserPassword(hashed=_pbkdf2()))
    bad = UserObj("md5@x.io", email="md5@x.io", password=UserPassword(hashed=Md5()))  # type: ignore[arg-type]
    out = mgmt.user.invite_batch([good, bad], send_mail=False)
    assert [u["loginIds"][0] for u in out["createdUsers"]] == ["ok@x.io"]
    assert [f["user"]["loginId"] for f in out["failedUsers"]] == ["md5@x.io"]
