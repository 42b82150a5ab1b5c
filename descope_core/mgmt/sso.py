"""`client.mgmt.sso`: a tenant's SSO (SAML / OIDC) settings."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_id,
    check_opt_bool,
    check_opt_str,
    check_str,
    check_str_list,
    invalid,
)
from .types import (
    AttributeMapping,
    RoleMapping,
    SSOOIDCSettings,
    SSOSAMLSettings,
    SSOSAMLSettingsByMetadata,
    TenantAuthType,
    XAAJWTBearerSettings,
    XAASettings,
    enum_value,
    fga_mappings_to_dict,
    role_mappings_to_list,
)


def _with_sso_id(body: dict[str, Any], sso_id: Any) -> dict[str, Any]:
    """Adds `ssoId` when one is given (an empty string counts as none, as in the SDK)."""
    if sso_id:
        body["ssoId"] = check_str(sso_id, "sso_id")
    elif sso_id is not None:
        check_str(sso_id, "sso_id")
    return body


def _tenant_query(tenant_id: Any, sso_id: Any) -> dict[str, Any]:
    return _with_sso_id({"tenantId": check_id(tenant_id, "tenant_id")}, sso_id)


class SSOSettings(MgmtArea[M]):
    __slots__ = ()

    @api
    def load_settings(self, tenant_id: str) -> Call[dict[str, Any]]:
        """A tenant's SSO configuration (the default one), SAML and OIDC.

        Args:
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v2/mgmt/sso/settings", tenantId=check_id(tenant_id, "tenant_id"))

    @api
    def configure_saml_settings(
        self,
        tenant_id: str,
        settings: SSOSAMLSettings,
        redirect_url: str | None = None,
        domains: list[str] | None = None,
    ) -> Call[None]:
        """Configure a tenant's SAML SSO with IdP details.

        Args:
            tenant_id: the tenant's id.
            settings: the SAML settings (`SSOSAMLSettings`).
            redirect_url: where the user lands afterwards.
            domains: email domains routed to this SSO configuration.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if not isinstance(settings, SSOSAMLSettings):
            invalid("settings must be a SSOSAMLSettings")
        return self._post(
            "/v1/mgmt/sso/saml",
            {
                "tenantId": check_id(tenant_id, "tenant_id"),
                "settings": settings.to_dict(),
                "redirectUrl": check_opt_str(redirect_url, "redirect_url"),
                "domains": check_str_list(domains, "domains"),
            },
        ).map(discard)

    @api
    def configure_saml_settings_by_metadata(
        self,
        tenant_id: str,
        settings: SSOSAMLSettingsByMetadata,
        redirect_url: str | None = None,
        domains: list[str] | None = None,
    ) -> Call[None]:
        """Configure a tenant's SAML SSO from the IdP's metadata URL.

        Args:
            tenant_id: the tenant's id.
            settings: the metadata settings (`SSOSAMLSettingsByMetadata`).
            redirect_url: where the user lands afterwards.
            domains: email domains routed to this SSO configuration.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if not isinstance(settings, SSOSAMLSettingsByMetadata):
            invalid("settings must be a SSOSAMLSettingsByMetadata")
        return self._post(
            "/v1/mgmt/sso/saml/metadata",
            {
                "tenantId": check_id(tenant_id, "tenant_id"),
                "settings": settings.to_dict(),
                "redirectUrl": check_opt_str(redirect_url, "redirect_url"),
                "domains": check_str_list(domains, "domains"),
            },
        ).map(discard)

    @api
    def configure_oidc_settings(
        self, tenant_id: str, settings: SSOOIDCSettings, domains: list[str] | None = None
    ) -> Call[None]:
        """Configure a tenant's OIDC SSO.

        Args:
            tenant_id: the tenant's id.
            settings: the OIDC settings (`SSOOIDCSettings`).
            domains: email domains routed to this SSO configuration.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if not isinstance(settings, SSOOIDCSettings):
            invalid("settings must be a SSOOIDCSettings")
        return self._post(
            "/v1/mgmt/sso/oidc",
            {
                "tenantId": check_id(tenant_id, "tenant_id"),
                "settings": settings.to_dict(),
                "domains": check_str_list(domains, "domains"),
            },
        ).map(discard)

    @api
    def delete_settings(self, tenant_id: str, sso_id: str | None = None) -> Call[None]:
        """Delete a tenant's SSO configuration (the default one, or `sso_id`).

        Args:
            tenant_id: the tenant's id.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._delete("/v1/mgmt/sso/settings", **_tenant_query(tenant_id, sso_id)).map(
            discard
        )

    # -- several SSO configurations per tenant ------------------------------------------

    @api
    def load_all_settings(self, tenant_id: str) -> Call[dict[str, Any]]:
        """Every SSO configuration of the tenant (each shaped like `load_settings`).

        Args:
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v2/mgmt/sso/settings/all", tenantId=check_id(tenant_id, "tenant_id"))

    @api
    def new_settings(
        self, tenant_id: str, display_name: str, sso_id: str | None = None
    ) -> Call[dict[str, Any]]:
        """Add an SSO configuration to the tenant (named `display_name`, id `sso_id`).

        Args:
            tenant_id: the tenant's id.
            display_name: the display name.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Returns:
            The new configuration.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {
            "tenantId": check_id(tenant_id, "tenant_id"),
            "displayName": check_id(display_name, "display_name"),
        }
        return self._post("/v1/mgmt/sso/settings/new", _with_sso_id(body, sso_id))

    @api
    def recalculate_sso_mappings(self, tenant_id: str, sso_id: str | None = None) -> Call[None]:
        """Re-apply the SSO group -> role mappings to the tenant's SSO users.

        Args:
            tenant_id: the tenant's id.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"tenantId": check_id(tenant_id, "tenant_id")}
        return self._post("/v1/mgmt/sso/recalculate-mappings", _with_sso_id(body, sso_id)).map(
            discard
        )

    @api
    def configure_sso_redirect_url(
        self,
        tenant_id: str,
        saml_redirect_url: str | None = None,
        oauth_redirect_url: str | None = None,
        sso_id: str | None = None,
    ) -> Call[None]:
        """Where users land after SAML / OAuth (OIDC) SSO sign-in.

        Args:
            tenant_id: the tenant's id.
            saml_redirect_url: after SAML sign-in.
            oauth_redirect_url: after OIDC sign-in.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"tenantId": check_id(tenant_id, "tenant_id")}
        if saml_redirect_url is not None:
            body["samlRedirectUrl"] = check_str(saml_redirect_url, "saml_redirect_url")
        if oauth_redirect_url is not None:
            body["oauthRedirectUrl"] = check_str(oauth_redirect_url, "oauth_redirect_url")
        return self._post("/v1/mgmt/sso/redirect", _with_sso_id(body, sso_id)).map(discard)

    @api
    def configure_auth_type(
        self, tenant_id: str, auth_type: str, sso_id: str | None = None
    ) -> Call[None]:
        """Choose the configuration's protocol: `"saml"`, `"oidc"` or `"none"`.

        Args:
            tenant_id: the tenant's id.
            auth_type: "saml", "oidc" or "none".
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {
            "tenantId": check_id(tenant_id, "tenant_id"),
            "authType": enum_value(check_id(auth_type, "auth_type"), TenantAuthType, "auth_type"),
        }
        return self._post("/v1/mgmt/sso/settings/authtype", _with_sso_id(body, sso_id)).map(
            discard
        )

    # -- cross-app access (XAA) ----------------------------------------------------------

    @api
    def configure_xaa_settings(
        self, tenant_id: str, settings: XAASettings, sso_id: str | None = None
    ) -> Call[None]:
        """Configure cross-app access (the JWT bearer grant) of an SSO configuration.

        Args:
            tenant_id: the tenant's id.
            settings: the cross-app access settings (`XAASettings`).
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if not isinstance(settings, XAASettings):
            invalid("settings must be a XAASettings")
        bearer = settings.settings
        if bearer is not None and not isinstance(bearer, XAAJWTBearerSettings):
            invalid("settings.settings must be a XAAJWTBearerSettings")
        body: dict[str, Any] = {
            "tenantId": check_id(tenant_id, "tenant_id"),
            "enabled": check_opt_bool(settings.enabled, "enabled"),
            "settings": bearer.to_dict() if bearer is not None else None,
            "roleMappings": role_mappings_to_list(settings.role_mappings),
            "defaultSSORoles": check_str_list(settings.default_sso_roles, "default_sso_roles"),
            "fgaMappings": fga_mappings_to_dict(settings.fga_mappings),
            "groupsPriority": check_str_list(settings.groups_priority, "groups_priority"),
            "groupPriorityEnabled": check_opt_bool(
                settings.group_priority_enabled, "group_priority_enabled"
            ),
            "allowOverrideRoles": check_opt_bool(
                settings.allow_override_roles, "allow_override_roles"
            ),
        }
        _with_sso_id(body, sso_id)
        if settings.provider_id:
            body["providerID"] = check_str(settings.provider_id, "provider_id")
        return self._post("/v1/mgmt/sso/xaa/settings", body).map(discard)

    @api
    def load_xaa_settings(self, tenant_id: str, sso_id: str | None = None) -> Call[dict[str, Any]]:
        """The cross-app access settings of an SSO configuration.

        Args:
            tenant_id: the tenant's id.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/sso/xaa/settings", **_tenant_query(tenant_id, sso_id))

    @api
    def load_all_xaa_settings(self, tenant_id: str) -> Call[dict[str, Any]]:
        """The cross-app access settings of every SSO configuration of the tenant.

        Args:
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get(
            "/v1/mgmt/sso/xaa/settings/all", tenantId=check_id(tenant_id, "tenant_id")
        )

    @api
    def delete_xaa_settings(self, tenant_id: str, sso_id: str | None = None) -> Call[None]:
        """Remove the cross-app access settings of an SSO configuration.

        Args:
            tenant_id: the tenant's id.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._delete("/v1/mgmt/sso/xaa/settings", **_tenant_query(tenant_id, sso_id)).map(
            discard
        )

    # -- deprecated calls (note the upper-case URL keys) --------------------------------

    @api
    def get_settings(self, tenant_id: str) -> Call[dict[str, Any]]:
        """Deprecated: use `load_settings`.

        Args:
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/sso/settings", tenantId=check_id(tenant_id, "tenant_id"))

    @api
    def configure(
        self,
        tenant_id: str,
        idp_url: str,
        entity_id: str,
        idp_cert: str,
        redirect_url: str,
        domains: list[str] | None = None,
    ) -> Call[None]:
        """Deprecated: use `configure_saml_settings`.

        Args:
            tenant_id: the tenant's id.
            idp_url: the IdP's sign-in URL.
            entity_id: the SAML entity id.
            idp_cert: the IdP's certificate.
            redirect_url: where the user lands afterwards.
            domains: email domains routed to this SSO configuration.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/sso/settings",
            {
                "tenantId": check_id(tenant_id, "tenant_id"),
                "idpURL": check_str(idp_url, "idp_url"),
                "entityId": check_str(entity_id, "entity_id"),
                "idpCert": check_str(idp_cert, "idp_cert"),
                "redirectURL": check_str(redirect_url, "redirect_url"),
                "domains": check_str_list(domains, "domains"),
            },
        ).map(discard)

    @api
    def configure_via_metadata(
        self,
        tenant_id: str,
        idp_metadata_url: str,
        redirect_url: str | None = None,
        domains: list[str] | None = None,
    ) -> Call[None]:
        """Deprecated: use `configure_saml_settings_by_metadata`.

        Args:
            tenant_id: the tenant's id.
            idp_metadata_url: the IdP's metadata URL.
            redirect_url: where the user lands afterwards.
            domains: email domains routed to this SSO configuration.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/sso/metadata",
            {
                "tenantId": check_id(tenant_id, "tenant_id"),
                "idpMetadataURL": check_str(idp_metadata_url, "idp_metadata_url"),
                "redirectURL": check_opt_str(redirect_url, "redirect_url"),
                "domains": check_str_list(domains, "domains"),
            },
        ).map(discard)

    @api
    def mapping(
        self,
        tenant_id: str,
        role_mappings: list[RoleMapping] | None = None,
        attribute_mapping: AttributeMapping | None = None,
    ) -> Call[None]:
        """Deprecated: replaces the tenant's group->role and attribute mappings.

        Args:
            tenant_id: the tenant's id.
            role_mappings: IdP groups -> role (`RoleMapping`).
            attribute_mapping: IdP attribute -> user field mapping.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if not isinstance(attribute_mapping, AttributeMapping):
            invalid("attribute_mapping must be an AttributeMapping")
        return self._post(
            "/v1/mgmt/sso/mapping",
            {
                "tenantId": check_id(tenant_id, "tenant_id"),
                "roleMappings": role_mappings_to_list(role_mappings),
                "attributeMapping": attribute_mapping.to_dict(),
            },
        ).map(discard)
