"""Running flows end to end through the emulator: management runs (sync, and async with
polling) of the default sign-in flows, and the interactive execution the Node SDK drives
(/v1/flow/start, /v1/flow/next): screen, code by email, session."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

from descope_core import AuthException, DeliveryMethod
from descope_core.mgmt.types import FlowRunOptions


def _test_user_code(mgmt: Any, login_id: str) -> str:
    mgmt.user.create_test_user(login_id, email=login_id)
    code: str = mgmt.user.generate_otp_for_test_user(DeliveryMethod.EMAIL, login_id)["code"]
    return code


def test_run_flow_signs_a_test_user_in(descope_client: Any, mgmt: Any) -> None:
    code = _test_user_code(mgmt, "t1@x.io")
    resp = mgmt.flow.run_flow("sign-in", FlowRunOptions(flow_input={"email": "t1@x.io",
                                                                    "code": code}))
    assert resp["status"] == "completed"
    out = resp["output"]
    assert out["loginId"] == "t1@x.io" and out["user"]["loginIds"] == ["t1@x.io"]
    session = descope_client.validate_session(out["sessionJwt"])
    assert session["userId"] == out["user"]["userId"] and session["amr"] == ["email"]
    descope_client.refresh_session(out["refreshJwt"])
    with pytest.raises(AuthException) as err:  # the generated code was used once
        mgmt.flow.run_flow("sign-in", {"input": {"email": "t1@x.io", "code": code}})
    assert err.value.status_code == 401


def test_run_flow_refusals(mgmt: Any) -> None:
    with pytest.raises(AuthException) as err:  # a management run shows no screens
        mgmt.flow.run_flow("sign-up-or-in", {"input": {"email": "new@x.io"}})
    assert err.value.status_code == 400 and "code" in str(err.value)
    with pytest.raises(AuthException) as err:
        mgmt.flow.run_flow("sign-in", {"input": {"email": "nobody@x.io", "code": "123456"}})
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:
        mgmt.flow.run_flow("no-such-flow")
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:  # not a flow the emulator can run
        mgmt.flow.run_flow("update-user", {"input": {"email": "a@x.io"}})
    assert err.value.status_code == 400
    flow = mgmt.flow.export_flow("sign-in")["flow"]
    mgmt.flow.import_flow("sign-in", {**flow, "disabled": True}, [])
    code = _test_user_code(mgmt, "t2@x.io")
    with pytest.raises(AuthException) as err:
        mgmt.flow.run_flow("sign-in", {"input": {"email": "t2@x.io", "code": code}})
    assert err.value.status_code == 400


def test_imported_flow_with_the_emulators_steps_runs(mgmt: Any) -> None:
    steps = [{"id": "ask", "type": "screen", "inputs": ["email", "code"], "interaction": "go"},
             {"id": "send", "type": "otp", "kind": "signin"},
             {"id": "check", "type": "verify-otp"}]
    mgmt.flow.import_flow("custom-login", {"id": "custom-login", "dsl": {"steps": steps}}, [])
    code = _test_user_code(mgmt, "t3@x.io")
    out = mgmt.flow.run_flow("custom-login", {"input": {"email": "t3@x.io", "code": code}})
    assert out["output"]["user"]["loginIds"] == ["t3@x.io"]


def _poll(mgmt: Any, execution_id: str) -> tuple[list[str], dict[str, Any]]:
    seen = []
    for _ in range(500):
        result: dict[str, Any] = mgmt.flow.get_flow_async_result(execution_id)
        seen.append(result["status"])
        if result["status"] != "running":
            return seen, result
        time.sleep(0.01)
    raise AssertionError(f"the run never ended: {seen[-3:]}")


def test_async_run_is_polled_until_done(mgmt: Any) -> None:
    code = _test_user_code(mgmt, "t4@x.io")
    started = mgmt.flow.run_flow_async("sign-in", {"input": {"email": "t4@x.io", "code": code}})
    statuses, result = _poll(mgmt, started["executionId"])
    assert set(statuses[:-1]) <= {"running"} and result["status"] == "completed"
    assert result["executionId"] == started["executionId"]
    assert result["output"]["user"]["loginIds"] == ["t4@x.io"]
    failed = mgmt.flow.run_flow_async("sign-in", {"input": {"email": "t4@x.io"}})
    _, result = _poll(mgmt, failed["executionId"])
    assert result["status"] == "failed" and result["error"]["code"] == "E101104"
    with pytest.raises(AuthException) as err:
        mgmt.flow.get_flow_async_result("unknown-execution")
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:  # refused at once, not later
        mgmt.flow.run_flow_async("no-such-flow")
    assert err.value.status_code == 404


class _Flow:
    """Drives /v1/flow/start and /v1/flow/next as the Node SDK does."""

    def __init__(self, emu: Any) -> None:
        self.emu = emu
        self.auth = {"Authorization": f"Bearer {emu.project_id}"}

    def post(self, path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        r = requests.post(self.emu.base_url + path, json=body, headers=self.auth, timeout=10)
        assert r.status_code == status, r.text
        data: dict[str, Any] = r.json()
        return data

    def next(self, step: dict[str, Any], values: dict[str, Any],
             status: int = 200) -> dict[str, Any]:
        return self.post("/v1/flow/next", {
            "executionId": step["executionId"], "stepId": step["stepId"],
            "interactionId": "submit", "input": values}, status)


def test_interactive_sign_up_or_in_by_email_code(descope_emulator: Any,
                                                  descope_client: Any) -> None:
    flow = _Flow(descope_emulator)
    first = flow.post("/v1/flow/start", {"flowId": "sign-up-or-in"})
    assert first["status"] == "waiting" and first["action"] == "screen"
    assert first["stepName"] == "sign-up-or-in" and first["screen"]["id"] == "sign-up-or-in"
    second = flow.next(first, {"email": "fresh@x.io"})
    assert second["stepName"] == "email-code-verify" and second["stepId"] != first["stepId"]
    assert second["screen"]["state"]["maskedEmail"].endswith("@x.io")
    code = descope_emulator.outbox("fresh@x.io")[0]["code"]
    flow.next(first, {"email": "again@x.io"}, status=400)  # a step is submitted once
    wrong = flow.next(second, {"code": "000000" if code != "000000" else "111111"})
    assert wrong["stepName"] == "email-code-verify" and wrong["error"]["code"] == "E061102"
    assert wrong["screen"]["state"]["errorText"] == "Wrong code"  # what the screen shows
    done = flow.next(wrong, {"code": code})
    assert done["status"] == "completed" and done["action"] == "none"
    auth = done["authInfo"]
    assert auth["firstSeen"] is True and auth["user"]["loginIds"] == ["fresh@x.io"]
    assert descope_client.refresh_session(auth["refreshJwt"])["sessionToken"]["amr"] == ["email"]
    replay = flow.next({**done, "stepId": wrong["stepId"]}, {"code": code}, status=400)
    assert replay["errorCode"] == "E101105"  # it is over


def test_interactive_refusals(descope_emulator: Any) -> None:
    flow = _Flow(descope_emulator)
    first = flow.post("/v1/flow/start", {"flowId": "sign-in", "input": {"email": "who@x.io"}})
    assert first["screen"]["state"] == {"inputs": {"email": "who@x.io"}}  # prefilled
    back = flow.next(first, {"email": "who@x.io"})  # unknown user: the screen again
    assert back["stepName"] == "sign-in" and back["error"]["code"] == "E062108"
    flow.post("/v1/flow/next", {"executionId": back["executionId"], "stepId": back["stepId"],
                                "interactionId": "cancel", "input": {}}, status=400)
    flow.next(back, {}, status=400)  # the screen's input is missing
    flow.post("/v1/flow/start", {"flowId": "no-such-flow"}, status=404)
    flow.post("/v1/flow/start", {"flowId": "step-up"}, status=401)  # needs a session
    flow.post("/v1/flow/start", {"flowId": 3}, status=400)
    r = requests.post(descope_emulator.base_url + "/v1/flow/start",
                      json={"flowId": "sign-in"}, timeout=10)
    assert r.status_code == 401


def test_a_run_for_a_tenant_selects_it(descope_client: Any, mgmt: Any) -> None:
    mgmt.tenant.create("Acme", id="t-acme")
    mgmt.tenant.create("Other", id="t-other")
    code = _test_user_code(mgmt, "t5@x.io")
    mgmt.user.add_tenant("t5@x.io", "t-acme")
    mgmt.user.add_tenant("t5@x.io", "t-other")
    out = mgmt.flow.run_flow("sign-in", FlowRunOptions(
        flow_input={"email": "t5@x.io", "code": code}, tenant="t-acme"))["output"]
    assert descope_client.validate_session(out["sessionJwt"])["dct"] == "t-acme"
    with pytest.raises(AuthException) as err:
        mgmt.flow.run_flow("sign-in", FlowRunOptions(flow_input={}, tenant="no-such"))
    assert err.value.status_code == 404
