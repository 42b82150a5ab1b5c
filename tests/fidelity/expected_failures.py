"""The official-client checks expected to fail today, each with its reason: calls the emulator does
not serve yet (issue 12, parity), Node-only calls (issue 13) and differences from a real project.
The marks are strict: a call that starts to pass fails its check until its entry here is removed,
so this list is always exactly what does not work yet.
"""

from __future__ import annotations

PARITY = "issue 12 (parity)"
FIDELITY = "issue 13 (fidelity)"

#: Python SDK calls (sync and async) expected to fail: call -> what is missing
_PYTHON: dict[str, str] = {
}

#: Node SDK checks expected to fail: call -> what is missing
_NODE: dict[str, str] = {
    'notp.signIn': 'POST /v1/auth/notp/whatsapp/signin not served (a Node-only call, no issue covers it yet)',
    'notp.signUp': 'POST /v1/auth/notp/whatsapp/signup not served (a Node-only call, no issue covers it yet)',
    'notp.signUpOrIn': 'POST /v1/auth/notp/whatsapp/signup-in not served (a Node-only call, no issue covers it yet)',
    'notp.waitForSession': 'POST /v1/auth/notp/whatsapp/signup-in not served (a Node-only call, no issue covers it yet)',
    'oauth.exchangeOneTapIDToken': 'POST /v1/auth/onetap/idtoken/exchange not served (a Node-only call, no issue covers it yet)',
    'oauth.finishNative': 'POST /v1/auth/oauth/native/finish not served (a Node-only call, no issue covers it yet)',
    'oauth.getOneTapClientId': 'GET /v1/auth/onetap/clientid/google not served (a Node-only call, no issue covers it yet)',
    'oauth.startNative': 'POST /v1/auth/oauth/native/start not served (a Node-only call, no issue covers it yet)',
    'oauth.verifyOneTapIDToken': 'POST /v1/auth/onetap/idtoken/verify not served (a Node-only call, no issue covers it yet)',
    'otp.signIn.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'otp.signUp.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'otp.signUpOrIn.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'otp.verify.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'outbound.connect': 'POST /v1/mgmt/outbound/app/create not served yet',
}


def reason(call: str) -> str | None:
    """Why the Python SDK check ``call`` ("mgmt.user.create") is expected to fail, or None."""
    gap = _PYTHON.get(call)
    return f"{call}: {gap}" if gap else None


def node_reason(call: str) -> str | None:
    """Why the Node SDK check ``call`` ("management.user.create", "otp.signIn.sms") is expected to
    fail, or None."""
    gap = _NODE.get(call)
    return f"{call}: {gap}" if gap else None
