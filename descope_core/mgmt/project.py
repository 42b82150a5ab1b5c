"""`client.mgmt.project`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._base import MgmtArea, check_id, check_opt_str, check_str_list, invalid


class Project(MgmtArea):
    __slots__ = ()

    def update_name(self, name: str) -> None:
        self._post("/v1/mgmt/project/update/name", {"name": check_id(name, "name")})

    # the seed README's spelling of the same call
    change_name = update_name

    def update_tags(self, tags: list[str]) -> None:
        self._post(
            "/v1/mgmt/project/update/tags",
            {"tags": check_str_list(tags, "tags", default_empty=True)},
        )

    def clone(
        self, name: str, environment: str | None = None, tags: list[str] | None = None
    ) -> dict[str, Any]:
        if environment not in (None, "", "production"):
            invalid('environment must be "production" or None')
        return self._post(
            "/v1/mgmt/project/clone",
            {
                "name": check_id(name, "name"),
                "environment": check_opt_str(environment, "environment") or None,
                "tags": check_str_list(tags, "tags"),
            },
        )

    def export_project(self) -> dict[str, Any]:
        return self._post("/v1/mgmt/project/export", {})["files"]  # type: ignore[no-any-return]

    def import_project(self, files: dict[str, Any]) -> None:
        if not isinstance(files, Mapping):
            invalid("files must be a dict")
        self._post("/v1/mgmt/project/import", {"files": dict(files)})
