"""`client.mgmt.tenant`."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_bool, check_dict, check_id, check_opt_str, check_str_list


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
        """Create a tenant; returns `{"id": ...}`."""
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
        """Overwrite every field of a tenant."""
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
        """Delete a tenant; `cascade` also deletes users and keys only in this tenant."""
        return self._post(
            "/v1/mgmt/tenant/delete",
            {"id": check_id(id, "id"), "cascade": check_bool(cascade, "cascade")},
        ).map(discard)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        return self._get("/v1/mgmt/tenant", id=check_id(id, "id"))

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        return self._get("/v1/mgmt/tenant/all")

    @api
    def search_all(
        self,
        ids: list[str] | None = None,
        names: list[str] | None = None,
        self_provisioning_domains: list[str] | None = None,
        custom_attributes: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        body = {
            "tenantIds": check_str_list(ids, "ids"),
            "tenantNames": check_str_list(names, "names"),
            "tenantSelfProvisioningDomains": check_str_list(
                self_provisioning_domains, "self_provisioning_domains"
            ),
            "customAttributes": check_dict(custom_attributes, "custom_attributes"),
        }
        return self._post("/v1/mgmt/tenant/search", body)
