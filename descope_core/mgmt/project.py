"""`client.mgmt.project`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import api
from ..calls import Call, discard, pick
from ._base import M, MgmtArea, check_id, check_opt_str, check_str_list, invalid


class Project(MgmtArea[M]):
    __slots__ = ()

    @api
    def update_name(self, name: str) -> Call[None]:
        return self._post("/v1/mgmt/project/update/name", {"name": check_id(name, "name")}).map(discard)

    # the seed README's spelling of the same call
    change_name = update_name

    @api
    def update_tags(self, tags: list[str]) -> Call[None]:
        return self._post(
            "/v1/mgmt/project/update/tags",
            {"tags": check_str_list(tags, "tags", default_empty=True)},
        ).map(discard)

    @api
    def clone(
        self, name: str, environment: str | None = None, tags: list[str] | None = None
    ) -> Call[dict[str, Any]]:
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

    @api
    def export_project(self) -> Call[dict[str, Any]]:
        return self._post("/v1/mgmt/project/export", {}).map(pick("files"))

    @api
    def import_project(self, files: dict[str, Any]) -> Call[None]:
        if not isinstance(files, Mapping):
            invalid("files must be a dict")
        return self._post("/v1/mgmt/project/import", {"files": dict(files)}).map(discard)
