"""`client.mgmt.group`: SSO groups of a tenant (responses are JSON arrays)."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call
from ._base import M, MgmtArea, check_id, check_opt_str, check_str_list


class Group(MgmtArea[M]):
    __slots__ = ()

    def _groups(self, path: str, body: dict[str, Any], sso_id: str | None) -> Call[Any]:
        if sso_id is not None:
            body["ssoId"] = check_opt_str(sso_id, "sso_id")
        return self._post(path, body)

    @api
    def load_all_groups(self, tenant_id: str, sso_id: str | None = None) -> Call[Any]:
        """Every SSO group of a tenant.

        Args:
            tenant_id: the tenant's id.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._groups(
            "/v1/mgmt/group/all", {"tenantId": check_id(tenant_id, "tenant_id")}, sso_id
        )

    @api
    def load_all_groups_for_members(
        self,
        tenant_id: str,
        user_ids: list[str] | None = None,
        login_ids: list[str] | None = None,
        sso_id: str | None = None,
    ) -> Call[Any]:
        """The SSO groups of the given users in a tenant.

        Args:
            tenant_id: the tenant's id.
            user_ids: user ids.
            login_ids: login ids.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {
            "tenantId": check_id(tenant_id, "tenant_id"),
            "loginIds": check_str_list(login_ids, "login_ids", default_empty=True),
            "userIds": check_str_list(user_ids, "user_ids", default_empty=True),
        }
        return self._groups("/v1/mgmt/group/member/all", body, sso_id)

    @api
    def load_all_group_members(
        self, tenant_id: str, group_id: str, sso_id: str | None = None
    ) -> Call[Any]:
        """The members of one SSO group of a tenant.

        Args:
            tenant_id: the tenant's id.
            group_id: the group's id.
            sso_id: which of the tenant's SSO configurations (default: the tenant's default one).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {
            "tenantId": check_id(tenant_id, "tenant_id"),
            "groupId": check_id(group_id, "group_id"),
        }
        return self._groups("/v1/mgmt/group/members", body, sso_id)
