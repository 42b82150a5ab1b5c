"""`client.mgmt.descoper`: the company's console users (Descopers), their attributes and
their roles (company admin, per tag, per project)."""

from __future__ import annotations

import builtins
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_bool, check_id, check_opt_str, check_str_list, invalid

__all__ = [
    "Descoper",
    "DescoperAttributes",
    "DescoperCreate",
    "DescoperProjectRole",
    "DescoperRBAC",
    "DescoperRole",
    "DescoperTagRole",
]


class DescoperRole(enum.Enum):
    """A Descoper's role in a project or over tagged projects."""

    ADMIN = "admin"
    DEVELOPER = "developer"
    SUPPORT = "support"
    AUDITOR = "auditor"


def _role(value: Any) -> str | None:
    if value is None:
        return None
    raw = value.value if isinstance(value, enum.Enum) else value
    if raw not in {r.value for r in DescoperRole}:
        invalid(f"role must be one of {[r.value for r in DescoperRole]}")
    return str(raw)


def _items(value: Any, name: str, attrs: tuple[str, ...]) -> list[Any]:
    """A list of objects having `attrs` (ours or look-alikes)."""
    if value is None:
        return []
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        invalid(f"{name} must be a list")
    out = list(value)
    for item in out:
        if not all(hasattr(item, a) for a in attrs):
            invalid(f"{name} has an item of the wrong type")
    return out


@dataclass(eq=False, repr=False)
class DescoperAttributes:
    """A Descoper's display name, email and phone."""

    display_name: str | None = None
    email: str | None = None
    phone: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The wire shape (every key, null when unset)."""
        return {
            "displayName": check_opt_str(self.display_name, "display_name"),
            "email": check_opt_str(self.email, "email"),
            "phone": check_opt_str(self.phone, "phone"),
        }


@dataclass(eq=False, repr=False)
class DescoperTagRole:
    """A role over the projects carrying any of `tags`."""

    tags: list[str] | None = None
    role: DescoperRole | None = None

    def to_dict(self) -> dict[str, Any]:
        """The wire shape `{"tags", "role"}`."""
        return {"tags": check_str_list(self.tags, "tags", default_empty=True),
                "role": _role(self.role)}


@dataclass(eq=False, repr=False)
class DescoperProjectRole:
    """A role in the projects `project_ids`."""

    project_ids: list[str] | None = None
    role: DescoperRole | None = None

    def to_dict(self) -> dict[str, Any]:
        """The wire shape `{"projectIds", "role"}`."""
        return {"projectIds": check_str_list(self.project_ids, "project_ids", default_empty=True),
                "role": _role(self.role)}


@dataclass(eq=False, repr=False)
class DescoperRBAC:
    """A Descoper's roles: company admin, per tag, per project."""

    is_company_admin: bool = False
    tags: list[DescoperTagRole] | None = field(default=None)
    projects: list[DescoperProjectRole] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        """The wire shape `{"isCompanyAdmin", "tags", "projects"}`."""
        tags = _items(self.tags, "tags", ("tags", "role"))
        projects = _items(self.projects, "projects", ("project_ids", "role"))
        return {
            "isCompanyAdmin": check_bool(self.is_company_admin, "is_company_admin"),
            "tags": [DescoperTagRole(t.tags, t.role).to_dict() for t in tags],
            "projects": [DescoperProjectRole(p.project_ids, p.role).to_dict() for p in projects],
        }


@dataclass(eq=False, repr=False)
class DescoperCreate:
    """One Descoper to create."""

    login_id: str
    attributes: DescoperAttributes | None = None
    send_invite: bool = False
    rbac: DescoperRBAC | None = None

    def to_dict(self) -> dict[str, Any]:
        """The wire shape `{"loginId", "attributes", "sendInvite", "rbac"}`."""
        return {
            "loginId": check_id(self.login_id, "login_id"),
            "attributes": _attributes(self.attributes),
            "sendInvite": check_bool(self.send_invite, "send_invite"),
            "rbac": _rbac(self.rbac),
        }


def _attributes(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not all(hasattr(value, a) for a in ("display_name", "email", "phone")):
        invalid("attributes must be a DescoperAttributes")
    return DescoperAttributes(value.display_name, value.email, value.phone).to_dict()


def _rbac(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not all(hasattr(value, a) for a in ("is_company_admin", "tags", "projects")):
        invalid("rbac must be a DescoperRBAC")
    return DescoperRBAC(value.is_company_admin, value.tags, value.projects).to_dict()


class Descoper(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(self, descopers: builtins.list[DescoperCreate]) -> Call[dict[str, Any]]:
        """Create Descopers (console users).

        Args:
            descopers: at least one `DescoperCreate`.

        Returns:
            `{"descopers": [...], "total": int}`.

        Raises:
            AuthException: an empty list or a bad item (nothing is sent), a login id in
                use (409), or refused.
        """
        items = _items(descopers, "descopers", ("login_id", "attributes", "send_invite", "rbac"))
        if not items:
            invalid("descopers list cannot be empty")
        body = [
            DescoperCreate(d.login_id, d.attributes, d.send_invite, d.rbac).to_dict()
            for d in items
        ]
        return self._put("/v1/mgmt/descoper", {"descopers": body})

    @api
    def update(
        self,
        id: str,
        attributes: DescoperAttributes | None = None,
        rbac: DescoperRBAC | None = None,
    ) -> Call[dict[str, Any]]:
        """Replace a Descoper's attributes and/or roles (each given one is overwritten).

        Args:
            id: the Descoper's id.
            attributes: the new attributes (`DescoperAttributes`).
            rbac: the new roles (`DescoperRBAC`).

        Returns:
            `{"descoper": {...}}`.

        Raises:
            AuthException: an empty id or bad argument (nothing is sent), unknown id, or
                refused.
        """
        body: dict[str, Any] = {"id": check_id(id, "id")}
        if attributes is not None:
            body["attributes"] = _attributes(attributes)
        if rbac is not None:
            body["rbac"] = _rbac(rbac)
        return self._patch("/v1/mgmt/descoper", body)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load a Descoper, as `{"descoper": {...}}`.

        Args:
            id: the Descoper's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._get("/v1/mgmt/descoper", id=check_id(id, "id"))

    @api
    def delete(self, id: str) -> Call[None]:
        """Delete a Descoper.

        Args:
            id: the Descoper's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._delete("/v1/mgmt/descoper", id=check_id(id, "id")).map(discard)

    @api
    def list(self) -> Call[dict[str, Any]]:
        """Every Descoper, as `{"descopers": [...], "total": int}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._post("/v1/mgmt/descoper/list", {})
