"""`client.mgmt.fga`: the `model AuthZ 1.0` schema, relation tuples and checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_dict_list, check_id, check_int, invalid

_TUPLE_KEYS = ("resource", "resourceType", "relation", "target", "targetType")


def _tuples(relations: Any) -> list[dict[str, Any]]:
    if isinstance(relations, (str, bytes, Mapping)) or not isinstance(relations, Iterable):
        invalid("relations must be a list of relation dicts")
    out = []
    for rel in relations:
        if not isinstance(rel, Mapping):
            invalid("relations must be a list of relation dicts")
        for key in _TUPLE_KEYS:
            if not isinstance(rel.get(key), str) or not rel.get(key):
                invalid(f"relation {key} must be a non-empty string")
        out.append(dict(rel))
    if not out:
        invalid("relations must not be empty")
    return out


def _checks(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"relation": item.get("tuple"), "allowed": bool(item.get("allowed"))}
        for item in data["tuples"]
    ]


def _details(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list(data.get("resourcesDetails", []))


def _mappable(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list(data.get("mappableResources", []))


class FGA(MgmtArea[M]):
    __slots__ = ()

    @api
    def save_schema(self, schema: str) -> Call[None]:
        """Replace the FGA schema (the DSL text).

        Args:
            schema: the schema in the FGA DSL.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/fga/schema", {"dsl": check_id(schema, "schema")}).map(discard)

    @api
    def create_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        """Create FGA relation tuples (`resource`, `resourceType`, `relation`, `target`, `targetType`).

        Args:
            relations: relation tuples (dicts with the wire keys).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/fga/relations", {"tuples": _tuples(relations)}).map(discard)

    @api
    def delete_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        """Delete FGA relation tuples.

        Args:
            relations: relation tuples (dicts with the wire keys).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/fga/relations/delete", {"tuples": _tuples(relations)}).map(discard)

    @api
    def check(self, relations: list[dict[str, Any]]) -> Call[list[dict[str, Any]]]:
        """`[{"relation": <tuple>, "allowed": bool}]`, one per asked tuple.

        Args:
            relations: relation tuples (dicts with the wire keys).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/fga/check", {"tuples": _tuples(relations)}).map(_checks)

    @api
    def load_schema(self) -> Call[dict[str, Any]]:
        """The seed README mentions an FGA schema load; answered by `authz/schema/load`.

        Returns `{"schema": ..., "dsl": ...}` as the emulator stores it.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/authz/schema/load")

    @api
    def save_schema_dryrun(self, schema: str) -> Call[dict[str, Any]]:
        """What saving `schema` would change, without saving it.

        Args:
            schema: the schema in the FGA DSL.

        Returns:
            The dry run's result (what would be deleted, validation errors).

        Raises:
            AuthException: an empty schema (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/fga/schema/dryrun", {"dsl": check_id(schema, "schema")})

    @api
    def load_resources_details(
        self, resource_identifiers: list[dict[str, Any]]
    ) -> Call[list[dict[str, Any]]]:
        """Display details of resources (`[{"resourceId", "resourceType"}]`).

        Args:
            resource_identifiers: dicts with `resourceId` and `resourceType`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"resourceIdentifiers": check_dict_list(resource_identifiers, "resource_identifiers")}
        return self._post("/v1/mgmt/fga/resources/load", body).map(_details)

    @api
    def save_resources_details(self, resources_details: list[dict[str, Any]]) -> Call[None]:
        """Store display details of resources (`resourceId`, `resourceType`, `displayName`).

        Args:
            resources_details: dicts with `resourceId`, `resourceType` and the details.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body = {"resourcesDetails": check_dict_list(resources_details, "resources_details")}
        return self._post("/v1/mgmt/fga/resources/save", body).map(discard)

    @api
    def load_mappable_schema(
        self, tenant_id: str, resources_limit: int | None = None
    ) -> Call[dict[str, Any]]:
        """The schema's types and relations that SSO groups of the tenant can map to.

        Args:
            tenant_id: the tenant's id.
            resources_limit: at most this many resources per type.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        params: dict[str, Any] = {"tenantId": check_id(tenant_id, "tenant_id")}
        if resources_limit is not None:
            params["resourcesLimit"] = str(check_int(resources_limit, "resources_limit"))
        return self._get("/v1/mgmt/fga/mappable/schema", **params)

    @api
    def load_mappable_resources(
        self,
        tenant_id: str,
        resources_queries: list[dict[str, Any]],
        resources_limit: int | None = None,
    ) -> Call[list[dict[str, Any]]]:
        """Resources SSO groups of the tenant can map to, per query.

        Args:
            tenant_id: the tenant's id.
            resources_queries: per resource type, the queries to match.
            resources_limit: at most this many resources per type.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {
            "tenantId": check_id(tenant_id, "tenant_id"),
            "resourcesQueries": check_dict_list(resources_queries, "resources_queries"),
        }
        if resources_limit is not None:
            # the official SDK sends the limit as a string here too
            body["resourcesLimit"] = str(check_int(resources_limit, "resources_limit"))
        return self._post("/v1/mgmt/fga/mappable/resources", body).map(_mappable)
