"""What a fresh Descope project has before anyone configures it: the role ``Tenant Admin``
with the permissions ``User Admin``, ``SSO Admin`` and ``Impersonate``, and the default
flows (``sign-up-or-in``, ``sign-up``, ``sign-in``, ``step-up``, ``update-user``). They can be
edited, renamed and deleted like anything else; a reset brings them back."""

from __future__ import annotations

from typing import Any

from ..state import Emulator
from ..storage import new_id
from . import flow_runs

DEFAULT_PERMISSIONS: tuple[tuple[str, str], ...] = (
    ("User Admin", "Read and modify user data"),
    ("SSO Admin", "Read and modify SSO configuration"),
    ("Impersonate", "Act on behalf of another user"),
)
TENANT_ADMIN = "Tenant Admin"
DEFAULT_FLOWS: tuple[tuple[str, str], ...] = (
    ("sign-up-or-in", "Sign Up or In"),
    ("sign-up", "Sign Up"),
    ("sign-in", "Sign In"),
    ("step-up", "Step Up"),
    ("update-user", "Update User"),
)


def default_flow(flow_id: str, name: str) -> dict[str, Any]:
    """A valid flow document for a default flow (its contents are not visible to the SDKs).
    The sign-in flows hold the steps the emulator runs (flow_runs.py: OTP by email)."""
    kind = flow_runs.SIGN_IN_KINDS.get(flow_id)
    steps: list[Any] = flow_runs.sign_in_steps(kind) if kind else ["welcome", "end"]
    return {
        "id": flow_id,
        "flow": {"id": flow_id, "name": name, "description": "", "disabled": False,
                 "version": 1, "dsl": {"start": "welcome", "steps": steps}},
        "screens": [{"id": f"{flow_id}-welcome", "flowId": flow_id, "title": name}],
    }


def seed(e: Emulator) -> None:
    """Add the fresh-project defaults (what is already there stays as it is)."""
    with e.store.tx():
        for name, description in DEFAULT_PERMISSIONS:
            if e.store.permissions.get(name) is None:
                e.store.permissions.save({"name": name, "description": description,
                                          "systemDefault": True})
        if e.store.roles.get(TENANT_ADMIN) is None:
            e.store.roles.save({
                "id": new_id("RL", 12), "name": TENANT_ADMIN,
                "description": "Manages the users and the SSO configuration of a tenant",
                "permissionNames": [name for name, _ in DEFAULT_PERMISSIONS],
                "tenantId": "", "default": False, "private": False,
            })
        for flow_id, name in DEFAULT_FLOWS:
            if e.store.flows.get(flow_id) is None:
                e.store.flows.save(flow_id, default_flow(flow_id, name))
