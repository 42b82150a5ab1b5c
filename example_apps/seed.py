"""Seed the emulator with the demo data, through the management client only.

Idempotent: everything is looked up first and created only when missing, and the
passwords are set again on every run, so the demo can be restarted on the same
emulator database as often as you like.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from descope_core import DescopeClient
from descope_core.mgmt.types import AssociatedTenant

DEMO_TENANT_ID = "demo-co"
DEMO_TENANT_NAME = "Demo Co"
SECOND_TENANT_ID = "acme-labs"
SECOND_TENANT_NAME = "Acme Labs"

PERMISSIONS: dict[str, str] = {
    "reports:read": "Read the reports API",
    "users:manage": "Manage the users of a tenant",
}
ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "admin": ("Everything, including the admin page", ("reports:read", "users:manage")),
    "viewer": ("Read-only access", ("reports:read",)),
}


@dataclass(frozen=True)
class DemoUser:
    login_id: str
    name: str
    password: str
    roles: tuple[str, ...]
    tenants: dict[str, tuple[str, ...]] = field(default_factory=dict)


ADMIN = DemoUser(
    "admin@example.com",
    "Ada Admin",
    "Admin-Passw0rd!",
    ("admin",),
    {DEMO_TENANT_ID: ("admin",), SECOND_TENANT_ID: ("viewer",)},
)
VIEWER = DemoUser(
    "viewer@example.com",
    "Vic Viewer",
    "Viewer-Passw0rd!",
    ("viewer",),
    {DEMO_TENANT_ID: ("viewer",)},
)
DEMO_USERS: tuple[DemoUser, ...] = (ADMIN, VIEWER)


def seed(client: DescopeClient) -> None:
    """Create what is missing; never deletes anything."""
    mgmt = client.mgmt

    existing_tenants = {t.get("id") for t in mgmt.tenant.load_all().get("tenants", [])}
    for tenant_id, name in ((DEMO_TENANT_ID, DEMO_TENANT_NAME), (SECOND_TENANT_ID, SECOND_TENANT_NAME)):
        if tenant_id not in existing_tenants:
            mgmt.tenant.create(name=name, id=tenant_id)

    existing_permissions = {p.get("name") for p in mgmt.permission.load_all().get("permissions", [])}
    for name, description in PERMISSIONS.items():
        if name not in existing_permissions:
            mgmt.permission.create(name=name, description=description)

    existing_roles = {r.get("name") for r in mgmt.role.load_all().get("roles", [])}
    for name, (description, permissions) in ROLES.items():
        if name not in existing_roles:
            mgmt.role.create(name=name, description=description, permission_names=list(permissions))

    existing_users = {
        login_id
        for user in mgmt.user.search_all(limit=100).get("users", [])
        for login_id in user.get("loginIds", [])
    }
    for user in DEMO_USERS:
        if user.login_id not in existing_users:
            mgmt.user.create(
                login_id=user.login_id,
                email=user.login_id,
                display_name=user.name,
                role_names=list(user.roles),
                user_tenants=[AssociatedTenant(t, list(r)) for t, r in user.tenants.items()],
                verified_email=True,
            )
        mgmt.user.set_active_password(user.login_id, user.password)
