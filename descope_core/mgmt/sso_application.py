"""`client.mgmt.sso_application`: Descope as the IdP for OIDC and SAML applications."""

from __future__ import annotations

from typing import Any

from ._base import MgmtArea, check_bool, check_id, check_opt_str, check_str_list, invalid
from .types import SAMLIDPAttributeMappingInfo, SAMLIDPGroupsMappingInfo, to_dict_list


def _oidc_body(
    id: str | None,
    name: str,
    login_page_url: str,
    description: str | None,
    logo: str | None,
    enabled: bool,
    force_authentication: bool,
) -> dict[str, Any]:
    return {
        "name": check_id(name, "name"),
        "id": check_opt_str(id, "id"),
        "description": check_opt_str(description, "description"),
        "logo": check_opt_str(logo, "logo"),
        "enabled": check_bool(enabled, "enabled"),
        "loginPageUrl": check_id(login_page_url, "login_page_url"),
        "forceAuthentication": check_bool(force_authentication, "force_authentication"),
    }


def _saml_body(
    id: str | None,
    name: str,
    login_page_url: str,
    description: str | None,
    logo: str | None,
    enabled: bool,
    use_metadata_info: bool,
    metadata_url: str | None,
    entity_id: str | None,
    acs_url: str | None,
    certificate: str | None,
    attribute_mapping: list[SAMLIDPAttributeMappingInfo] | None,
    groups_mapping: list[SAMLIDPGroupsMappingInfo] | None,
    acs_allowed_callbacks: list[str] | None,
    subject_name_id_type: str | None,
    subject_name_id_format: str | None,
    default_relay_state: str | None,
    force_authentication: bool,
    logout_redirect_url: str | None,
    default_signature_algorithm: str | None,
) -> dict[str, Any]:
    if check_bool(use_metadata_info, "use_metadata_info"):
        if not metadata_url:
            invalid("metadata_url is required when use_metadata_info is True")
    elif not entity_id or not acs_url or not certificate:
        invalid("entity_id, acs_url and certificate are required without metadata")
    return {
        "id": check_opt_str(id, "id"),
        "name": check_id(name, "name"),
        "description": check_opt_str(description, "description"),
        "enabled": check_bool(enabled, "enabled"),
        "logo": check_opt_str(logo, "logo"),
        "loginPageUrl": check_id(login_page_url, "login_page_url"),
        "useMetadataInfo": use_metadata_info,
        "metadataUrl": check_opt_str(metadata_url, "metadata_url"),
        "entityId": check_opt_str(entity_id, "entity_id"),
        "acsUrl": check_opt_str(acs_url, "acs_url"),
        "certificate": check_opt_str(certificate, "certificate"),
        "attributeMapping": to_dict_list(
            attribute_mapping, SAMLIDPAttributeMappingInfo, "attribute_mapping"
        ),
        "groupsMapping": to_dict_list(groups_mapping, SAMLIDPGroupsMappingInfo, "groups_mapping"),
        "acsAllowedCallbacks": check_str_list(
            acs_allowed_callbacks, "acs_allowed_callbacks", default_empty=True
        ),
        "subjectNameIdType": check_opt_str(subject_name_id_type, "subject_name_id_type"),
        "subjectNameIdFormat": check_opt_str(subject_name_id_format, "subject_name_id_format"),
        "defaultRelayState": check_opt_str(default_relay_state, "default_relay_state"),
        "forceAuthentication": check_bool(force_authentication, "force_authentication"),
        "logoutRedirectUrl": check_opt_str(logout_redirect_url, "logout_redirect_url"),
        "defaultSignatureAlgorithm": check_opt_str(
            default_signature_algorithm, "default_signature_algorithm"
        ),
    }


class SSOApplication(MgmtArea):
    __slots__ = ()

    def create_oidc_application(
        self,
        name: str,
        login_page_url: str,
        id: str | None = None,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool = True,
        force_authentication: bool = False,
    ) -> dict[str, Any]:
        return self._post(
            "/v1/mgmt/sso/idp/app/oidc/create",
            _oidc_body(id, name, login_page_url, description, logo, enabled, force_authentication),
        )

    def update_oidc_application(
        self,
        id: str,
        name: str,
        login_page_url: str,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool = True,
        force_authentication: bool = False,
    ) -> None:
        self._post(
            "/v1/mgmt/sso/idp/app/oidc/update",
            _oidc_body(
                check_id(id, "id"),
                name,
                login_page_url,
                description,
                logo,
                enabled,
                force_authentication,
            ),
        )

    def create_saml_application(
        self,
        name: str,
        login_page_url: str,
        id: str | None = None,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool = True,
        use_metadata_info: bool = False,
        metadata_url: str | None = None,
        entity_id: str | None = None,
        acs_url: str | None = None,
        certificate: str | None = None,
        attribute_mapping: list[SAMLIDPAttributeMappingInfo] | None = None,
        groups_mapping: list[SAMLIDPGroupsMappingInfo] | None = None,
        acs_allowed_callbacks: list[str] | None = None,
        subject_name_id_type: str | None = None,
        subject_name_id_format: str | None = None,
        default_relay_state: str | None = None,
        force_authentication: bool = False,
        logout_redirect_url: str | None = None,
        default_signature_algorithm: str | None = None,
    ) -> dict[str, Any]:
        return self._post(
            "/v1/mgmt/sso/idp/app/saml/create",
            _saml_body(
                id,
                name,
                login_page_url,
                description,
                logo,
                enabled,
                use_metadata_info,
                metadata_url,
                entity_id,
                acs_url,
                certificate,
                attribute_mapping,
                groups_mapping,
                acs_allowed_callbacks,
                subject_name_id_type,
                subject_name_id_format,
                default_relay_state,
                force_authentication,
                logout_redirect_url,
                default_signature_algorithm,
            ),
        )

    def update_saml_application(
        self,
        id: str,
        name: str,
        login_page_url: str,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool = True,
        use_metadata_info: bool = False,
        metadata_url: str | None = None,
        entity_id: str | None = None,
        acs_url: str | None = None,
        certificate: str | None = None,
        attribute_mapping: list[SAMLIDPAttributeMappingInfo] | None = None,
        groups_mapping: list[SAMLIDPGroupsMappingInfo] | None = None,
        acs_allowed_callbacks: list[str] | None = None,
        subject_name_id_type: str | None = None,
        subject_name_id_format: str | None = None,
        default_relay_state: str | None = None,
        force_authentication: bool = False,
        logout_redirect_url: str | None = None,
        default_signature_algorithm: str | None = None,
    ) -> None:
        self._post(
            "/v1/mgmt/sso/idp/app/saml/update",
            _saml_body(
                check_id(id, "id"),
                name,
                login_page_url,
                description,
                logo,
                enabled,
                use_metadata_info,
                metadata_url,
                entity_id,
                acs_url,
                certificate,
                attribute_mapping,
                groups_mapping,
                acs_allowed_callbacks,
                subject_name_id_type,
                subject_name_id_format,
                default_relay_state,
                force_authentication,
                logout_redirect_url,
                default_signature_algorithm,
            ),
        )

    def delete(self, id: str) -> None:
        self._post("/v1/mgmt/sso/idp/app/delete", {"id": check_id(id, "id")})

    def load(self, id: str) -> dict[str, Any]:
        return self._get("/v1/mgmt/sso/idp/app/load", id=check_id(id, "id"))

    def load_all(self) -> dict[str, Any]:
        return self._get("/v1/mgmt/sso/idp/apps/load")
