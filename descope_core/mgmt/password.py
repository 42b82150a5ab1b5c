"""`client.mgmt.password`: the project's and each tenant's password policy."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_dict, check_str, invalid


class PasswordSettings(MgmtArea[M]):
    __slots__ = ()

    @api
    def get_settings(self, tenant_id: str = "") -> Call[dict[str, Any]]:
        """The password policy of a tenant, or of the project when `tenant_id` is empty.

        Args:
            tenant_id: the tenant's id.

        Returns:
            `{"enabled", "minLength", "lowercase", "uppercase", "number", "nonAlphanumeric",
            "expiration", "expirationWeeks", "reuse", "reuseAmount", "lock", "lockAttempts"}`.

        Raises:
            AuthException: `tenant_id` is not a string (nothing is sent), unknown tenant, or
            refused.
        """
        return self._get("/v1/mgmt/password/settings", tenantId=check_str(tenant_id, "tenant_id"))

    @api
    def configure_settings(self, tenant_id: str, settings: dict[str, Any]) -> Call[None]:
        """Change a tenant's (or, with an empty `tenant_id`, the project's) password policy.

        Args:
            tenant_id: the tenant, or `""` for the project.
            settings: the keys `get_settings` answers that should change.

        Raises:
            AuthException: a bad argument (nothing is sent), an unknown key, or refused.
        """
        body = check_dict(settings, "settings")
        if body is None:
            invalid("settings must be a dict")
        return self._post(
            "/v1/mgmt/password/settings", {"tenantId": check_str(tenant_id, "tenant_id"), **body}
        ).map(discard)
