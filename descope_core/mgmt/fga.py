"""`client.mgmt.fga`: the `model AuthZ 1.0` schema, relation tuples and checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_id, invalid

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


class FGA(MgmtArea[M]):
    __slots__ = ()

    @api
    def save_schema(self, schema: str) -> Call[None]:
        return self._post("/v1/mgmt/fga/schema", {"dsl": check_id(schema, "schema")}).map(discard)

    @api
    def create_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        return self._post("/v1/mgmt/fga/relations", {"tuples": _tuples(relations)}).map(discard)

    @api
    def delete_relations(self, relations: list[dict[str, Any]]) -> Call[None]:
        return self._post("/v1/mgmt/fga/relations/delete", {"tuples": _tuples(relations)}).map(discard)

    @api
    def check(self, relations: list[dict[str, Any]]) -> Call[list[dict[str, Any]]]:
        """`[{"relation": <tuple>, "allowed": bool}]`, one per asked tuple."""
        return self._post("/v1/mgmt/fga/check", {"tuples": _tuples(relations)}).map(_checks)

    @api
    def load_schema(self) -> Call[dict[str, Any]]:
        """The seed README mentions an FGA schema load; answered by `authz/schema/load`.

        Returns `{"schema": ..., "dsl": ...}` as the emulator stores it.
        """
        return self._post("/v1/mgmt/authz/schema/load")
