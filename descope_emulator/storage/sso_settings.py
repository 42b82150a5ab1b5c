"""Each tenant's SSO settings document (SAML / OIDC, domains, mappings)."""

from __future__ import annotations

from typing import Any

from .database import Queries, dumps, loads


class SsoSettings(Queries):
    """The ``sso_settings`` table."""

    def get(self, tenant_id: str) -> dict[str, Any] | None:
        """A tenant's settings, or None when never configured."""
        return self.db.document("SELECT data FROM sso_settings WHERE tenant_id=?", (tenant_id,))

    def save(self, tenant_id: str, data: dict[str, Any] | None) -> None:
        """Store a tenant's settings (None deletes them)."""
        if data is None:
            self.db.execute("DELETE FROM sso_settings WHERE tenant_id=?", (tenant_id,))
            return
        self.db.execute(
            "INSERT INTO sso_settings(tenant_id, data) VALUES(?, ?) "
            "ON CONFLICT(tenant_id) DO UPDATE SET data=excluded.data",
            (tenant_id, dumps(data)),
        )

    def all(self) -> dict[str, dict[str, Any]]:
        """Settings of every configured tenant, by tenant id."""
        return {
            r["tenant_id"]: dict(loads(r["data"]))
            for r in self.db.query("SELECT tenant_id, data FROM sso_settings")
        }
