"""`client.mgmt.access_key`."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_dict,
    check_id,
    check_id_list,
    check_int,
    check_opt_str,
    check_str_list,
)
from .types import AssociatedTenant, associated_tenants_to_list


class AccessKey(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(
        self,
        name: str,
        expire_time: int = 0,
        role_names: list[str] | None = None,
        key_tenants: list[AssociatedTenant] | None = None,
        user_id: str | None = None,
        custom_claims: dict[str, Any] | None = None,
        description: str | None = None,
        permitted_ips: list[str] | None = None,
        custom_attributes: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a key; the response's `cleartext` is the only time the secret is shown.

        Args:
            name: the access key's name.
            expire_time: expiry as epoch seconds (0: never).
            role_names: role names.
            key_tenants: tenants with the key's roles in each (`AssociatedTenant`).
            user_id: bind the key to this user.
            custom_claims: extra claims to put in the JWT.
            description: a free-text description.
            permitted_ips: IP addresses or CIDR ranges the key may be used from.
            custom_attributes: custom attribute values by name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {
            "name": check_id(name, "name"),
            "expireTime": check_int(expire_time, "expire_time"),
            "roleNames": check_str_list(role_names, "role_names", default_empty=True),
            "keyTenants": associated_tenants_to_list(key_tenants, "key_tenants"),
            "userId": check_opt_str(user_id, "user_id"),
            "customClaims": check_dict(custom_claims, "custom_claims"),
            "description": check_opt_str(description, "description"),
            "permittedIps": check_str_list(permitted_ips, "permitted_ips"),
            "customAttributes": check_dict(custom_attributes, "custom_attributes"),
        }
        return self._post("/v1/mgmt/accesskey/create", body)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load an access key (never its secret), as `{"key": {...}}`.

        Args:
            id: the access key's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/accesskey", id=check_id(id, "id"))

    @api
    def search_all_access_keys(
        self,
        tenant_ids: list[str] | None = None,
        bound_user_id: str | None = None,
        creating_user: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """Access keys matching every given filter, as `{"keys": [...]}`.

        Args:
            tenant_ids: tenant ids.
            bound_user_id: only keys bound to this user id.
            creating_user: only keys created by this user.
            custom_attributes: custom attribute values by name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {
            "tenantIds": check_str_list(tenant_ids, "tenant_ids", default_empty=True),
            "boundUserId": check_opt_str(bound_user_id, "bound_user_id"),
            "creatingUser": check_opt_str(creating_user, "creating_user"),
            "customAttributes": check_dict(custom_attributes, "custom_attributes"),
        }
        return self._post("/v1/mgmt/accesskey/search", body)

    @api
    def update(
        self,
        id: str,
        name: str,
        description: str | None = None,
        custom_claims: dict[str, Any] | None = None,
        permitted_ips: list[str] | None = None,
        custom_attributes: dict[str, Any] | None = None,
    ) -> Call[None]:
        """Overwrite an access key's name, description, claims, permitted IPs and attributes.

        Args:
            id: the access key's id.
            name: the access key's name.
            description: a free-text description.
            custom_claims: extra claims to put in the JWT.
            permitted_ips: IP addresses or CIDR ranges the key may be used from.
            custom_attributes: custom attribute values by name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"id": check_id(id, "id"), "name": check_id(name, "name")}
        if description is not None:
            body["description"] = check_opt_str(description, "description")
        if custom_claims is not None:
            body["customClaims"] = check_dict(custom_claims, "custom_claims")
        if permitted_ips is not None:
            body["permittedIps"] = check_str_list(permitted_ips, "permitted_ips")
        if custom_attributes is not None:
            body["customAttributes"] = check_dict(custom_attributes, "custom_attributes")
        return self._post("/v1/mgmt/accesskey/update", body).map(discard)

    @api
    def deactivate(self, id: str) -> Call[None]:
        """Stop an access key from being exchanged (it can be activated again).

        Args:
            id: the access key's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/accesskey/deactivate", {"id": check_id(id, "id")}).map(discard)

    @api
    def activate(self, id: str) -> Call[None]:
        """Let a deactivated access key be exchanged again.

        Args:
            id: the access key's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/accesskey/activate", {"id": check_id(id, "id")}).map(discard)

    @api
    def delete(self, id: str) -> Call[None]:
        """Delete an access key for good.

        Args:
            id: the access key's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/accesskey/delete", {"id": check_id(id, "id")}).map(discard)

    @api
    def rotate(self, id: str) -> Call[dict[str, Any]]:
        """Give the key a new secret; the old one stops working when this returns.

        Args:
            id: the access key's id.

        Returns:
            `{"key": {...}, "cleartext": <the new secret, shown only here>}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/accesskey/rotate", {"id": check_id(id, "id")})

    @api
    def activate_batch(self, ids: list[str]) -> Call[None]:
        """Activate several access keys.

        Args:
            ids: the keys' ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/accesskey/activate/batch", {"ids": check_id_list(ids, "ids")}
        ).map(discard)

    @api
    def deactivate_batch(self, ids: list[str]) -> Call[None]:
        """Deactivate several access keys.

        Args:
            ids: the keys' ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/accesskey/deactivate/batch", {"ids": check_id_list(ids, "ids")}
        ).map(discard)

    @api
    def delete_batch(self, ids: list[str]) -> Call[None]:
        """Delete several access keys.

        Args:
            ids: the keys' ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/accesskey/delete/batch", {"ids": check_id_list(ids, "ids")}
        ).map(discard)
