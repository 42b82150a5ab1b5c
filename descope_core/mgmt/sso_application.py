"""`client.mgmt.sso_application`: Descope as the IdP for OIDC and SAML applications."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_bool,
    check_id,
    check_opt_bool,
    check_opt_str,
    check_str_list,
    invalid,
)
from .types import SAMLIDPAttributeMappingInfo, SAMLIDPGroupsMappingInfo, to_dict_list


def _oidc_body(
    *,
    id: str | None,
    name: str,
    login_page_url: str,
    description: str | None,
    logo: str | None,
    enabled: bool,
    force_authentication: bool,
) -> dict[str, Any]:
    """What OIDC create and update both send."""
    return {
        "name": check_id(name, "name"),
        "id": check_opt_str(id, "id"),
        "description": check_opt_str(description, "description"),
        "logo": check_opt_str(logo, "logo"),
        "enabled": check_bool(enabled, "enabled"),
        "loginPageUrl": check_id(login_page_url, "login_page_url"),
        "forceAuthentication": check_bool(force_authentication, "force_authentication"),
    }


@dataclass(frozen=True)
class _SAMLApp:
    """The arguments of `create_saml_application` / `update_saml_application`, by name."""

    id: str | None
    name: str
    login_page_url: str
    description: str | None
    logo: str | None
    enabled: bool
    use_metadata_info: bool
    metadata_url: str | None
    entity_id: str | None
    acs_url: str | None
    certificate: str | None
    attribute_mapping: list[SAMLIDPAttributeMappingInfo] | None
    groups_mapping: list[SAMLIDPGroupsMappingInfo] | None
    acs_allowed_callbacks: list[str] | None
    subject_name_id_type: str | None
    subject_name_id_format: str | None
    default_relay_state: str | None
    force_authentication: bool
    logout_redirect_url: str | None
    default_signature_algorithm: str | None

    def body(self) -> dict[str, Any]:
        """What SAML create and update both send."""
        if check_bool(self.use_metadata_info, "use_metadata_info"):
            if not self.metadata_url:
                invalid("metadata_url is required when use_metadata_info is True")
        elif not self.entity_id or not self.acs_url or not self.certificate:
            invalid("entity_id, acs_url and certificate are required without metadata")
        return {
            "id": check_opt_str(self.id, "id"),
            "name": check_id(self.name, "name"),
            "description": check_opt_str(self.description, "description"),
            "enabled": check_bool(self.enabled, "enabled"),
            "logo": check_opt_str(self.logo, "logo"),
            "loginPageUrl": check_id(self.login_page_url, "login_page_url"),
            "useMetadataInfo": self.use_metadata_info,
            "metadataUrl": check_opt_str(self.metadata_url, "metadata_url"),
            "entityId": check_opt_str(self.entity_id, "entity_id"),
            "acsUrl": check_opt_str(self.acs_url, "acs_url"),
            "certificate": check_opt_str(self.certificate, "certificate"),
            "attributeMapping": to_dict_list(
                self.attribute_mapping, SAMLIDPAttributeMappingInfo, "attribute_mapping"
            ),
            "groupsMapping": to_dict_list(
                self.groups_mapping, SAMLIDPGroupsMappingInfo, "groups_mapping"
            ),
            "acsAllowedCallbacks": check_str_list(
                self.acs_allowed_callbacks, "acs_allowed_callbacks", default_empty=True
            ),
            "subjectNameIdType": check_opt_str(self.subject_name_id_type, "subject_name_id_type"),
            "subjectNameIdFormat": check_opt_str(
                self.subject_name_id_format, "subject_name_id_format"
            ),
            "defaultRelayState": check_opt_str(self.default_relay_state, "default_relay_state"),
            "forceAuthentication": check_bool(self.force_authentication, "force_authentication"),
            "logoutRedirectUrl": check_opt_str(self.logout_redirect_url, "logout_redirect_url"),
            "defaultSignatureAlgorithm": check_opt_str(
                self.default_signature_algorithm, "default_signature_algorithm"
            ),
        }


def _wsfed_body(
    id: str | None,
    name: str,
    login_page_url: str,
    realm: str,
    reply_url: str,
    description: str | None,
    logo: str | None,
    enabled: bool | None,
    reply_allowed_callbacks: list[str] | None,
    attribute_mapping: list[SAMLIDPAttributeMappingInfo] | None,
    groups_mapping: list[SAMLIDPGroupsMappingInfo] | None,
    force_authentication: bool | None,
    logout_redirect_url: str | None,
    error_redirect_url: str | None,
) -> dict[str, Any]:
    """The WS-Federation app body create and update both send (every key, always)."""
    return {
        "id": check_opt_str(id, "id"),
        "name": check_id(name, "name"),
        "description": check_opt_str(description, "description"),
        "enabled": check_opt_bool(enabled, "enabled"),
        "logo": check_opt_str(logo, "logo"),
        "loginPageUrl": check_id(login_page_url, "login_page_url"),
        "realm": check_id(realm, "realm"),
        "replyUrl": check_id(reply_url, "reply_url"),
        "replyAllowedCallbacks": check_str_list(
            reply_allowed_callbacks, "reply_allowed_callbacks", default_empty=True
        ),
        "attributeMapping": to_dict_list(
            attribute_mapping, SAMLIDPAttributeMappingInfo, "attribute_mapping"
        ),
        "groupsMapping": to_dict_list(groups_mapping, SAMLIDPGroupsMappingInfo, "groups_mapping"),
        "forceAuthentication": check_opt_bool(force_authentication, "force_authentication"),
        "logoutRedirectUrl": check_opt_str(logout_redirect_url, "logout_redirect_url"),
        "errorRedirectUrl": check_opt_str(error_redirect_url, "error_redirect_url"),
    }


def _cleartext(data: dict[str, Any]) -> str:
    return str(data.get("cleartext", ""))


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
        """Create an OIDC SSO application; returns `{"id": ...}`.

        Args:
            name: the SSO application's name.
            login_page_url: where the application sends users to sign in.
            id: the SSO application's id.
            description: a free-text description.
            logo: the logo URL.
            enabled: whether it is on.
            force_authentication: make the IdP ask for credentials every time.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/sso/idp/app/oidc/create",
            _oidc_body(
                id=id, name=name, login_page_url=login_page_url, description=description,
                logo=logo, enabled=enabled, force_authentication=force_authentication,
            ),
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
        """Overwrite an OIDC SSO application.

        Args:
            id: the SSO application's id.
            name: the SSO application's name.
            login_page_url: where the application sends users to sign in.
            description: a free-text description.
            logo: the logo URL.
            enabled: whether it is on.
            force_authentication: make the IdP ask for credentials every time.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/sso/idp/app/oidc/update",
            _oidc_body(
                id=check_id(id, "id"), name=name, login_page_url=login_page_url, description=description,
                logo=logo, enabled=enabled, force_authentication=force_authentication,
            ),
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
        """Create a SAML SSO application; returns `{"id": ...}`.

        Args:
            name: the SSO application's name.
            login_page_url: where the application sends users to sign in.
            id: the SSO application's id.
            description: a free-text description.
            logo: the logo URL.
            enabled: whether it is on.
            use_metadata_info: read the SP settings from `metadata_url`.
            metadata_url: the SP metadata URL.
            entity_id: the SAML entity id.
            acs_url: the SP's assertion consumer service URL.
            certificate: the SP's signing certificate.
            attribute_mapping: IdP attribute -> user field mapping.
            groups_mapping: IdP group -> role mappings.
            acs_allowed_callbacks: other ACS URLs allowed.
            subject_name_id_type: the NameID source.
            subject_name_id_format: the NameID format.
            default_relay_state: the default RelayState.
            force_authentication: make the IdP ask for credentials every time.
            logout_redirect_url: where users land after signing out.
            default_signature_algorithm: the signature algorithm.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/sso/idp/app/saml/create",
            _SAMLApp(
                id=id, name=name, login_page_url=login_page_url, description=description,
                logo=logo, enabled=enabled, use_metadata_info=use_metadata_info,
                metadata_url=metadata_url, entity_id=entity_id, acs_url=acs_url,
                certificate=certificate, attribute_mapping=attribute_mapping,
                groups_mapping=groups_mapping, acs_allowed_callbacks=acs_allowed_callbacks,
                subject_name_id_type=subject_name_id_type,
                subject_name_id_format=subject_name_id_format,
                default_relay_state=default_relay_state,
                force_authentication=force_authentication,
                logout_redirect_url=logout_redirect_url,
                default_signature_algorithm=default_signature_algorithm,
            ).body(),
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
        """Overwrite a SAML SSO application.

        Args:
            id: the SSO application's id.
            name: the SSO application's name.
            login_page_url: where the application sends users to sign in.
            description: a free-text description.
            logo: the logo URL.
            enabled: whether it is on.
            use_metadata_info: read the SP settings from `metadata_url`.
            metadata_url: the SP metadata URL.
            entity_id: the SAML entity id.
            acs_url: the SP's assertion consumer service URL.
            certificate: the SP's signing certificate.
            attribute_mapping: IdP attribute -> user field mapping.
            groups_mapping: IdP group -> role mappings.
            acs_allowed_callbacks: other ACS URLs allowed.
            subject_name_id_type: the NameID source.
            subject_name_id_format: the NameID format.
            default_relay_state: the default RelayState.
            force_authentication: make the IdP ask for credentials every time.
            logout_redirect_url: where users land after signing out.
            default_signature_algorithm: the signature algorithm.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/sso/idp/app/saml/update",
            _SAMLApp(
                id=check_id(id, "id"), name=name, login_page_url=login_page_url, description=description,
                logo=logo, enabled=enabled, use_metadata_info=use_metadata_info,
                metadata_url=metadata_url, entity_id=entity_id, acs_url=acs_url,
                certificate=certificate, attribute_mapping=attribute_mapping,
                groups_mapping=groups_mapping, acs_allowed_callbacks=acs_allowed_callbacks,
                subject_name_id_type=subject_name_id_type,
                subject_name_id_format=subject_name_id_format,
                default_relay_state=default_relay_state,
                force_authentication=force_authentication,
                logout_redirect_url=logout_redirect_url,
                default_signature_algorithm=default_signature_algorithm,
            ).body(),
        ).map(discard)

    @api
    def delete(self, id: str) -> Call[None]:
        """Delete an SSO application.

        Args:
            id: the SSO application's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/sso/idp/app/delete", {"id": check_id(id, "id")}).map(discard)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load an SSO application.

        Args:
            id: the SSO application's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/sso/idp/app/load", id=check_id(id, "id"))

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        """Every SSO application, as `{"apps": [...]}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/sso/idp/apps/load")

    @api
    def create_wsfed_application(
        self,
        name: str,
        login_page_url: str,
        realm: str,
        reply_url: str,
        id: str | None = None,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool | None = True,
        reply_allowed_callbacks: list[str] | None = None,
        attribute_mapping: list[SAMLIDPAttributeMappingInfo] | None = None,
        groups_mapping: list[SAMLIDPGroupsMappingInfo] | None = None,
        force_authentication: bool | None = False,
        logout_redirect_url: str | None = None,
        error_redirect_url: str | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a WS-Federation application (Descope as its IdP).

        Args:
            name: the application's name.
            login_page_url: where the application sends users to sign in.
            realm: the application's realm (wtrealm).
            reply_url: where tokens are posted (wreply).
            id: the application's id (generated when not given).
            description, logo, enabled: its description, logo URL and whether it is on.
            reply_allowed_callbacks: other allowed reply URLs.
            attribute_mapping: user field -> claim mappings (`SAMLIDPAttributeMappingInfo`).
            groups_mapping: role -> group mappings (`SAMLIDPGroupsMappingInfo`).
            force_authentication: make users sign in again for this application.
            logout_redirect_url: where users land after signing out.
            error_redirect_url: where users land after an error.

        Returns:
            `{"id": ...}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = _wsfed_body(
            id, name, login_page_url, realm, reply_url, description, logo, enabled,
            reply_allowed_callbacks, attribute_mapping, groups_mapping, force_authentication,
            logout_redirect_url, error_redirect_url,
        )
        return self._post("/v1/mgmt/sso/idp/app/wsfed/create", body)

    @api
    def update_wsfed_application(
        self,
        id: str,
        name: str,
        login_page_url: str,
        realm: str,
        reply_url: str,
        description: str | None = None,
        logo: str | None = None,
        enabled: bool | None = True,
        reply_allowed_callbacks: list[str] | None = None,
        attribute_mapping: list[SAMLIDPAttributeMappingInfo] | None = None,
        groups_mapping: list[SAMLIDPGroupsMappingInfo] | None = None,
        force_authentication: bool | None = False,
        logout_redirect_url: str | None = None,
        error_redirect_url: str | None = None,
    ) -> Call[None]:
        """Overwrite a WS-Federation application (same fields as create).

        Args:
            id: the SSO application's id.
            name: the SSO application's name.
            login_page_url: where the application sends users to sign in.
            realm: the WS-Fed realm.
            reply_url: the reply URL.
            description: a free-text description.
            logo: the logo URL.
            enabled: whether it is on.
            reply_allowed_callbacks: other reply URLs allowed.
            attribute_mapping: IdP attribute -> user field mapping.
            groups_mapping: IdP group -> role mappings.
            force_authentication: make the IdP ask for credentials every time.
            logout_redirect_url: where users land after signing out.
            error_redirect_url: where errors are sent.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = _wsfed_body(
            check_id(id, "id"), name, login_page_url, realm, reply_url, description, logo,
            enabled, reply_allowed_callbacks, attribute_mapping, groups_mapping,
            force_authentication, logout_redirect_url, error_redirect_url,
        )
        return self._post("/v1/mgmt/sso/idp/app/wsfed/update", body).map(discard)

    @api
    def get_application_secret(self, id: str) -> Call[str]:
        """The application's client secret.

        Args:
            id: the SSO application's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/sso/idp/app/secret", id=check_id(id, "id")).map(_cleartext)

    @api
    def rotate_application_secret(self, id: str) -> Call[str]:
        """Give the application a new client secret (the old one stops working).

        Args:
            id: the SSO application's id.

        Returns:
            The new secret.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/sso/idp/app/rotate", {"id": check_id(id, "id")}).map(
            _cleartext
        )
