"""`client.mgmt.management_key`: management keys whose roles limit the calls they may make,
and the argument types that describe those roles."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from ..api import api
from ..calls import Call
from ._base import (
    M,
    MgmtArea,
    check_id,
    check_id_list,
    check_int,
    check_opt_str,
    check_str,
    check_str_list,
    invalid,
)


class MgmtKeyStatus(enum.Enum):
    """Whether a management key may be used."""

    ACTIVE = "active"
    INACTIVE = "inactive"


@dataclass(eq=False, repr=False)
class MgmtKeyProjectRole:
    """Roles a key holds in the listed projects."""

    project_ids: list[str]
    roles: list[str]

    def to_dict(self) -> dict[str, Any]:
        """The wire form."""
        return {"projectIds": _strings(self.project_ids, "project_ids"),
                "roles": _strings(self.roles, "roles")}


@dataclass(eq=False, repr=False)
class MgmtKeyTagRole:
    """Roles a key holds in the projects carrying any of the tags."""

    tags: list[str]
    roles: list[str]

    def to_dict(self) -> dict[str, Any]:
        """The wire form."""
        return {"tags": _strings(self.tags, "tags"), "roles": _strings(self.roles, "roles")}


@dataclass(eq=False, repr=False)
class MgmtKeyReBac:
    """What a management key may do: company-wide roles, per-project and per-tag roles."""

    company_roles: list[str] | None = None
    project_roles: list[MgmtKeyProjectRole] | None = None
    tag_roles: list[MgmtKeyTagRole] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The wire form (only the parts that were given)."""
        out: dict[str, Any] = {}
        if self.company_roles is not None:
            out["companyRoles"] = _strings(self.company_roles, "company_roles")
        if self.project_roles is not None:
            out["projectRoles"] = [_typed(r, MgmtKeyProjectRole, "project_roles").to_dict()
                                   for r in self.project_roles]
        if self.tag_roles is not None:
            out["tagRoles"] = [_typed(r, MgmtKeyTagRole, "tag_roles").to_dict()
                               for r in self.tag_roles]
        return out


def _strings(value: Any, name: str) -> list[str]:
    return check_str_list(value, name, default_empty=True) or []


def _typed(value: Any, cls: type, name: str) -> Any:
    if not isinstance(value, cls):
        invalid(f"{name} must hold {cls.__name__} objects")
    return value


def _status(value: Any) -> str:
    if isinstance(value, MgmtKeyStatus):
        return value.value
    if value in ("active", "inactive"):
        return str(value)
    invalid("status must be a MgmtKeyStatus")


class ManagementKey(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(
        self,
        name: str,
        rebac: MgmtKeyReBac,
        description: str | None = None,
        expires_in: int = 0,
        permitted_ips: list[str] | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a management key limited by `rebac`.

        Args:
            name: the key's name.
            rebac: the roles that decide which management calls the key may make.
            description: optional text.
            expires_in: lifetime in seconds (0: never expires).
            permitted_ips: addresses or CIDR ranges the key may be used from (empty: any).

        Returns:
            `{"key": {...}, "cleartext": <the key, shown only here>}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        return self._put(
            "/v1/mgmt/managementkey",
            {
                "name": check_id(name, "name"),
                "description": check_opt_str(description, "description"),
                "expiresIn": check_int(expires_in, "expires_in"),
                "permittedIps": _strings(permitted_ips, "permitted_ips"),
                "reBac": _typed(rebac, MgmtKeyReBac, "rebac").to_dict(),
            },
        )

    @api
    def update(
        self,
        id: str,
        name: str,
        description: str,
        permitted_ips: list[str],
        status: MgmtKeyStatus,
    ) -> Call[dict[str, Any]]:
        """Overwrite a key's name, description, permitted IPs and status.

        Args:
            id: the management key's id.
            name: the management key's name.
            description: a free-text description.
            permitted_ips: IP addresses or CIDR ranges the key may be used from.
            status: `MgmtKeyStatus`.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        return self._patch(
            "/v1/mgmt/managementkey",
            {
                "id": check_id(id, "id"),
                "name": check_id(name, "name"),
                "description": check_str(description, "description"),
                "permittedIps": check_id_list(permitted_ips, "permitted_ips"),
                "status": _status(status),
            },
        )

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load a key (never its secret), as `{"key": {...}}`.

        Args:
            id: the management key's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._get("/v1/mgmt/managementkey", id=check_id(id, "id"))

    @api
    def delete(self, ids: list[str]) -> Call[dict[str, Any]]:
        """Delete keys; answers `{"total": <how many were deleted>}`.

        Args:
            ids: the keys' ids.

        Raises:
            AuthException: `ids` is empty or not a list of strings (nothing is sent), or refused.
        """
        return self._post(
            "/v1/mgmt/managementkey/delete", {"ids": check_id_list(ids, "ids", non_empty=True)}
        )

    @api
    def search(self) -> Call[dict[str, Any]]:
        """Every management key, as `{"keys": [...]}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/managementkey/search")
