"""`client.mgmt.authz`: the older ReBAC API (namespaces and relation definitions)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from ..api import api
from ..calls import Call, discard, pick
from ._base import (
    M,
    MgmtArea,
    check_bool,
    check_id,
    check_id_list,
    check_str,
    epoch_ms,
    invalid,
)


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


def _relations_or_all(data: dict[str, Any]) -> Any:
    return data.get("relations", data)


class Authz(MgmtArea[M]):
    __slots__ = ()

    @api
    def save_schema(self, schema: dict[str, Any], upgrade: bool = False) -> Call[None]:
        return self._post(
            "/v1/mgmt/authz/schema/save",
            {"schema": _obj(schema, "schema"), "upgrade": check_bool(upgrade, "upgrade")},
        ).map(discard)

    @api
    def delete_schema(self) -> Call[None]:
        return self._post("/v1/mgmt/authz/schema/delete").map(discard)

    @api
    def load_schema(self) -> Call[dict[str, Any]]:
        return self._post("/v1/mgmt/authz/schema/load").map(pick("schema"))

    @api
    def save_namespace(
        self, namespace: dict[str, Any], old_name: str = "", schema_name: str = ""
    ) -> Call[None]:
        body = {"namespace": _obj(namespace, "namespace")}
        return self._post("/v1/mgmt/authz/ns/save", _optional_names(body, old_name, schema_name)).map(discard)

    @api
    def delete_namespace(self, name: str, schema_name: str = "") -> Call[None]:
        body: dict[str, Any] = {"name": check_id(name, "name")}
        return self._post("/v1/mgmt/authz/ns/delete", _optional_names(body, "", schema_name)).map(discard)

    @api
    def save_relation_definition(
        self,
        relation_definition: dict[str, Any],
        namespace: str,
        old_name: str = "",
        schema_name: str = "",
    ) -> Call[None]:
        body = {
            "relationDefinition": _obj(relation_definition, "relation_definition"),
            "namespace": check_id(namespace, "namespace"),
        }
        return self._post("/v1/mgmt/authz/rd/save", _optional_names(body, old_name, schema_name)).map(discard)

    @api
    def delete_relation_definition(self, name: str, namespace: str, schema_name: str = "") -> Call[None]:
        body: dict[str, Any] = {
            "name": check_id(name, "name"),
            "namespace": check_id(namespace, "namespace"),
        }
        return self._post("/v1/mgmt/authz/rd/delete", _optional_names(body, "", schema_name)).map(discard)

    @api
    def create_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        return self._post("/v1/mgmt/authz/re/create", {"relations": _objs(relations, "relations")}).map(discard)

    @api
    def delete_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        return self._post("/v1/mgmt/authz/re/delete", {"relations": _objs(relations, "relations")}).map(discard)

    @api
    def delete_relations_for_resources(self, resources: list[str]) -> Call[None]:
        return self._post(
            "/v1/mgmt/authz/re/deleteresources",
            {"resources": check_id_list(resources, "resources")},
        ).map(discard)

    @api
    def has_relations(self, relation_queries: list[dict[str, Any]]) -> Call[list[dict[str, Any]]]:
        return self._post(
            "/v1/mgmt/authz/re/has",
            {"relationQueries": _objs(relation_queries, "relation_queries")},
        ).map(pick("relationQueries"))

    @api
    def who_can_access(self, resource: str, relation_definition: str, namespace: str) -> Call[list[str]]:
        return self._post(
            "/v1/mgmt/authz/re/who",
            {
                "resource": check_id(resource, "resource"),
                "relationDefinition": check_id(relation_definition, "relation_definition"),
                "namespace": check_id(namespace, "namespace"),
            },
        ).map(pick("targets"))

    @api
    def resource_relations(self, resource: str) -> Call[list[dict[str, Any]]]:
        return self._post(
            "/v1/mgmt/authz/re/resource", {"resource": check_id(resource, "resource")}
        ).map(pick("relations"))

    @api
    def targets_relations(self, targets: list[str]) -> Call[list[dict[str, Any]]]:
        return self._post(
            "/v1/mgmt/authz/re/targets",
            {"targets": check_id_list(targets, "targets")},
        ).map(pick("relations"))

    @api
    def what_can_target_access(self, target: str) -> Call[list[dict[str, Any]]]:
        return self._post("/v1/mgmt/authz/re/targetall", {"target": check_id(target, "target")}).map(pick("relations"))

    @api
    def what_can_target_access_with_relation(
        self, target: str, relation_definition: str, namespace: str
    ) -> Call[list[dict[str, Any]]]:
        return self._post(
            "/v1/mgmt/authz/re/targetwithrelation",
            {
                "target": check_id(target, "target"),
                "relationDefinition": check_id(relation_definition, "relation_definition"),
                "namespace": check_id(namespace, "namespace"),
            },
        ).map(pick("relations"))

    @api
    def get_modified(self, since: _dt.datetime | None = None) -> Call[Any]:
        return self._post(
            "/v1/mgmt/authz/getmodified", {"since": epoch_ms(since, "since") or 0}
        ).map(_relations_or_all)
