"""`client.mgmt.fga`: the `model AuthZ 1.0` schema, relation tuples and checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._base import MgmtArea, check_id, invalid

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


class FGA(MgmtArea):
    __slots__ = ()

    def save_schema(self, schema: str) -> None:
        self._post("/v1/mgmt/fga/schema", {"dsl": check_id(schema, "schema")})

    def create_relations(self, relations: list[dict[str, Any]]) -> None:
        self._post("/v1/mgmt/fga/relations", {"tuples": _tuples(relations)})

    def delete_relations(self, relations: list[dict[str, Any]]) -> None:
        self._post("/v1/mgmt/fga/relations/delete", {"tuples": _tuples(relations)})

    def check(self, relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`[{"relation": <tuple>, "allowed": bool}]`, one per asked tuple."""
        resp = self._post("/v1/mgmt/fga/check", {"tuples": _tuples(relations)})
        return [
            {"relation": item.get("tuple"), "allowed": bool(item.get("allowed"))}
            for item in resp["tuples"]
        ]

    def load_schema(self) -> dict[str, Any]:
        """The seed README mentions an FGA schema load; answered by `authz/schema/load`.

        Returns `{"schema": ..., "dsl": ...}` as the emulator stores it.
        """
        return self._post("/v1/mgmt/authz/schema/load")
