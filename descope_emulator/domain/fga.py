"""FGA: the saved `model AuthZ 1.0` schema, tuples checked against it, and checks
answered by the shared evaluator of :mod:`.relations`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..state import Emulator
from ..storage.project_documents import FGA_DSL
from .relations import Checker, FgaSyntaxError, Schema, parse

TUPLE_KEYS = ("resource", "resourceType", "relation", "target", "targetType")


def _parsed(dsl: str) -> Schema:
    """The schema of a text (400 with line and column when invalid)."""
    try:
        return parse(dsl)
    except FgaSyntaxError as exc:
        raise errors.FGA_SCHEMA_INVALID(
            f"line {exc.line}, column {exc.column}: {exc.message}"
        ) from exc


@dataclass
class SchemaChange:
    """What replacing the saved schema by another deletes: the types and the relations
    (``type#relation``) it drops, and the stored tuples that no longer fit (a dropped type
    on either side, a dropped relation, or a target type the relation stops admitting)."""

    types: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    tuples: list[dict[str, str]] = field(default_factory=list)

    def preview(self) -> dict[str, Any]:
        """The dry run's answer: ``{"deletesPreview": {hasDeletes, relations, types}}``."""
        return {"deletesPreview": {
            "hasDeletes": bool(self.types or self.relations or self.tuples),
            "relations": self.relations, "types": self.types,
        }}


def _fits(schema: Schema, t: dict[str, str]) -> bool:
    try:
        validate(schema, t)
    except errors.ApiError:
        return False
    return t["targetType"] in schema.types


def schema_change(e: Emulator, new: Schema) -> SchemaChange:
    """What saving ``new`` over the saved schema would delete (nothing without one)."""
    change = SchemaChange()
    dsl = saved_dsl(e)
    if dsl:
        old = parse(dsl)
        for name, tdef in old.types.items():
            if name not in new.types:
                change.types.append(name)
                continue
            change.relations += [f"{name}#{rel}" for rel in tdef.relations
                                 if rel not in new.types[name].relations]
    change.tuples = [t for t in e.store.fga_tuples.all() if not _fits(new, t)]
    for t in change.tuples:  # a kept relation that stops admitting a stored target type
        name = f"{t['resourceType']}#{t['relation']}"
        if t["resourceType"] not in change.types and name not in change.relations:
            change.relations.append(name)
    return change


def save_schema(e: Emulator, dsl: str) -> None:
    """Store a schema after parsing it (400 with line and column when invalid); the
    stored tuples the new schema drops are deleted with it (see :func:`schema_change`)."""
    schema = _parsed(dsl)
    with e.store.tx():
        change = schema_change(e, schema)
        e.store.fga_tuples.delete(change.tuples)
        e.store.project_documents.set(FGA_DSL, dsl)


def dry_run(e: Emulator, dsl: str) -> dict[str, Any]:
    """What :func:`save_schema` would delete, without saving or deleting anything (400 when
    the text is invalid, as saving would be)."""
    return schema_change(e, _parsed(dsl)).preview()


def saved_dsl(e: Emulator) -> str | None:
    """The saved schema text, or None."""
    dsl = e.store.project_documents.get(FGA_DSL)
    return dsl if isinstance(dsl, str) and dsl else None


def schema_of(e: Emulator) -> Schema:
    """The saved schema (400 when none was saved)."""
    dsl = saved_dsl(e)
    if not dsl:
        raise errors.FGA_NO_SCHEMA("No FGA schema has been saved")
    return parse(dsl)


def validate(schema: Schema, t: dict[str, str]) -> None:
    """400 unless the schema has the tuple's type and relation, and the relation admits
    the tuple's target type."""
    tdef = schema.types.get(t["resourceType"])
    if tdef is None:
        raise errors.FGA_UNKNOWN_TYPE(f"Unknown type '{t['resourceType']}'")
    rel = tdef.relations.get(t["relation"])
    if rel is None:
        raise errors.FGA_UNKNOWN_RELATION(f"Type '{tdef.name}' has no relation '{t['relation']}'")
    tt = t["targetType"]
    allowed = {s.replace(":*", "") for s in rel.subjects}
    if tt not in allowed and not any(s.startswith(tt + "#") for s in allowed):
        raise errors.FGA_TARGET_TYPE(
            f"Relation '{tdef.name}.{rel.name}' does not accept '{tt}' targets"
        )


def add_tuples(e: Emulator, tuples: list[dict[str, str]]) -> None:
    """Store tuples after validating each against the saved schema."""
    schema = schema_of(e)
    for t in tuples:
        validate(schema, t)
    e.store.fga_tuples.add(tuples)


def check(e: Emulator, tuples: list[dict[str, str]]) -> list[dict[str, Any]]:
    """``[{"tuple", "allowed"}, ...]`` for each asked tuple."""
    checker = Checker(schema_of(e), e.store.fga_tuples.targets)
    return [
        {
            "tuple": t,
            "allowed": checker.check(
                t["resourceType"], t["resource"], t["relation"], t["targetType"], t["target"]
            ),
        }
        for t in tuples
    ]
