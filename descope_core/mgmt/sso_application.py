"""`client.mgmt.sso_application`: Descope as the IdP for OIDC and SAML applications."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_bool, check_id, check_opt_str, check_str_list, invalid
from .types import SAMLIDPAttributeMappingInfo, SAMLIDPGroupsMappingInfo, to_dict_list


def _oidc_body(args: Mapping[str, Any]) -> dict[str, Any]:
    """Create and update send the same body; `args` are the caller's arguments by name."""
    a = args
    return {
        "name": check_id(a["name"], "name"),
        "id": check_opt_str(a["id"], "id"),
        "description": check_opt_str(a["description"], "description"),
        "logo": check_opt_str(a["logo"], "logo"),
        "enabled": check_bool(a["enabled"], "enabled"),
        "loginPageUrl": check_id(a["login_page_url"], "login_page_url"),
        "forceAuthentication": check_bool(a["force_authentication"], "force_authentication"),
    }


def _saml_body(args: Mapping[str, Any]) -> dict[str, Any]:
    """Create and update send the same body; `args` are the caller's arguments by name."""
    a = args
    use_metadata_info = a["use_metadata_info"]
    if check_bool(use_metadata_info, "use_metadata_info"):
        if not a["metadata_url"]:
            invalid("metadata_url is required when use_metadata_info is True")
    elif not a["entity_id"] or not a["acs_url"] or not a["certificate"]:
        invalid("entity_id, acs_url and certificate are required without metadata")
    return {
        "id": check_opt_str(a["id"], "id"),
        "name": check_id(a["name"], "name"),
        "description": check_opt_str(a["description"], "description"),
        "enabled": check_bool(a["enabled"], "enabled"),
        "logo": check_opt_str(a["logo"], "logo"),
        "loginPageUrl": check_id(a["login_page_url"], "login_page_url"),
        "useMetadataInfo": use_metadata_info,
        "metadataUrl": check_opt_str(a["metadata_url"], "metadata_url"),
        "entityId": check_opt_str(a["entity_id"], "entity_id"),
        "acsUrl": check_opt_str(a["acs_url"], "acs_url"),
        "certificate": check_opt_str(a["certificate"], "certificate"),
        "attributeMapping": to_dict_list(
            a["attribute_mapping"], SAMLIDPAttributeMappingInfo, "attribute_mapping"
        ),
        "groupsMapping": to_dict_list(
            a["groups_mapping"], SAMLIDPGroupsMappingInfo, "groups_mapping"
        ),
        "acsAllowedCallbacks": check_str_list(
            a["acs_allowed_callbacks"], "acs_allowed_callbacks", default_empty=True
        ),
        "subjectNameIdType": check_opt_str(a["subject_name_id_type"], "subject_name_id_type"),
        "subjectNameIdFormat": check_opt_str(
            a["subject_name_id_format"], "subject_name_id_format"
        ),
        "defaultRelayState": check_opt_str(a["default_relay_state"], "default_relay_state"),
        "forceAuthentication": check_bool(a["force_authentication"], "force_authentication"),
        "logoutRedirectUrl": check_opt_str(a["logout_redirect_url"], "logout_redirect_url"),
        "defaultSignatureAlgorithm": check_opt_str(
            a["default_signature_algorithm"], "default_signature_algorithm"
        ),
    }


class SSOApplication(MgmtArea[M]):
    __slots__ = ()

    @api
    def create_oidc_application(
        self,
        name: str,
        login_page_url: str,
        id: str | None = None,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool = True,
        force_authentication: bool = False,
    ) -> Call[dict[str, Any]]:
        return self._post(
            "/v1/mgmt/sso/idp/app/oidc/create",
            _oidc_body(locals()),
        )

    @api
    def update_oidc_application(
        self,
        id: str,
        name: str,
        login_page_url: str,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool = True,
        force_authentication: bool = False,
    ) -> Call[None]:
        return self._post(
            "/v1/mgmt/sso/idp/app/oidc/update",
            _oidc_body({**locals(), "id": check_id(id, "id")}),
        ).map(discard)

    @api
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
    ) -> Call[dict[str, Any]]:
        return self._post(
            "/v1/mgmt/sso/idp/app/saml/create",
            _saml_body(locals()),
        )

    @api
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
    ) -> Call[None]:
        return self._post(
            "/v1/mgmt/sso/idp/app/saml/update",
            _saml_body({**locals(), "id": check_id(id, "id")}),
        ).map(discard)

    @api
    def delete(self, id: str) -> Call[None]:
        return self._post("/v1/mgmt/sso/idp/app/delete", {"id": check_id(id, "id")}).map(discard)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        return self._get("/v1/mgmt/sso/idp/app/load", id=check_id(id, "id"))

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        return self._get("/v1/mgmt/sso/idp/apps/load")
