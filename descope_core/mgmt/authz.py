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
        """Replace the ReBAC schema.

        Args:
            schema: the schema (dict with its name and namespaces).
            upgrade: allow changes that drop existing relations.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/authz/schema/save",
            {"schema": _obj(schema, "schema"), "upgrade": check_bool(upgrade, "upgrade")},
        ).map(discard)

    @api
    def delete_schema(self) -> Call[None]:
        """Delete the ReBAC schema and every relation.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/authz/schema/delete").map(discard)

    @api
    def load_schema(self) -> Call[dict[str, Any]]:
        """The ReBAC schema.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/authz/schema/load").map(pick("schema"))

    @api
    def save_namespace(
        self, namespace: dict[str, Any], old_name: str = "", schema_name: str = ""
    ) -> Call[None]:
        """Create or replace a namespace of the schema.

        Args:
            namespace: the namespace (dict with its name and relation definitions).
            old_name: the current name when renaming.
            schema_name: the schema's name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"namespace": _obj(namespace, "namespace")}
        return self._post("/v1/mgmt/authz/ns/save", _optional_names(body, old_name, schema_name)).map(discard)

    @api
    def delete_namespace(self, name: str, schema_name: str = "") -> Call[None]:
        """Delete a namespace and its relation definitions from the schema.

        Args:
            name: the namespace's name.
            schema_name: the schema's name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
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
        """Create or replace a relation definition in a namespace.

        Args:
            relation_definition: the definition (dict with its name and rules).
            namespace: the namespace (resource type) name.
            old_name: the current name when renaming.
            schema_name: the schema's name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {
            "relationDefinition": _obj(relation_definition, "relation_definition"),
            "namespace": check_id(namespace, "namespace"),
        }
        return self._post("/v1/mgmt/authz/rd/save", _optional_names(body, old_name, schema_name)).map(discard)

    @api
    def delete_relation_definition(self, name: str, namespace: str, schema_name: str = "") -> Call[None]:
        """Delete a relation definition from a namespace.

        Args:
            name: the relation definition's name.
            namespace: the namespace (resource type) name.
            schema_name: the schema's name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {
            "name": check_id(name, "name"),
            "namespace": check_id(namespace, "namespace"),
        }
        return self._post("/v1/mgmt/authz/rd/delete", _optional_names(body, "", schema_name)).map(discard)

    @api
    def create_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        """Create relations (ReBAC tuples with `resource`, `relationDefinition`, `namespace`,
        `target`).

        Args:
            relations: relation tuples (dicts with the wire keys).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/authz/re/create", {"relations": _objs(relations, "relations")}).map(discard)

    @api
    def delete_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        """Delete the given relations.

        Args:
            relations: relation tuples (dicts with the wire keys).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/authz/re/delete", {"relations": _objs(relations, "relations")}).map(discard)

    @api
    def delete_relations_for_resources(self, resources: list[str]) -> Call[None]:
        """Delete every relation of the given resources.

        Args:
            resources: resource ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/authz/re/deleteresources",
            {"resources": check_id_list(resources, "resources")},
        ).map(discard)

    @api
    def has_relations(self, relation_queries: list[dict[str, Any]]) -> Call[list[dict[str, Any]]]:
        """Check relation queries; each answer carries `hasRelation`.

        Args:
            relation_queries: queries with the relation wire keys.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/authz/re/has",
            {"relationQueries": _objs(relation_queries, "relation_queries")},
        ).map(pick("relationQueries"))

    @api
    def who_can_access(self, resource: str, relation_definition: str, namespace: str) -> Call[list[str]]:
        """The targets holding a relation to a resource, derived ones included.

        Args:
            resource: the resource id.
            relation_definition: the relation definition's name.
            namespace: the namespace (resource type) name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
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
        """Every relation of a resource.

        Args:
            resource: the resource id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/authz/re/resource", {"resource": check_id(resource, "resource")}
        ).map(pick("relations"))

    @api
    def targets_relations(self, targets: list[str]) -> Call[list[dict[str, Any]]]:
        """Every relation of the given targets.

        Args:
            targets: target ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/authz/re/targets",
            {"targets": check_id_list(targets, "targets")},
        ).map(pick("relations"))

    @api
    def what_can_target_access(self, target: str) -> Call[list[dict[str, Any]]]:
        """Every relation through which a target reaches resources, derived ones included.

        Args:
            target: the target (usually a user id).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/authz/re/targetall", {"target": check_id(target, "target")}).map(pick("relations"))

    @api
    def what_can_target_access_with_relation(
        self, target: str, relation_definition: str, namespace: str
    ) -> Call[list[dict[str, Any]]]:
        """The resources a target reaches through one relation definition.

        Args:
            target: the target (usually a user id).
            relation_definition: the relation definition's name.
            namespace: the namespace (resource type) name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
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
        """Relations changed since a point in time.

        Args:
            since: a datetime (or epoch ms).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/authz/getmodified", {"since": epoch_ms(since, "since") or 0}
        ).map(_relations_or_all)
