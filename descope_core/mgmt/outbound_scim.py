"""`client.mgmt.outbound_scim`: SCIM provisioning from Descope to an outbound application,
one configuration per app, with a version counter that guards updates."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_bool, check_dict, check_id, check_int


class OutboundSCIM(MgmtArea[M]):
    __slots__ = ()

    @api
    def create_configuration(
        self, app_id: str, configuration: dict[str, Any] | None = None
    ) -> Call[dict[str, Any]]:
        """Create the SCIM configuration of an outbound application (version 1, disabled).

        Args:
            app_id: the outbound application.
            configuration: the SCIM settings (an object passed through).

        Returns:
            `{"configuration": {appId, configuration, enabled, lastExportTime,
            lastProcessingTime, failures, version}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown app, one exists
                already (409), or refused.
        """
        body: dict[str, Any] = {"appId": check_id(app_id, "app_id")}
        if configuration is not None:
            body["configuration"] = check_dict(configuration, "configuration")
        return self._post("/v1/mgmt/outbound/scim/create", body)

    @api
    def update_configuration(
        self, app_id: str, version: int, configuration: dict[str, Any] | None = None
    ) -> Call[dict[str, Any]]:
        """Replace the SCIM settings, if `version` is the stored one (it then goes up).

        Args:
            app_id: the application's id.
            version: the version last read.
            configuration: the SCIM settings.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown app or configuration
                (404), a stale version (409), or refused.
        """
        body: dict[str, Any] = {
            "appId": check_id(app_id, "app_id"),
            "version": check_int(version, "version"),
        }
        if configuration is not None:
            body["configuration"] = check_dict(configuration, "configuration")
        return self._post("/v1/mgmt/outbound/scim/update", body)

    @api
    def delete_configuration(self, app_id: str) -> Call[None]:
        """Delete the SCIM configuration of an outbound application.

        Args:
            app_id: the application's id.

        Raises:
            AuthException: `app_id` is empty (nothing is sent), none exists, or refused.
        """
        return self._post(
            "/v1/mgmt/outbound/scim/delete", {"appId": check_id(app_id, "app_id")}
        ).map(discard)

    @api
    def load_configuration(self, app_id: str) -> Call[dict[str, Any]]:
        """The SCIM configuration of an outbound application, as `{"configuration"}`.

        Args:
            app_id: the application's id.

        Raises:
            AuthException: `app_id` is empty (nothing is sent), none exists, or refused.
        """
        return self._get(f"/v1/mgmt/outbound/scim/{check_id(app_id, 'app_id')}")

    @api
    def set_enabled(self, app_id: str, enabled: bool) -> Call[dict[str, Any]]:
        """Turn provisioning on or off (the version goes up).

        Args:
            app_id: the application's id.
            enabled: whether it is on.

        Raises:
            AuthException: a bad argument (nothing is sent), none exists, or refused.
        """
        body = {"appId": check_id(app_id, "app_id"), "enabled": check_bool(enabled, "enabled")}
        return self._post("/v1/mgmt/outbound/scim/enabled/set", body)
