"""`client.mgmt.authz`: the older ReBAC API (namespaces and relation definitions)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from ._base import MgmtArea, check_bool, check_id, check_str, check_str_list, epoch_ms, invalid


def _obj(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        invalid(f"{name} must be a dict")
    return dict(value)


def _objs(value: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        invalid(f"{name} must be a list of dicts")
    return [dict(v) for v in value]


def _optional_names(body: dict[str, Any], old_name: str, schema_name: str) -> dict[str, Any]:
    if check_str(old_name, "old_name"):
        body["oldName"] = old_name
    if check_str(schema_name, "schema_name"):
        body["schemaName"] = schema_name
    return body


class Authz(MgmtArea):
    __slots__ = ()

    def save_schema(self, schema: dict[str, Any], upgrade: bool = False) -> None:
        self._post(
            "/v1/mgmt/authz/schema/save",
            {"schema": _obj(schema, "schema"), "upgrade": check_bool(upgrade, "upgrade")},
        )

    def delete_schema(self) -> None:
        self._post("/v1/mgmt/authz/schema/delete")

    def load_schema(self) -> dict[str, Any]:
        return self._post("/v1/mgmt/authz/schema/load")["schema"]  # type: ignore[no-any-return]

    def save_namespace(
        self, namespace: dict[str, Any], old_name: str = "", schema_name: str = ""
    ) -> None:
        body = {"namespace": _obj(namespace, "namespace")}
        self._post("/v1/mgmt/authz/ns/save", _optional_names(body, old_name, schema_name))

    def delete_namespace(self, name: str, schema_name: str = "") -> None:
        body: dict[str, Any] = {"name": check_id(name, "name")}
        self._post("/v1/mgmt/authz/ns/delete", _optional_names(body, "", schema_name))

    def save_relation_definition(
        self,
        relation_definition: dict[str, Any],
        namespace: str,
        old_name: str = "",
        schema_name: str = "",
    ) -> None:
        body = {
            "relationDefinition": _obj(relation_definition, "relation_definition"),
            "namespace": check_id(namespace, "namespace"),
        }
        self._post("/v1/mgmt/authz/rd/save", _optional_names(body, old_name, schema_name))

    def delete_relation_definition(self, name: str, namespace: str, schema_name: str = "") -> None:
        body: dict[str, Any] = {
            "name": check_id(name, "name"),
            "namespace": check_id(namespace, "namespace"),
        }
        self._post("/v1/mgmt/authz/rd/delete", _optional_names(body, "", schema_name))

    def create_relations(self, relations: list[dict[str, Any]]) -> None:
        self._post("/v1/mgmt/authz/re/create", {"relations": _objs(relations, "relations")})

    def delete_relations(self, relations: list[dict[str, Any]]) -> None:
        self._post("/v1/mgmt/authz/re/delete", {"relations": _objs(relations, "relations")})

    def delete_relations_for_resources(self, resources: list[str]) -> None:
        self._post(
            "/v1/mgmt/authz/re/deleteresources",
            {"resources": check_str_list(resources, "resources", default_empty=True)},
        )

    def has_relations(self, relation_queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        resp = self._post(
            "/v1/mgmt/authz/re/has",
            {"relationQueries": _objs(relation_queries, "relation_queries")},
        )
        return resp["relationQueries"]  # type: ignore[no-any-return]

    def who_can_access(self, resource: str, relation_definition: str, namespace: str) -> list[str]:
        resp = self._post(
            "/v1/mgmt/authz/re/who",
            {
                "resource": check_id(resource, "resource"),
                "relationDefinition": check_id(relation_definition, "relation_definition"),
                "namespace": check_id(namespace, "namespace"),
            },
        )
        return resp["targets"]  # type: ignore[no-any-return]

    def resource_relations(self, resource: str) -> list[dict[str, Any]]:
        resp = self._post(
            "/v1/mgmt/authz/re/resource", {"resource": check_id(resource, "resource")}
        )
        return resp["relations"]  # type: ignore[no-any-return]

    def targets_relations(self, targets: list[str]) -> list[dict[str, Any]]:
        resp = self._post(
            "/v1/mgmt/authz/re/targets",
            {"targets": check_str_list(targets, "targets", default_empty=True)},
        )
        return resp["relations"]  # type: ignore[no-any-return]

    def what_can_target_access(self, target: str) -> list[dict[str, Any]]:
        resp = self._post("/v1/mgmt/authz/re/targetall", {"target": check_id(target, "target")})
        return resp["relations"]  # type: ignore[no-any-return]

    def what_can_target_access_with_relation(
        self, target: str, relation_definition: str, namespace: str
    ) -> list[dict[str, Any]]:
        resp = self._post(
            "/v1/mgmt/authz/re/targetwithrelation",
            {
                "target": check_id(target, "target"),
                "relationDefinition": check_id(relation_definition, "relation_definition"),
                "namespace": check_id(namespace, "namespace"),
            },
        )
        return resp["relations"]  # type: ignore[no-any-return]

    def get_modified(self, since: _dt.datetime | None = None) -> Any:
        resp = self._post("/v1/mgmt/authz/getmodified", {"since": epoch_ms(since, "since") or 0})
        return resp.get("relations", resp)
