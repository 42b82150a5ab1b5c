"""SSO application documents (Descope as the IdP)."""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps


class SsoApplications(Queries):
    """The ``sso_apps`` table."""

    def get(self, app_id: str) -> dict[str, Any] | None:
        """The application, or None."""
        return self.db.document("SELECT data FROM sso_apps WHERE id=?", (app_id,))

    def save(self, app: dict[str, Any]) -> None:
        """Insert or replace an application."""
        self.db.execute(
            "INSERT INTO sso_apps(id, data, created) VALUES(?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data=excluded.data",
            (app["id"], dumps(app), time.time()),
        )

    def delete(self, app_id: str) -> bool:
        """Delete an application; False when there was none."""
        return self.db.execute("DELETE FROM sso_apps WHERE id=?", (app_id,)) > 0

    def all(self) -> list[dict[str, Any]]:
        """Every application, oldest first."""
        return self.db.documents("SELECT data FROM sso_apps ORDER BY created")
