"""The flows' sign-in methods as the web component drives them, over real HTTP without a
browser: a magic link names its execution and step on the app's page and a link of another
execution is refused while the polling screen keeps its step; Google goes to the stand-in
provider and comes back with the code; an identity provider does not step up a session; TOTP
is asked after a first factor, a wrong code stays on the screen."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import requests

from descope_emulator.domain.totp import totp_code

PAGE = "http://localhost:4321/app?flow=sign-up-or-in&t=stale-token"


def _post(emu: Any, path: str, body: dict[str, Any], refresh: str = "") -> dict[str, Any]:
    bearer = emu.project_id + (f":{refresh}" if refresh else "")
    r = requests.post(emu.url(path), json=body, timeout=10,
                      headers={"Authorization": f"Bearer {bearer}"})
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


def _start(emu: Any, interaction: str, given: dict[str, Any], flow: str = "sign-up-or-in",
           refresh: str = "") -> dict[str, Any]:
    return _post(emu, "/v1/flow/start", {"flowId": flow, "interactionId": interaction,
                                         "input": given, "options": {"location": PAGE}},
                 refresh)


def _next(emu: Any, shown: dict[str, Any], interaction: str,
          given: dict[str, Any] | None = None) -> dict[str, Any]:
    return _post(emu, "/v1/flow/next", {"executionId": shown["executionId"],
                                        "stepId": shown["stepId"],
                                        "interactionId": interaction, "input": given or {}})


def _link(emu: Any, email: str) -> tuple[str, dict[str, list[str]]]:
    link = str(emu.outbox(email)[0]["link"])
    return link, parse_qs(urlsplit(link).query)


def test_magic_link_names_its_step_and_refuses_another_executions(descope_emulator: Any) -> None:
    mine = _start(descope_emulator, "magic-link", {"email": "ml@x.io"})
    assert mine["screen"]["id"] == "magic-link-sent"
    link, query = _link(descope_emulator, "ml@x.io")
    assert link.startswith("http://localhost:4321/app?flow=sign-up-or-in&")
    assert query["descope-login-flow"] == [f"{mine['executionId']}_{mine['stepId']}"]
    assert query["t"] != ["stale-token"]  # the page's earlier token is not carried over
    assert _next(descope_emulator, mine, "polling")["action"] == "poll"

    _start(descope_emulator, "magic-link", {"email": "other@x.io"})
    _, theirs = _link(descope_emulator, "other@x.io")
    refused = _next(descope_emulator, mine, "submit", {"token": theirs["t"][0]})
    assert refused["screen"]["state"]["errorText"] == "This link belongs to another sign-in"
    assert refused["stepId"] == mine["stepId"]  # the polling tab keeps its step
    done = _next(descope_emulator, mine, "submit", {"token": query["t"][0]})
    assert done["status"] == "completed"
    assert done["authInfo"]["user"]["loginIds"] == ["ml@x.io"]
    learned = _next(descope_emulator, mine, "polling")
    assert learned["status"] == "completed"


def test_google_redirects_to_the_provider_and_back(descope_emulator: Any) -> None:
    shown = _start(descope_emulator, "google", {})
    assert shown["action"] == "redirect"
    picker = shown["redirect"]["url"]
    assert picker.startswith(descope_emulator.url("/emulator/authorize?state="))
    state = parse_qs(urlsplit(picker).query)["state"][0]
    back = requests.get(descope_emulator.url("/emulator/authorize/complete"), timeout=10,
                        params={"state": state, "loginId": "gia@x.io"}, allow_redirects=False)
    query = parse_qs(urlsplit(back.headers["location"]).query)
    assert query["descope-login-flow"] == [f"{shown['executionId']}_{shown['stepId']}"]
    done = _next(descope_emulator, shown, "submit", {"exchangeCode": query["code"][0]})
    assert done["status"] == "completed"
    claims = jwt.decode(done["authInfo"]["sessionJwt"], options={"verify_signature": False})
    assert claims["amr"] == ["oauth"] and done["authInfo"]["user"]["loginIds"] == ["gia@x.io"]


def test_identity_providers_do_not_step_up(descope_emulator: Any) -> None:
    session = descope_emulator.sign_in("up@x.io")
    refused = _start(descope_emulator, "google", {}, flow="step-up",
                     refresh=session["refreshJwt"])
    assert refused["action"] == "screen" and "step up" in refused["screen"]["state"]["errorText"]


def test_totp_after_the_password(descope_emulator: Any) -> None:
    signed = _post(descope_emulator, "/v1/auth/password/signup",
                   {"loginId": "tt@x.io", "password": "Long-password-42"})
    key = _post(descope_emulator, "/v1/auth/totp/update", {"loginId": "tt@x.io"},
                signed["refreshJwt"])["key"]
    shown = _start(descope_emulator, "password", {"email": "tt@x.io"}, flow="sign-in")
    asked = _next(descope_emulator, shown, "password-sign-in",
                  {"email": "tt@x.io", "password": "Long-password-42"})
    assert asked["screen"]["id"] == "totp-code" and asked["status"] == "waiting"
    good = totp_code(key, time.time())
    wrong = _next(descope_emulator, asked, "totp-submit",
                  {"code": "000000" if good != "000000" else "111111"})
    assert wrong["screen"]["state"]["errorText"] == "Wrong code"
    done = _next(descope_emulator, wrong, "totp-submit", {"code": totp_code(key, time.time())})
    claims = jwt.decode(done["authInfo"]["sessionJwt"], options={"verify_signature": False})
    assert claims["amr"] == ["pwd", "totp", "mfa"]
