"""`client.mgmt.third_party_application`: apps that sign their users in with Descope as
OAuth provider, with a client secret (shown by create, rotate_secret and get_secret) and
the consents their users gave."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_dict,
    check_dict_list,
    check_id,
    check_id_list,
    check_int,
    check_opt_bool,
    check_opt_str,
    check_str_list,
)


def _optional_fields(
    description: str | None,
    logo: str | None,
    approved_callback_urls: list[str] | None,
    permissions_scopes: list[dict[str, Any]] | None,
    attributes_scopes: list[dict[str, Any]] | None,
    jwt_bearer_settings: dict[str, Any] | None,
    custom_attributes: dict[str, Any] | None,
    force_pkce: bool | None,
    default_audience: str | None,
) -> dict[str, Any]:
    """The optional app keys, each only when given."""
    body: dict[str, Any] = {}
    if check_opt_str(description, "description") is not None:
        body["description"] = description
    if check_opt_str(logo, "logo") is not None:
        body["logo"] = logo
    if approved_callback_urls is not None:
        body["approvedCallbackUrls"] = check_str_list(
            approved_callback_urls, "approved_callback_urls"
        )
    if permissions_scopes is not None:
        body["permissionsScopes"] = check_dict_list(permissions_scopes, "permissions_scopes")
    if attributes_scopes is not None:
        body["attributesScopes"] = check_dict_list(attributes_scopes, "attributes_scopes")
    if jwt_bearer_settings is not None:
        body["jwtBearerSettings"] = check_dict(jwt_bearer_settings, "jwt_bearer_settings")
    if custom_attributes is not None:
        body["customAttributes"] = check_dict(custom_attributes, "custom_attributes")
    if force_pkce is not None:
        body["forcePkce"] = check_opt_bool(force_pkce, "force_pkce")
    if check_opt_str(default_audience, "default_audience") is not None:
        body["defaultAudience"] = default_audience
    return body


class ThirdPartyApplication(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(
        self,
        name: str,
        login_page_url: str,
        description: str | None = None,
        logo: str | None = None,
        approved_callback_urls: list[str] | None = None,
        permissions_scopes: list[dict[str, Any]] | None = None,
        attributes_scopes: list[dict[str, Any]] | None = None,
        jwt_bearer_settings: dict[str, Any] | None = None,
        custom_attributes: dict[str, Any] | None = None,
        force_pkce: bool | None = None,
        default_audience: str | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a third-party application.

        Args:
            name: display name.
            login_page_url: where Descope sends the app's users to sign in.
            description, logo: optional.
            approved_callback_urls: the redirect URIs the app may use.
            permissions_scopes, attributes_scopes: the scopes users consent to (dicts).
            jwt_bearer_settings, custom_attributes: objects passed through.
            force_pkce: require PKCE.
            default_audience: the tokens' default `aud`.

        Returns:
            `{"id", "cleartext"}`: the new app's id and its client secret.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {
            "name": check_id(name, "name"),
            "loginPageUrl": check_id(login_page_url, "login_page_url"),
            **_optional_fields(
                description, logo, approved_callback_urls, permissions_scopes,
                attributes_scopes, jwt_bearer_settings, custom_attributes, force_pkce,
                default_audience,
            ),
        }
        return self._post("/v1/mgmt/thirdparty/app/create", body)

    @api
    def update(
        self,
        id: str,
        name: str,
        login_page_url: str,
        description: str | None = None,
        logo: str | None = None,
        approved_callback_urls: list[str] | None = None,
        permissions_scopes: list[dict[str, Any]] | None = None,
        attributes_scopes: list[dict[str, Any]] | None = None,
        jwt_bearer_settings: dict[str, Any] | None = None,
        custom_attributes: dict[str, Any] | None = None,
        force_pkce: bool | None = None,
        default_audience: str | None = None,
    ) -> Call[None]:
        """Overwrite a third-party application (omitted optionals are cleared).

        Args:
            id: the third-party application's id.
            name: the third-party application's name.
            login_page_url: where the application sends users to sign in.
            description: a free-text description.
            logo: the logo URL.
            approved_callback_urls: redirect URIs the app may use.
            permissions_scopes: permission scopes the app may ask for.
            attributes_scopes: user-attribute scopes the app may ask for.
            jwt_bearer_settings: JWT bearer grant settings.
            custom_attributes: custom attribute values by name.
            force_pkce: require PKCE.
            default_audience: the default token audience.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        body = {
            "name": check_id(name, "name"),
            "loginPageUrl": check_id(login_page_url, "login_page_url"),
            "id": check_id(id, "id"),
            **_optional_fields(
                description, logo, approved_callback_urls, permissions_scopes,
                attributes_scopes, jwt_bearer_settings, custom_attributes, force_pkce,
                default_audience,
            ),
        }
        return self._post("/v1/mgmt/thirdparty/app/update", body).map(discard)

    @api
    def patch(
        self,
        id: str,
        name: str | None = None,
        login_page_url: str | None = None,
        description: str | None = None,
        logo: str | None = None,
        approved_callback_urls: list[str] | None = None,
        permissions_scopes: list[dict[str, Any]] | None = None,
        attributes_scopes: list[dict[str, Any]] | None = None,
        jwt_bearer_settings: dict[str, Any] | None = None,
        custom_attributes: dict[str, Any] | None = None,
        force_pkce: bool | None = None,
        default_audience: str | None = None,
    ) -> Call[None]:
        """Change only the given fields of a third-party application.

        Args:
            id: the third-party application's id.
            name: the third-party application's name.
            login_page_url: where the application sends users to sign in.
            description: a free-text description.
            logo: the logo URL.
            approved_callback_urls: redirect URIs the app may use.
            permissions_scopes: permission scopes the app may ask for.
            attributes_scopes: user-attribute scopes the app may ask for.
            jwt_bearer_settings: JWT bearer grant settings.
            custom_attributes: custom attribute values by name.
            force_pkce: require PKCE.
            default_audience: the default token audience.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        body: dict[str, Any] = {"id": check_id(id, "id")}
        if name is not None:
            body["name"] = check_id(name, "name")
        if login_page_url is not None:
            body["loginPageUrl"] = check_id(login_page_url, "login_page_url")
        body.update(
            _optional_fields(
                description, logo, approved_callback_urls, permissions_scopes,
                attributes_scopes, jwt_bearer_settings, custom_attributes, force_pkce,
                default_audience,
            )
        )
        return self._post("/v1/mgmt/thirdparty/app/patch", body).map(discard)

    @api
    def delete(self, id: str) -> Call[None]:
        """Delete a third-party application and its consents.

        Args:
            id: the third-party application's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/thirdparty/app/delete", {"id": check_id(id, "id")}).map(
            discard
        )

    @api
    def delete_batch(self, ids: list[str]) -> Call[None]:
        """Delete several third-party applications.

        Args:
            ids: the applications' ids.

        Raises:
            AuthException: `ids` is not a list of non-empty strings (nothing is sent),
                an unknown id, or refused.
        """
        return self._post(
            "/v1/mgmt/thirdparty/app/delete/batch", {"ids": check_id_list(ids, "ids")}
        ).map(discard)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load a third-party application (its client id, never its secret).

        Args:
            id: the third-party application's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._get("/v1/mgmt/thirdparty/app/load", id=check_id(id, "id"))

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        """Every third-party application, as `{"apps": [...]}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/thirdparty/apps/load")

    @api
    def rotate_secret(self, id: str) -> Call[dict[str, Any]]:
        """Replace the app's client secret; the old one stops working at once.

        Args:
            id: the third-party application's id.

        Returns:
            `{"cleartext": <the new secret>}`.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/thirdparty/app/rotate", {"id": check_id(id, "id")})

    @api
    def get_secret(self, id: str) -> Call[dict[str, Any]]:
        """The app's current client secret, as `{"cleartext"}`.

        Args:
            id: the third-party application's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._get("/v1/mgmt/thirdparty/app/secret", id=check_id(id, "id"))

    @api
    def delete_consents(
        self,
        consent_ids: list[str] | None = None,
        app_id: str | None = None,
        user_ids: list[str] | None = None,
        tenant_id: str | None = None,
    ) -> Call[None]:
        """Delete the consents matching every given filter.

        Args:
            consent_ids: consent ids.
            app_id: the application's id.
            user_ids: user ids.
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        body: dict[str, Any] = {}
        if consent_ids is not None:
            body["consentIds"] = check_str_list(consent_ids, "consent_ids")
        if check_opt_str(app_id, "app_id") is not None:
            body["appId"] = app_id
        if user_ids is not None:
            body["userIds"] = check_str_list(user_ids, "user_ids")
        if check_opt_str(tenant_id, "tenant_id") is not None:
            body["tenantId"] = tenant_id
        return self._post("/v1/mgmt/thirdparty/consents/delete", body).map(discard)

    @api
    def delete_tenant_consents(self, tenant_id: str) -> Call[None]:
        """Delete every consent given in a tenant.

        Args:
            tenant_id: the tenant's id.

        Raises:
            AuthException: `tenant_id` is empty (nothing is sent), or refused.
        """
        return self._post(
            "/v1/mgmt/thirdparty/consents/delete/tenant",
            {"tenantId": check_id(tenant_id, "tenant_id")},
        ).map(discard)

    @api
    def search_consents(
        self,
        app_id: str | None = None,
        user_id: str | None = None,
        consent_id: str | None = None,
        page: int | None = None,
        limit: int | None = None,
        tenant_id: str | None = None,
    ) -> Call[dict[str, Any]]:
        """Consents matching every given filter, as `{"consents": [...], "total": int}`.

        Args:
            app_id: the application's id.
            user_id: the user's id (not the login id).
            consent_id: a consent id.
            page: the page (0 first).
            limit: the page size.
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        body: dict[str, Any] = {}
        if check_opt_str(app_id, "app_id") is not None:
            body["appId"] = app_id
        if check_opt_str(user_id, "user_id") is not None:
            body["userId"] = user_id
        if check_opt_str(consent_id, "consent_id") is not None:
            body["consentId"] = consent_id
        if page is not None:
            body["page"] = check_int(page, "page")
        if limit is not None:
            body["limit"] = check_int(limit, "limit")
        if check_opt_str(tenant_id, "tenant_id") is not None:
            body["tenantId"] = tenant_id
        return self._post("/v1/mgmt/thirdparty/consents/search", body)
