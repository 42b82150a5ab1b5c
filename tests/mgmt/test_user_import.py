"""`mgmt.user.import_users` end to end: users imported with a password hash of another
system (bcrypt, pbkdf2 with sha1/sha256/sha512, Firebase scrypt, Django) sign in with the
plain password through the password API; a hash the emulator cannot check, or a file that
is not JSON, refuses the whole import with a 400 and stores nothing."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import bcrypt
import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from descope_core import AuthException

PLAIN = "Imported!pass1"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _bcrypt() -> dict[str, Any]:
    return {"bcrypt": {"hash": bcrypt.hashpw(PLAIN.encode(), bcrypt.gensalt(rounds=4)).decode()}}


def _pbkdf2(variant: str) -> Any:
    def make() -> dict[str, Any]:
        salt = b"pbkdf2-salt-" + variant.encode()
        digest = hashlib.pbkdf2_hmac(variant, PLAIN.encode(), salt, 1200)
        return {"pbkdf2": {"hash": _b64(digest), "salt": _b64(salt), "iterations": 1200,
                           "type": variant}}

    make.__name__ = f"pbkdf2_{variant}"
    return make


def _firebase() -> dict[str, Any]:
    salt, separator, signer = b"fb-salt-02", b"\x07", b"the project's signer key 32 byte"
    key = hashlib.scrypt(PLAIN.encode(), salt=salt + separator, n=2**8, r=8, p=1, dklen=32)
    enc = Cipher(algorithms.AES(key), modes.CTR(b"\0" * 16)).encryptor()
    digest = enc.update(signer) + enc.finalize()
    return {"firebase": {"hash": _b64(digest), "salt": _b64(salt),
                         "saltSeparator": _b64(separator), "signerKey": _b64(signer),
                         "memory": 8, "rounds": 8}}


def _django() -> dict[str, Any]:
    salt = "djsalt456"
    digest = hashlib.pbkdf2_hmac("sha1", PLAIN.encode(), salt.encode(), 1000)
    return {"django": {"hash": f"pbkdf2_sha1$1000${salt}${_b64(digest)}"}}


def _file(users: Any) -> bytes:
    return json.dumps(users).encode()


def _status(call: Any, *args: Any, **kwargs: Any) -> int:
    with pytest.raises(AuthException) as err:
        call(*args, **kwargs)
    return int(err.value.status_code)


@pytest.mark.parametrize(
    "make", [_bcrypt, _pbkdf2("sha1"), _pbkdf2("sha256"), _pbkdf2("sha512"), _firebase, _django],
    ids=["bcrypt", "pbkdf2-sha1", "pbkdf2-sha256", "pbkdf2-sha512", "firebase", "django"])
def test_an_imported_user_signs_in_with_the_plain_password(mgmt: Any, descope_client: Any,
                                                           make: Any) -> None:
    login = f"imp-{make.__name__.strip('_')}@x.io"
    users = [{"loginIds": [login], "email": login, "name": "Imported", "verifiedEmail": True,
              "hashedPassword": make()}]
    out = mgmt.user.import_users("firebase", _file(users))
    assert out["failures"] == [] and [u["loginIds"] for u in out["users"]] == [[login]]
    loaded = mgmt.user.load(login)["user"]
    assert loaded["name"] == "Imported" and loaded["status"] == "enabled"
    assert loaded["password"] is True and "hashedPassword" not in json.dumps(loaded)

    assert _status(descope_client.password.sign_in, login, PLAIN + "x") == 401
    signed = descope_client.password.sign_in(login, PLAIN)
    assert signed["sessionToken"]["sub"] == loaded["userId"]


def test_a_hashes_file_dry_run_and_taken_login_ids(mgmt: Any, descope_client: Any) -> None:
    mgmt.user.create("taken@x.io")
    users = [{"loginIds": ["a@x.io", "alias-a"]}, {"loginId": "taken@x.io"},
             {"loginIds": ["b@x.io"], "customAttributes": {"plan": "pro"}}]
    hashes = [{"loginId": "alias-a", "hashedPassword": _pbkdf2("sha256")()}]

    dry = mgmt.user.import_users("auth0", _file(users), _file(hashes), dryrun=True)
    assert [u["loginIds"][0] for u in dry["users"]] == ["a@x.io", "b@x.io"]
    assert _status(mgmt.user.load, "a@x.io") == 404  # a dry run stores nothing

    out = mgmt.user.import_users("auth0", _file(users), _file(hashes))
    assert [f["user"] for f in out["failures"]] == ["taken@x.io"]
    assert "already exists" in out["failures"][0]["reason"]
    assert mgmt.user.load("alias-a")["user"]["loginIds"] == ["a@x.io", "alias-a"]
    assert mgmt.user.load("b@x.io")["user"]["customAttributes"] == {"plan": "pro"}
    assert descope_client.password.sign_in("alias-a", PLAIN)["user"]["loginIds"][0] == "a@x.io"
    # a user imported without a hash has no password to sign in with
    assert _status(descope_client.password.sign_in, "b@x.io", PLAIN) in (400, 401)


@pytest.mark.parametrize("hashed", [
    {"bcrypt": {"hash": "not-a-bcrypt-hash"}},
    {"bcrypt": {"hash": "$2b$31$" + "a" * 53}},
    {"pbkdf2": {"hash": "AAAA", "salt": "AAAA", "iterations": 1000, "type": "md5"}},
    {"pbkdf2": {"hash": "AAAA", "salt": "AAAA", "iterations": "many", "type": "sha256"}},
    {"firebase": {"hash": "AAAA", "salt": "AAAA", "saltSeparator": "Bw==",
                  "signerKey": "AAAA", "memory": 40, "rounds": 8}},
    {"django": {"hash": "argon2$whatever"}},
    {"md5": {"hash": "x"}},
    "plain text",
], ids=["bcrypt", "bcrypt-cost", "pbkdf2-type", "pbkdf2-iterations", "firebase-memory", "django", "md5",
        "string"])
def test_a_bad_hash_refuses_the_whole_import(mgmt: Any, hashed: Any) -> None:
    users = [{"loginIds": ["fine@x.io"]}, {"loginIds": ["bad@x.io"], "hashedPassword": hashed}]
    with pytest.raises(AuthException) as err:
        mgmt.user.import_users("descope", _file(users))
    assert err.value.status_code == 400 and "user #2" in str(err.value)
    assert _status(mgmt.user.load, "fine@x.io") == 404


@pytest.mark.parametrize("users", [b"not json", b"{}", b"[]", b'[{"email": "x@x.io"}]',
                                   b'["just a string"]', b'[{"loginIds": ["x"], "status": 7}]'])
def test_a_bad_users_file_is_refused(mgmt: Any, users: bytes) -> None:
    assert _status(mgmt.user.import_users, "descope", users) == 400


def test_the_node_sdk_form_and_bad_bodies(descope_emulator: Any) -> None:
    """The Node SDK sends the files as JSON text, not base64."""
    import requests

    headers = {"Authorization":
               f"Bearer {descope_emulator.project_id}:{descope_emulator.management_key}"}
    url = descope_emulator.url("/v1/mgmt/user/import")
    users = json.dumps([{"loginIds": ["node@x.io"], "hashedPassword": _bcrypt()}])
    resp = requests.post(url, json={"source": "descope", "users": users, "dryrun": False},
                         headers=headers, timeout=30)
    assert resp.status_code == 200 and resp.json()["users"][0]["loginIds"] == ["node@x.io"]
    log = requests.get(descope_emulator.url("/emulator/console/api/requests"),
                       params={"path": "/v1/mgmt/user/import"}, timeout=30).json()["requests"]
    assert log and "$2b$" not in json.dumps(log)  # the file (and its hashes) is masked
    for body in ({"source": "descope"}, {"source": "", "users": users},
                 {"source": "descope", "users": 5}, {"source": "descope", "users": "%%%"}):
        bad = requests.post(url, json=body, headers=headers, timeout=30)
        assert bad.status_code == 400, body
        assert set(bad.json()) == {"errorCode", "errorDescription", "errorMessage"}


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    for args in (("",), (None,), (5,), ("descope", "not bytes")):
        with pytest.raises(AuthException):
            offline_mgmt.user.import_users(*args)
    assert recorder.calls == []
