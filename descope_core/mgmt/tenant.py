"""`client.mgmt.tenant`."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_bool,
    check_dict,
    check_id,
    check_int,
    check_opt_bool,
    check_opt_str,
    check_str,
    check_str_list,
    invalid,
)
from .types import SessionExpirationUnit, SSOSetupSuiteSettings, TenantAuthType, enum_value


def _tenant_body(
    id: str | None,
    name: str,
    self_provisioning_domains: list[str] | None,
    custom_attributes: dict[str, Any] | None,
    enforce_sso: bool,
    enforce_sso_exclusions: list[str] | None,
    federated_app_ids: list[str] | None,
    disabled: bool,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": check_id(name, "name"),
        "id": id,
        "selfProvisioningDomains": check_str_list(
            self_provisioning_domains, "self_provisioning_domains", default_empty=True
        ),
        "enforceSSO": check_bool(enforce_sso, "enforce_sso"),
        "disabled": check_bool(disabled, "disabled"),
    }
    if custom_attributes is not None:
        body["customAttributes"] = check_dict(custom_attributes, "custom_attributes")
    if enforce_sso_exclusions is not None:
        body["enforceSSOExclusions"] = check_str_list(
            enforce_sso_exclusions, "enforce_sso_exclusions"
        )
    if federated_app_ids is not None:
        body["federatedAppIds"] = check_str_list(federated_app_ids, "federated_app_ids")
    return body


class Tenant(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(
        self,
        name: str,
        id: str | None = None,
        self_provisioning_domains: list[str] | None = None,
        custom_attributes: dict[str, Any] | None = None,
        enforce_sso: bool = False,
        enforce_sso_exclusions: list[str] | None = None,
        federated_app_ids: list[str] | None = None,
        disabled: bool = False,
    ) -> Call[dict[str, Any]]:
        """Create a tenant; returns `{"id": ...}`.

        Args:
            name: the tenant's name.
            id: the tenant's id.
            self_provisioning_domains: email domains whose users join the tenant on sign-up.
            custom_attributes: custom attribute values by name.
            enforce_sso: require SSO for the tenant's users.
            enforce_sso_exclusions: login ids exempt from `enforce_sso`.
            federated_app_ids: SSO applications the tenant federates.
            disabled: whether it is disabled.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if id is not None:
            check_opt_str(id, "id")
        body = _tenant_body(
            id,
            name,
            self_provisioning_domains,
            custom_attributes,
            enforce_sso,
            enforce_sso_exclusions,
            federated_app_ids,
            disabled,
        )
        return self._post("/v1/mgmt/tenant/create", body)

    @api
    def update(
        self,
        id: str,
        name: str,
        self_provisioning_domains: list[str] | None = None,
        custom_attributes: dict[str, Any] | None = None,
        enforce_sso: bool = False,
        enforce_sso_exclusions: list[str] | None = None,
        federated_app_ids: list[str] | None = None,
        disabled: bool = False,
    ) -> Call[None]:
        """Overwrite every field of a tenant.

        Args:
            id: the tenant's id.
            name: the tenant's name.
            self_provisioning_domains: email domains whose users join the tenant on sign-up.
            custom_attributes: custom attribute values by name.
            enforce_sso: require SSO for the tenant's users.
            enforce_sso_exclusions: login ids exempt from `enforce_sso`.
            federated_app_ids: SSO applications the tenant federates.
            disabled: whether it is disabled.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = _tenant_body(
            check_id(id, "id"),
            name,
            self_provisioning_domains,
            custom_attributes,
            enforce_sso,
            enforce_sso_exclusions,
            federated_app_ids,
            disabled,
        )
        return self._post("/v1/mgmt/tenant/update", body).map(discard)

    @api
    def delete(self, id: str, cascade: bool = False) -> Call[None]:
        """Delete a tenant; `cascade` also deletes users and keys only in this tenant.

        Args:
            id: the tenant's id.
            cascade: also delete users and keys only in this tenant.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/tenant/delete",
            {"id": check_id(id, "id"), "cascade": check_bool(cascade, "cascade")},
        ).map(discard)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load a tenant.

        Args:
            id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/tenant", id=check_id(id, "id"))

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        """Every tenant, as `{"tenants": [...]}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/tenant/all")

    @api
    def search_all(
        self,
        ids: list[str] | None = None,
        names: list[str] | None = None,
        self_provisioning_domains: list[str] | None = None,
        custom_attributes: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """Tenants matching every given filter, as `{"tenants": [...]}`.

        Args:
            ids: the tenants' ids.
            names: names.
            self_provisioning_domains: email domains whose users join the tenant on sign-up.
            custom_attributes: custom attribute values by name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {
            "tenantIds": check_str_list(ids, "ids"),
            "tenantNames": check_str_list(names, "names"),
            "tenantSelfProvisioningDomains": check_str_list(
                self_provisioning_domains, "self_provisioning_domains"
            ),
            "customAttributes": check_dict(custom_attributes, "custom_attributes"),
        }
        return self._post("/v1/mgmt/tenant/search", body)

    @api
    def patch_tenant(
        self,
        id: str,
        name: str | None = None,
        self_provisioning_domains: list[str] | None = None,
        custom_attributes: dict[str, Any] | None = None,
        disabled: bool | None = None,
        enforce_sso: bool | None = None,
        enforce_sso_exclusions: list[str] | None = None,
        federated_app_ids: list[str] | None = None,
        role_inheritance: str | None = None,
    ) -> Call[None]:
        """Change only the given fields of a tenant.

        Args:
            id: the tenant's id.
            name: the tenant's name.
            self_provisioning_domains: email domains whose users join the tenant on sign-up.
            custom_attributes: custom attribute values by name.
            disabled: whether it is disabled.
            enforce_sso: require SSO for the tenant's users.
            enforce_sso_exclusions: login ids exempt from `enforce_sso`.
            federated_app_ids: SSO applications the tenant federates.
            role_inheritance: how tenant roles inherit ("userOnly", ...).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"id": check_id(id, "id")}
        if name is not None:
            body["name"] = check_id(name, "name")
        if self_provisioning_domains is not None:
            body["selfProvisioningDomains"] = check_str_list(
                self_provisioning_domains, "self_provisioning_domains"
            )
        if custom_attributes is not None:
            body["customAttributes"] = check_dict(custom_attributes, "custom_attributes")
        if disabled is not None:
            body["disabled"] = check_bool(disabled, "disabled")
        if enforce_sso is not None:
            body["enforceSSO"] = check_bool(enforce_sso, "enforce_sso")
        if enforce_sso_exclusions is not None:
            body["enforceSSOExclusions"] = check_str_list(
                enforce_sso_exclusions, "enforce_sso_exclusions"
            )
        if federated_app_ids is not None:
            body["federatedAppIds"] = check_str_list(federated_app_ids, "federated_app_ids")
        if role_inheritance is not None:
            body["roleInheritance"] = check_str(role_inheritance, "role_inheritance")
        return self._patch("/v1/mgmt/tenant/patch", body).map(discard)

    @api
    def update_settings(
        self,
        id: str,
        self_provisioning_domains: list[str],
        domains: list[str] | None = None,
        auth_type: TenantAuthType | str | None = None,
        session_settings_enabled: bool | None = None,
        refresh_token_expiration: int | None = None,
        refresh_token_expiration_unit: SessionExpirationUnit | str | None = None,
        session_token_expiration: int | None = None,
        session_token_expiration_unit: SessionExpirationUnit | str | None = None,
        stepup_token_expiration: int | None = None,
        stepup_token_expiration_unit: SessionExpirationUnit | str | None = None,
        enable_inactivity: bool | None = None,
        inactivity_time: int | None = None,
        inactivity_time_unit: SessionExpirationUnit | str | None = None,
        JITDisabled: bool | None = None,  # noqa: N803 - the official SDK's name
        sso_setup_suite_settings: SSOSetupSuiteSettings | None = None,
        enforce_sso: bool | None = None,
        enforce_sso_exclusions: list[str] | None = None,
        federated_app_ids: list[str] | None = None,
    ) -> Call[None]:
        """Set a tenant's session and SSO settings (only the given ones change).

        Args:
            id: the tenant.
            self_provisioning_domains: email domains whose users join the tenant.
            domains: email domains routed to the tenant's SSO.
            auth_type: `saml`, `oidc` or `none` (the enum or its value).
            session_settings_enabled: use these session settings instead of the project's.
            refresh_token_expiration, refresh_token_expiration_unit,
                session_token_expiration, session_token_expiration_unit,
                stepup_token_expiration, stepup_token_expiration_unit: token lifetimes
                and their units (`minutes`, `hours`, `days`, `weeks`).
            enable_inactivity, inactivity_time, inactivity_time_unit: sign out after
                this long without activity.
            JITDisabled: do not create users on their first SSO sign-in.
            sso_setup_suite_settings: the self-service SSO setup suite.
            enforce_sso: require SSO for the tenant's users.
            enforce_sso_exclusions: login ids exempt from `enforce_sso`.
            federated_app_ids: SSO applications the tenant federates.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if sso_setup_suite_settings is not None and not isinstance(
            sso_setup_suite_settings, SSOSetupSuiteSettings
        ):
            invalid("sso_setup_suite_settings must be a SSOSetupSuiteSettings")
        if self_provisioning_domains is None:
            invalid("self_provisioning_domains must be a list of strings")
        fields: dict[str, Any] = {
            "tenantId": check_id(id, "id"),
            "selfProvisioningDomains": check_str_list(
                self_provisioning_domains, "self_provisioning_domains"
            ),
            "domains": check_str_list(domains, "domains"),
            "authType": enum_value(auth_type, TenantAuthType, "auth_type"),
            "enabled": check_opt_bool(session_settings_enabled, "session_settings_enabled"),
            "refreshTokenExpiration": _opt_int(refresh_token_expiration, "refresh_token_expiration"),
            "refreshTokenExpirationUnit": _unit(refresh_token_expiration_unit, "refresh_token_expiration_unit"),
            "sessionTokenExpiration": _opt_int(session_token_expiration, "session_token_expiration"),
            "sessionTokenExpirationUnit": _unit(session_token_expiration_unit, "session_token_expiration_unit"),
            "stepupTokenExpiration": _opt_int(stepup_token_expiration, "stepup_token_expiration"),
            "stepupTokenExpirationUnit": _unit(stepup_token_expiration_unit, "stepup_token_expiration_unit"),
            "enableInactivity": check_opt_bool(enable_inactivity, "enable_inactivity"),
            "inactivityTime": _opt_int(inactivity_time, "inactivity_time"),
            "inactivityTimeUnit": _unit(inactivity_time_unit, "inactivity_time_unit"),
            "JITDisabled": check_opt_bool(JITDisabled, "JITDisabled"),
            "ssoSetupSuiteSettings": (
                sso_setup_suite_settings.to_dict() if sso_setup_suite_settings else None
            ),
            "enforceSSO": check_opt_bool(enforce_sso, "enforce_sso"),
            "enforceSSOExclusions": check_str_list(enforce_sso_exclusions, "enforce_sso_exclusions"),
            "federatedAppIds": check_str_list(federated_app_ids, "federated_app_ids"),
        }
        body = {k: v for k, v in fields.items() if v is not None}
        return self._post("/v1/mgmt/tenant/settings", body).map(discard)

    @api
    def load_settings(self, id: str) -> Call[dict[str, Any]]:
        """A tenant's session and SSO settings (the keys `update_settings` sends).

        Args:
            id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/tenant/settings", id=check_id(id, "id"))

    @api
    def update_default_roles(self, tenant_id: str, role_names: list[str]) -> Call[None]:
        """The roles every new user of the tenant gets.

        Args:
            tenant_id: the tenant's id.
            role_names: role names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if role_names is None:
            invalid("role_names must be a list of strings")
        return self._post(
            "/v1/mgmt/tenant/updateDefaultRoles",
            {
                "id": check_id(tenant_id, "tenant_id"),
                "defaultRoles": check_str_list(role_names, "role_names"),
            },
        ).map(discard)

    @api
    def generate_sso_configuration_link(
        self,
        tenant_id: str,
        expire_time: int | None = None,
        email: str | None = None,
        sso_id: str | None = None,
        actor_id: str | None = None,
    ) -> Call[str]:
        """A link to the self-service SSO setup of the tenant, for its admin.

        Args:
            tenant_id: the tenant's id.
            expire_time: the link's lifetime (seconds).
            email: send the link to this address.
            sso_id: the SSO configuration to set up (default: the tenant's).
            actor_id: who asked for it (for the audit trail).

        Returns:
            The link.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"tenantId": check_id(tenant_id, "tenant_id")}
        if expire_time is not None:
            body["expireTime"] = check_int(expire_time, "expire_time")
        if email is not None:
            body["email"] = check_str(email, "email")
        if sso_id is not None:
            body["ssoId"] = check_str(sso_id, "sso_id")
        if actor_id is not None:
            body["actorId"] = check_str(actor_id, "actor_id")
        return self._post("/v2/mgmt/tenant/adminlinks/sso/generate", body).map(_admin_link)

    @api
    def revoke_sso_configuration_link(self, tenant_id: str, sso_id: str | None = None) -> Call[None]:
        """Invalidate the tenant's SSO setup links.

        Args:
            tenant_id: the tenant's id.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"tenantId": check_id(tenant_id, "tenant_id")}
        if sso_id is not None:
            body["ssoId"] = check_str(sso_id, "sso_id")
        return self._post("/v1/mgmt/tenant/adminlinks/sso/revoke", body).map(discard)


def _opt_int(value: Any, name: str) -> int | None:
    return None if value is None else check_int(value, name)


def _unit(value: Any, name: str) -> str | None:
    return enum_value(value, SessionExpirationUnit, name)


def _admin_link(data: dict[str, Any]) -> str:
    return str(data.get("adminSSOConfigurationLink", ""))
