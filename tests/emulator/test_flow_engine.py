"""The flow engine's extension points, exercised the way a method module uses them: a method
registers a screen and its interactions (here a test method whose screen polls until another
request, like a link opened in another tab, completes the execution), and the web
component's calls (start, polling, next) behave as the component expects."""

from __future__ import annotations

from typing import Any

import requests

from descope_emulator.domain import flow_engine, passwords
from descope_emulator.domain.flow_content import SCREENS
from descope_emulator.domain.flow_engine import Run, Step

WAIT = "test-engine-wait"

flow_engine.screen(WAIT, "email-code-verify.html")


@flow_engine.on(flow_engine.START, "test-engine-wait")
def _wait(run: Run, given: dict[str, Any]) -> Step:
    run.take(given, "email")
    return run.show(WAIT)


@flow_engine.on(WAIT, flow_engine.POLLING)
def _still_waiting(run: Run, given: dict[str, Any]) -> Step:
    return run.poll()


@flow_engine.on(WAIT, "test-engine-confirm")
def _confirm(run: Run, given: dict[str, Any]) -> Step:
    email = str(run.ctx["email"])
    return run.complete(passwords.sign_up(run.e, email, "Long-enough-pass-1", {}), "test")


def _post(emu: Any, path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
    r = requests.post(emu.base_url + path, json=body, timeout=10,
                      headers={"Authorization": f"Bearer {emu.project_id}"})
    assert r.status_code == status, r.text
    out: dict[str, Any] = r.json()
    return out


def test_polling_screen_learns_of_a_completion_elsewhere(descope_emulator: Any) -> None:
    shown = _post(descope_emulator, "/v1/flow/start", {
        "flowId": "sign-up-or-in", "interactionId": "test-engine-wait",
        "input": {"email": "poll@x.io"}})
    assert shown["screen"]["id"] == WAIT and shown["action"] == "screen"
    ids = {"executionId": shown["executionId"], "stepId": shown["stepId"]}
    polled = _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "polling"})
    assert polled["action"] == "poll" and polled["stepId"] == shown["stepId"]  # same step
    again = _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "polling"})
    assert again["action"] == "poll"
    # "another tab": the same execution and step (as a link names them) completes it
    done = _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "test-engine-confirm"})
    assert done["status"] == "completed" and done["authInfo"]["user"]["loginIds"] == ["poll@x.io"]
    learned = _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "polling"})
    assert learned["status"] == "completed"
    assert learned["authInfo"]["user"]["userId"] == done["authInfo"]["user"]["userId"]
    once = _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "polling"},
                 status=400)  # told once; after that the execution is over
    assert once["errorCode"] == "E101105"


def test_unknown_interaction_and_malformed_input_are_http_errors(descope_emulator: Any) -> None:
    shown = _post(descope_emulator, "/v1/flow/start", {"flowId": "sign-up-or-in"})
    ids = {"executionId": shown["executionId"], "stepId": shown["stepId"]}
    _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "no-such-button"},
          status=400)
    _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "email-code",
                                              "input": {"email": ["a@x.io"]}}, status=400)
    _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "email-code",
                                              "input": "email"}, status=400)
    ok = _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "email-code",
                                                   "input": {"email": "fine@x.io"}})
    assert ok["screen"]["id"] == "email-code-verify"
    assert ok["screen"]["state"]["maskedEmail"].endswith("@x.io")


def test_every_registered_screen_has_its_file() -> None:
    for item in flow_engine.REGISTRY.screens.values():
        assert (SCREENS / item.file).is_file(), item
    for section in flow_engine.REGISTRY.sections.values():
        assert (SCREENS / section.file).is_file(), section


@flow_engine.on(flow_engine.START, "test-engine-where")
def _where(run: Run, given: dict[str, Any]) -> Step:
    return run.show(WAIT, redirect=run.redirect_url, base=run.base_url)


def test_a_method_knows_where_to_send_the_browser_back(descope_emulator: Any) -> None:
    emu = descope_emulator
    auth = {"Authorization": f"Bearer {emu.project_id}"}
    body = {"flowId": "sign-up-or-in", "interactionId": "test-engine-where"}
    for headers, options, redirect in (
            ({"Origin": "http://localhost:5173"}, {}, "http://localhost:5173"),
            ({"Origin": "http://localhost:5173"}, {"redirectUrl": "http://localhost:5173/cb"},
             "http://localhost:5173/cb"),
            ({}, {}, "")):
        r = requests.post(emu.base_url + "/v1/flow/start", json={**body, "options": options},
                          headers={**auth, **headers}, timeout=10)
        state = r.json()["screen"]["state"]
        assert state["redirect"] == redirect and state["base"] == emu.base_url


def test_a_phone_number_that_is_not_one_is_refused_on_the_screen(descope_emulator: Any) -> None:
    phone = _post(descope_emulator, "/v1/flow/start", {"flowId": "sign-up-or-in",
                                                        "interactionId": "use-phone"})
    assert phone["screen"]["id"] == "sms-phone"
    ids = {"executionId": phone["executionId"], "stepId": phone["stepId"]}
    refused = _post(descope_emulator, "/v1/flow/next", {**ids, "interactionId": "sms-code",
                                                        "input": {"phone": "call me"}})
    assert refused["screen"]["id"] == "sms-phone"
    assert "country code" in refused["screen"]["state"]["errorText"]
    sent = _post(descope_emulator, "/v1/flow/next", {
        "executionId": refused["executionId"], "stepId": refused["stepId"],
        "interactionId": "sms-code", "input": {"phone": "+1 (555) 000-1234"}})
    assert sent["screen"]["id"] == "sms-code-verify"
    assert descope_emulator.outbox("+15550001234")[0]["code"]
