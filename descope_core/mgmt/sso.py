"""`client.mgmt.sso`: a tenant's SSO (SAML / OIDC) settings."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_id, check_opt_str, check_str, check_str_list, invalid
from .types import (
    AttributeMapping,
    RoleMapping,
    SSOOIDCSettings,
    SSOSAMLSettings,
    SSOSAMLSettingsByMetadata,
    role_mappings_to_list,
)


class SSOSettings(MgmtArea[M]):
    __slots__ = ()

    @api
    def load_settings(self, tenant_id: str) -> Call[dict[str, Any]]:
        return self._get("/v2/mgmt/sso/settings", tenantId=check_id(tenant_id, "tenant_id"))

    @api
    def configure_saml_settings(
        self,
        tenant_id: str,
        settings: SSOSAMLSettings,
        redirect_url: str | None = None,
        domains: list[str] | None = None,
    ) -> Call[None]:
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
    def delete_settings(self, tenant_id: str) -> Call[None]:
        return self._delete("/v1/mgmt/sso/settings", tenantId=check_id(tenant_id, "tenant_id")).map(discard)

    # -- deprecated calls (note the upper-case URL keys) --------------------------------

    @api
    def get_settings(self, tenant_id: str) -> Call[dict[str, Any]]:
        """Deprecated: use `load_settings`."""
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
        """Deprecated: use `configure_saml_settings`."""
        return self._post(
            "/v1/mgmt/sso/settings",
            {
                "tenantId": check_id(tenant_id, "tenant_id"),
                "idpURL": check_str(idp_url, "idp_url"),
                "entityId": check_str(entity_id, "entity_id"),
                "idpCert": check_str(idp_cert, "idp_cert"),
                "redirectURL": check_opt_str(redirect_url, "redirect_url"),
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
        """Deprecated: use `configure_saml_settings_by_metadata`."""
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
        """Deprecated: replaces the tenant's group->role and attribute mappings."""
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
