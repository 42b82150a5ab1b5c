"""`client.mgmt.project`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..api import api
from ..calls import Call, discard, pick
from ..exceptions import ERROR_TYPE_SERVER_ERROR, AuthException
from ._base import (
    M,
    MgmtArea,
    check_dict,
    check_id,
    check_id_list,
    check_opt_str,
    check_str,
    check_str_list,
    invalid,
)


def _projects_without_tag(data: dict[str, Any]) -> dict[str, Any]:
    projects = data.get("projects")
    if not isinstance(projects, list):
        raise AuthException(500, ERROR_TYPE_SERVER_ERROR, "unexpected response body")
    return {"projects": _without_tag(projects)}


def _without_tag(projects: Any) -> list[dict[str, Any]]:
    if isinstance(projects, (str, bytes, Mapping)) or not isinstance(projects, Iterable):
        invalid("projects must be a list of dicts")
    out = []
    for project in projects:
        if not isinstance(project, Mapping):
            invalid("projects must be a list of dicts")
        out.append({k: v for k, v in project.items() if k != "tag"})
    return out


class Project(MgmtArea[M]):
    __slots__ = ()

    @api
    def update_name(self, name: str) -> Call[None]:
        """Rename the project (older spelling of `update_name`).

        Args:
            name: the project's name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/project/update/name", {"name": check_id(name, "name")}).map(discard)

    # the seed README's spelling of the same call
    change_name = update_name

    @api
    def update_tags(self, tags: list[str]) -> Call[None]:
        """Replace the project's tags.

        Args:
            tags: project tags.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/project/update/tags",
            {"tags": check_id_list(tags, "tags")},
        ).map(discard)

    @api
    def clone(
        self, name: str, environment: str | None = None, tags: list[str] | None = None
    ) -> Call[dict[str, Any]]:
        """Clone the project; returns the new project's id.

        Args:
            name: the project's name.
            environment: "production" or None.
            tags: project tags.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
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
        """Export the project's configuration, as `{"files": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/project/export", {}).map(pick("files"))

    @api
    def import_project(self, files: dict[str, Any]) -> Call[None]:
        """Import a configuration exported by `export_project`.

        Args:
            files: the snapshot's files (path -> content).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if not isinstance(files, Mapping):
            invalid("files must be a dict")
        return self._post("/v1/mgmt/project/import", {"files": dict(files)}).map(discard)

    @api
    def list_projects(self) -> Call[dict[str, Any]]:
        """Every project of the company (each without its `tag` field).

        Returns:
            `{"projects": [...]}`.

        Raises:
            AuthException: Descope refused, or answered without a project list.
        """
        return self._post("/v1/mgmt/projects/list", {}).map(_projects_without_tag)

    def remove_tag_field(self, projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`projects` with the `tag` key dropped from each (no request is made).

        Args:
            projects: project dicts as `list_projects` returns them.

        Raises:
            AuthException: `projects` is not a list of dicts.
        """
        return _without_tag(projects)

    @api
    def delete(self) -> Call[None]:
        """Delete the project this management key belongs to.

        Raises:
            AuthException: Descope refused.
        """
        return self._post("/v1/mgmt/project/delete", {}).map(discard)

    @api
    def export_snapshot(self, format: str | None = None) -> Call[dict[str, Any]]:
        """Export the project's configuration as a snapshot (`{"files": {...}}`).

        Args:
            format: the snapshot's format (the server's default when not given).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {}
        if format:
            body["format"] = check_str(format, "format")
        return self._post("/v1/mgmt/project/snapshot/export", body)

    @api
    def import_snapshot(
        self,
        files: dict[str, Any],
        input_secrets: dict[str, Any] | None = None,
        excludes: list[str] | None = None,
    ) -> Call[None]:
        """Apply a snapshot (what `export_snapshot` returned) to the project.

        Args:
            files: the snapshot's files.
            input_secrets: values for the secrets the snapshot leaves out.
            excludes: parts of the snapshot not to import.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = _snapshot_body(files, input_secrets)
        if excludes is not None:
            body["excludes"] = check_str_list(excludes, "excludes")
        return self._post("/v1/mgmt/project/snapshot/import", body).map(discard)

    @api
    def validate_snapshot(
        self, files: dict[str, Any], input_secrets: dict[str, Any] | None = None
    ) -> Call[dict[str, Any]]:
        """Check a snapshot without importing it.

        Args:
            files: the snapshot's files (path -> content).
            input_secrets: secret values the snapshot refers to.

        Returns:
            `{"ok": bool, "failures"?: [...], "missingSecrets"?: {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = _snapshot_body(files, input_secrets)
        return self._post("/v1/mgmt/project/snapshot/validate", body)


def _snapshot_body(files: Any, input_secrets: Any) -> dict[str, Any]:
    if not isinstance(files, Mapping):
        invalid("files must be a dict")
    body: dict[str, Any] = {"files": dict(files)}
    if input_secrets is not None:
        body["inputSecrets"] = check_dict(input_secrets, "input_secrets")
    return body
