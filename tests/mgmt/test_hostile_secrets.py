"""A session of calls that carry secrets (imported password hashes, a password, an OTP
code, a magic link token, an enchanted link's pending reference, access and management
keys) through our client against the emulator: no cleartext of any of them appears in a
log record of the process or in the console's request log."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, urlparse

import bcrypt
import pytest
import requests

from descope_core import DeliveryMethod, MgmtKeyProjectRole, MgmtKeyReBac, UserObj, UserPassword
from descope_core.mgmt.types import UserPasswordBcrypt

PASSWORD = "Hostile!Pass-4711"


def _t(link: str) -> str:
    return parse_qs(urlparse(link).query)["t"][0]


def test_no_secret_reaches_a_log(descope_emulator: Any, descope_client: Any,
                                 caplog: pytest.LogCaptureFixture) -> None:
    mgmt = descope_client.mgmt
    secrets: list[str] = [PASSWORD]
    with caplog.at_level(logging.DEBUG):
        hashed = bcrypt.hashpw(b"Imported!pass1", bcrypt.gensalt(rounds=4)).decode()
        secrets.append(hashed)
        mgmt.user.invite_batch([UserObj("imp@x.io", email="imp@x.io", status="enabled",
                                        password=UserPassword(hashed=UserPasswordBcrypt(hashed)))],
                               send_mail=False)
        descope_client.password.sign_up("pw@x.io", PASSWORD)
        descope_client.password.sign_in("pw@x.io", PASSWORD)

        descope_client.otp.sign_up_or_in(DeliveryMethod.EMAIL, "otp@x.io")
        code = descope_emulator.outbox("otp@x.io")[0]["code"]
        secrets.append(code)
        descope_client.otp.verify_code(DeliveryMethod.EMAIL, "otp@x.io", code)

        descope_client.magiclink.sign_up_or_in(DeliveryMethod.EMAIL, "ml@x.io", "http://a.test/v")
        token = _t(descope_emulator.outbox("ml@x.io")[0]["link"])
        secrets.append(token)
        descope_client.magiclink.verify(token)

        pending = descope_client.enchantedlink.sign_up_or_in("el@x.io", "http://a.test/v")
        secrets.append(pending["pendingRef"])
        descope_client.enchantedlink.verify(_t(descope_emulator.outbox("el@x.io")[0]["link"]))
        descope_client.enchantedlink.get_session(pending["pendingRef"])

        access = mgmt.access_key.create("ak")["cleartext"]
        secrets.append(access)
        descope_client.exchange_access_key(access)

        pid = descope_emulator.project_id
        key = mgmt.management_key.create(
            "dev", MgmtKeyReBac(project_roles=[MgmtKeyProjectRole([pid], ["developer"])]))
        secrets.append(key["cleartext"])
        resp = requests.get(descope_emulator.url("/v1/mgmt/tenant/all"), timeout=30,
                            headers={"Authorization": f"Bearer {pid}:{key['cleartext']}"})
        assert resp.status_code == 200
        secrets.append(descope_emulator.management_key)

    request_log = requests.get(descope_emulator.url("/emulator/console/api/requests"),
                               timeout=30).text
    assert "/v1/auth/enchantedlink/pending-session" in request_log
    logged = "\n".join(r.getMessage() + str(r.args) for r in caplog.records)
    for secret in secrets:
        at = request_log.find(secret)
        assert at < 0, request_log[max(0, at - 300):at + 40]
        assert secret not in logged, secret
