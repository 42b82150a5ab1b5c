"""JSON records by kind: the storage of areas whose objects are documents found by id.

A new area whose objects need no query beyond "by id", "all of a kind" and a filter in
Python takes a kind name here instead of a table of its own and adds it to ``KINDS``; the
project file (domain/project_file.py) then exports and imports its records with no code of
its own.
"""

from __future__ import annotations

import time
from typing import Any

from .database import Queries, dumps, loads

ENGINE = "engine"
LIST = "list"
MANAGEMENT_KEY = "management_key"
OUTBOUND_APP = "outbound_app"
OUTBOUND_TOKEN = "outbound_token"
OUTBOUND_SCIM = "outbound_scim"
THIRD_PARTY_APP = "third_party_app"
THIRD_PARTY_CONSENT = "third_party_consent"
DESCOPER = "descoper"
FAMILY = "family"
FAMILY_SETTINGS = "family_settings"
FAMILY_ATTRIBUTE = "family_attribute"
# jwt-flow: audit webhooks (by name), JWT templates (by id)
AUDIT_WEBHOOK = "audit_webhook"
JWT_TEMPLATE = "jwt_template"
FGA_RESOURCE_DETAILS = "fga_resource_details"  # fga-ids: display details of FGA resources
# user custom attribute definitions: project-wide and family-scoped (user-ext)
USER_ATTRIBUTE = "user_attribute"
USER_FAMILY_ATTRIBUTE = "user_family_attribute"
# tenants and SSO: tenant session settings, named SSO configurations and their
# cross-app access settings (id: sso.config_key), SSO setup links (id: token hash)
TENANT_SETTINGS = "tenant_settings"
SSO_CONFIG = "sso_config"
SSO_XAA = "sso_xaa"
SSO_SETUP_LINK = "sso_setup_link"

KINDS: frozenset[str] = frozenset({
    ENGINE, LIST, MANAGEMENT_KEY, OUTBOUND_APP, OUTBOUND_TOKEN, OUTBOUND_SCIM,
    THIRD_PARTY_APP, THIRD_PARTY_CONSENT, DESCOPER, FAMILY,
    FAMILY_SETTINGS, FAMILY_ATTRIBUTE,
    AUDIT_WEBHOOK, JWT_TEMPLATE,
    FGA_RESOURCE_DETAILS,
    USER_ATTRIBUTE, USER_FAMILY_ATTRIBUTE,
    TENANT_SETTINGS, SSO_CONFIG, SSO_XAA, SSO_SETUP_LINK,
})


class Records(Queries):
    """The ``records`` table: ``(kind, id) -> JSON document``."""

    def get(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """The record, or None."""
        return self.db.document(
            "SELECT data FROM records WHERE kind=? AND id=?", (kind, record_id))

    def save(self, kind: str, record_id: str, data: dict[str, Any]) -> None:
        """Insert or replace a record (its creation time is kept on replace)."""
        self.db.execute(
            "INSERT INTO records(kind, id, data, created) VALUES(?, ?, ?, ?) "
            "ON CONFLICT(kind, id) DO UPDATE SET data=excluded.data",
            (kind, record_id, dumps(data), time.time()),
        )

    def delete(self, kind: str, record_id: str) -> bool:
        """Delete a record; False when there was none."""
        return self.db.execute(
            "DELETE FROM records WHERE kind=? AND id=?", (kind, record_id)) > 0

    def all(self, kind: str) -> list[dict[str, Any]]:
        """Every record of a kind, oldest first."""
        return self.db.documents(
            "SELECT data FROM records WHERE kind=? ORDER BY created, id", (kind,))

    def delete_all(self, kind: str) -> int:
        """Delete every record of a kind; how many there were."""
        return self.db.execute("DELETE FROM records WHERE kind=?", (kind,))

    def kinds(self) -> list[str]:
        """The kinds that have at least one record, sorted."""
        return [row["kind"] for row in self.db.query(
            "SELECT DISTINCT kind FROM records ORDER BY kind")]

    def entries(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        """Every ``(id, record)`` of a kind, oldest first."""
        return [(row["id"], loads(row["data"])) for row in self.db.query(
            "SELECT id, data FROM records WHERE kind=? ORDER BY created, id", (kind,))]

    def restore(self, kind: str, entries: list[tuple[str, dict[str, Any]]]) -> None:
        """Insert records in the given order (the order ``entries`` then returns)."""
        base = time.time()
        for index, (record_id, data) in enumerate(entries):
            self.db.execute(
                "INSERT OR REPLACE INTO records(kind, id, data, created) VALUES(?, ?, ?, ?)",
                (kind, record_id, dumps(data), base - len(entries) + index))
