"""Transport: headers, pooling, retries (idempotent only), error mapping, no secret leaks."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from descope_core import AuthException, DescopeClient, RateLimitException
from descope_core.exceptions import ServiceUnavailableException
from tests.support.stand_in import PROJECT_ID, Reply, StandInDescope

ME = "/v1/auth/me"
OTP_SEND = "/v1/auth/otp/signin/email"


def test_standard_headers(fake: StandInDescope, client: DescopeClient) -> None:
    client.transport.request("GET", "/v1/auth/password/policy")
    h = fake.last().headers
    assert h["content-type"] == "application/json"
    assert h["x-descope-sdk-name"] == "python"
    assert h["x-descope-sdk-version"]
    assert h["x-descope-sdk-python-version"]
    assert h["x-descope-project-id"] == PROJECT_ID
    assert h["authorization"] == f"Bearer {PROJECT_ID}"


def test_bearer_secrets_and_auth_management_key(fake: StandInDescope, make_client: Any) -> None:
    c: DescopeClient = make_client(auth_management_key="AMK")
    c.transport.request("POST", "/v1/auth/logout", body={}, bearer_secrets=("R", None, ""))
    assert fake.last().authorization == f"Bearer {PROJECT_ID}:R:AMK"
    c.transport.request("POST", "/v1/mgmt/user/create", body={}, bearer_secrets=("MK",))
    assert fake.last().authorization == f"Bearer {PROJECT_ID}:MK"  # no AMK on management


def test_connection_reused(fake: StandInDescope, client: DescopeClient) -> None:
    for _ in range(3):
        client.transport.request("GET", "/v1/auth/password/policy")
    assert fake.calls("/v1/auth/password/policy") == 3
    assert len(client.transport._session.adapters) >= 2  # one pooled session


def test_idempotent_get_retried_on_503(fake: StandInDescope, make_client: Any) -> None:
    c: DescopeClient = make_client(retry_backoff_seconds=0)
    fake.reply(ME, Reply(status=503, body={}), Reply(status=502, body={}), Reply(body={"email": "x"}))
    assert c.me("R") == {"email": "x"}
    assert fake.calls(ME) == 3


def test_retries_are_bounded(fake: StandInDescope, make_client: Any) -> None:
    client: DescopeClient = make_client(retry_backoff_seconds=0)
    fake.reply(ME, Reply(status=504, body={}, headers={"Retry-After": "3"}))
    with pytest.raises(ServiceUnavailableException) as info:
        client.me("R")
    assert fake.calls(ME) == 1 + client.config.max_retries
    # the official SDK's values for a 5xx Descope answered: its status, "server error"
    assert info.value.status_code == 504 and info.value.retry_after == 3
    assert info.value.error_type == "server error" and info.value.error_message == "{}"


def test_non_idempotent_post_never_retried(fake: StandInDescope, client: DescopeClient) -> None:
    from descope_core import DeliveryMethod

    fake.reply(OTP_SEND, Reply(status=503, body={}), Reply(body={"maskedEmail": "x"}))
    with pytest.raises(ServiceUnavailableException):
        client.otp.sign_in(DeliveryMethod.EMAIL, "a@b.c")
    assert fake.calls(OTP_SEND) == 1


def test_connection_refused_is_unavailable() -> None:
    c = DescopeClient(PROJECT_ID, base_url="http://127.0.0.1:9", timeout_seconds=2, retry_backoff_seconds=0)
    try:
        with pytest.raises(ServiceUnavailableException) as info:
            c.me("R")
        assert info.value.status_code == 503
    finally:
        c.close()


def test_dropped_connection_is_unavailable(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply(OTP_SEND, Reply(status=-1))
    from descope_core import DeliveryMethod

    with pytest.raises(ServiceUnavailableException):
        client.otp.sign_in(DeliveryMethod.EMAIL, "a@b.c")
    assert fake.calls(OTP_SEND) == 1


def test_429_json_body(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply(
        ME,
        Reply(
            status=429,
            body={"errorCode": "E130429", "errorDescription": "https://docs/rate-limit", "errorMessage": "API rate limit exceeded."},
            headers={"Retry-After": "12"},
        ),
    )
    with pytest.raises(RateLimitException) as info:
        client.me("R")
    e = info.value
    assert isinstance(e, AuthException)
    assert e.status_code == 429 and e.error_code == "E130429"
    assert e.rate_limit_parameters == {"Retry-After": 12} and e.retry_after == 12
    assert fake.calls(ME) == 1  # 429 is never retried


def test_429_non_json_body_keeps_retry_after(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply(ME, Reply(status=429, raw=b"<html>busy</html>", headers={"Retry-After": "30"}))
    with pytest.raises(RateLimitException) as info:
        client.me("R")
    assert info.value.retry_after == 30 and info.value.status_code == 429


def test_429_without_header(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply(ME, Reply(status=429, raw=b""))
    with pytest.raises(RateLimitException) as info:
        client.me("R")
    assert info.value.retry_after == 0


def test_error_body_parsed(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply(ME, Reply(status=400, body={"errorCode": "E062108", "errorDescription": "User not found", "errorMessage": "Cannot find user"}))
    with pytest.raises(AuthException) as info:
        client.me("R")
    e = info.value
    assert (e.status_code, e.error_code, e.error_description) == (400, "E062108", "User not found")
    # as the official SDK: the raw body, so `json.loads(e.error_message)["errorCode"]` works
    assert json.loads(e.error_message) == {
        "errorCode": "E062108", "errorDescription": "User not found", "errorMessage": "Cannot find user",
    }
    assert e.error_type == "server error"
    assert str(e) == str(
        {"status_code": 400, "error_type": "server error", "error_message": e.error_message}
    )
    assert repr(e) == "Error " + str(e)


def test_non_json_error(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply(ME, Reply(status=404, raw=b"nope"))
    with pytest.raises(AuthException) as info:
        client.me("R")
    assert info.value.status_code == 404 and info.value.error_message == "nope"


def test_secrets_never_leak(fake: StandInDescope, make_client: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    mk = "K2SuperSecretManagementKey"
    c: DescopeClient = make_client(management_key=mk)
    rt = fake.mint("DSR")
    fake.reply(ME, Reply(status=403, body={"errorMessage": f"bad key {mk} and {rt}"}))
    with pytest.raises(AuthException) as info:
        c.me(rt)
    c.transport.request("POST", "/v1/mgmt/x", body={}, bearer_secrets=(mk,))
    for text in (str(info.value), repr(info.value), repr(c), repr(c.config), repr(c.transport), caplog.text):
        assert mk not in text and rt not in text


def test_empty_2xx_body_is_empty_dict(fake: StandInDescope, client: DescopeClient) -> None:
    fake.reply("/v1/x", Reply(raw=b""))
    assert client.transport.request_json("POST", "/v1/x", body={}) == {}
