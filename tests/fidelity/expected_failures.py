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
