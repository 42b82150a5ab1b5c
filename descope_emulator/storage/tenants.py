"""Tenant documents."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps


class Tenants(Queries):
    """The ``tenants`` table."""

    def get(self, tenant_id: str) -> dict[str, Any] | None:
        """The tenant with this id, or None."""
        return self.db.document("SELECT data FROM tenants WHERE id=?", (tenant_id,))

    def by_id_or_name(self, ref: str) -> dict[str, Any] | None:
        """The tenant whose id (preferred) or name is ``ref``, or None."""
        return self.db.document(
            "SELECT data FROM tenants WHERE id=? OR name=? ORDER BY id=? DESC LIMIT 1",
            (ref, ref, ref),
        )

    def save(self, tenant: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace a tenant document."""
        tenant.setdefault("createdTime", int(time.time()))
        self.db.execute(
            "INSERT INTO tenants(id, name, data, created) VALUES(?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name=excluded.name, data=excluded.data",
            (tenant["id"], tenant["name"], dumps(tenant), time.time()),
        )
        return tenant

    def delete(self, tenant_id: str) -> bool:
        """Delete a tenant (its roles go too); False when there was none."""
        with self.db.tx() as conn:
            conn.execute("DELETE FROM roles WHERE tenant_id=?", (tenant_id,))
            return conn.execute("DELETE FROM tenants WHERE id=?", (tenant_id,)).rowcount > 0

    def all(self) -> list[dict[str, Any]]:
        """Every tenant, oldest first."""
        return self.db.documents("SELECT data FROM tenants ORDER BY created")
