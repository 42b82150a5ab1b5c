"""Relation-based authorization, evaluated once: the `model AuthZ 1.0` language (FGA), the
older authz schema (namespaces and relation definitions) compiled into the same model,
and ONE evaluator that answers "does target have relation/permission on resource" by
walking the relation graph for both APIs.

Grammar (one statement per line, indentation is free, `//` starts a comment)::

    model AuthZ 1.0
    type <name>
      relation <name>: <type> [| <type>#<relation>] ...
      permission <name>: <expr>

    expr := term (("|" | "&" | "-") term)*      evaluated left to right
    term := <name> | <name>.<name> | "(" expr ")"

`owner` names a relation or permission of the same type; `parent.owner` follows the
`parent` relation to each related object and asks `owner` there. A relation whose allowed
subjects include `org#member` is satisfied by a tuple whose target is an org when the
asked subject is a member of that org.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Checker", "FgaSyntaxError", "Schema", "compile_authz", "parse"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


class FgaSyntaxError(ValueError):
    """An invalid schema: ``line`` and ``column`` (1-based) say where."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.line = line
        self.column = column
        self.message = message


# -- expression tree ----------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """The relation or permission ``name`` on the same resource (of ``type``, when given,
    instead of the resource's own type)."""

    name: str
    type: str | None = None


@dataclass(frozen=True)
class Arrow:
    """Follow ``via`` to each related object and ask ``name`` there. ``via_type`` /
    ``target_type`` override the types (the older authz API's targets carry none)."""

    via: str
    name: str
    via_type: str | None = None
    target_type: str | None = None


@dataclass(frozen=True)
class This:
    """The tuples stored for the relation being evaluated itself."""


@dataclass(frozen=True)
class Never:
    """Holds for nobody (an empty union / intersection / exclusion)."""


@dataclass(frozen=True)
class BinOp:
    """``left op right``: ``|`` union, ``&`` intersection, ``-`` exclusion."""

    op: str  # "|", "&", "-"
    left: Any
    right: Any


@dataclass
class Relation:
    """A relation of a type and the subject types it admits."""

    name: str
    subjects: list[str]  # "user", "org#member", "user:*"


@dataclass
class Permission:
    """A permission of a type: an expression over its relations and permissions."""

    name: str
    expr: Any
    text: str


@dataclass
class TypeDef:
    """A type with its relations and permissions."""

    name: str
    relations: dict[str, Relation] = field(default_factory=dict)
    permissions: dict[str, Permission] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        """Whether the type defines ``name`` (a relation or a permission)."""
        return name in self.relations or name in self.permissions


@dataclass
class Schema:
    """Types with their relations and permissions. ``open_world``: an unknown type or name
    is a plain relation (the older authz API answers from stored relations even for
    definitions its schema lacks)."""

    types: dict[str, TypeDef]
    open_world: bool = False

    def to_json(self) -> dict[str, Any]:
        """The schema as ``{"types": [{"name", "relations", "permissions"}]}``."""
        return {
            "types": [
                {
                    "name": t.name,
                    "relations": [
                        {"name": r.name, "types": list(r.subjects)} for r in t.relations.values()
                    ],
                    "permissions": [
                        {"name": p.name, "expression": p.text} for p in t.permissions.values()
                    ],
                }
                for t in self.types.values()
            ]
        }


# -- parser -------------------------------------------------------------------------------


class _Expr:
    def __init__(self, text: str, line: int, col0: int) -> None:
        self.text = text
        self.pos = 0
        self.line = line
        self.col0 = col0

    def error(self, message: str) -> FgaSyntaxError:
        return FgaSyntaxError(self.line, self.col0 + self.pos + 1, message)

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def parse(self) -> Any:
        node = self.expr()
        self.skip()
        if self.pos != len(self.text):
            raise self.error(f"unexpected {self.text[self.pos]!r}")
        return node

    def expr(self) -> Any:
        node = self.term()
        while True:
            self.skip()
            if self.pos < len(self.text) and self.text[self.pos] in "|&-":
                op = self.text[self.pos]
                self.pos += 1
                node = BinOp(op, node, self.term())
            else:
                return node

    def name(self) -> str:
        self.skip()
        m = _NAME.match(self.text, self.pos)
        if not m:
            raise self.error("expected a relation or permission name")
        self.pos = m.end()
        return m.group(0)

    def term(self) -> Any:
        self.skip()
        if self.pos < len(self.text) and self.text[self.pos] == "(":
            self.pos += 1
            node = self.expr()
            self.skip()
            if self.pos >= len(self.text) or self.text[self.pos] != ")":
                raise self.error("expected ')'")
            self.pos += 1
            return node
        first = self.name()
        if self.pos < len(self.text) and self.text[self.pos] == ".":
            self.pos += 1
            return Arrow(first, self.name())
        return Ref(first)


def _refs(node: Any) -> Iterable[Any]:
    if isinstance(node, BinOp):
        yield from _refs(node.left)
        yield from _refs(node.right)
    else:
        yield node


def parse(dsl: str) -> Schema:
    """Parse the DSL; raise FgaSyntaxError (with 1-based line and column) when invalid."""
    types: dict[str, TypeDef] = {}
    current: TypeDef | None = None
    seen_model = False
    positions: dict[tuple[str, str], tuple[int, int]] = {}
    for lineno, raw in enumerate(dsl.splitlines(), start=1):
        line = raw.split("//", 1)[0].rstrip()
        stripped = line.lstrip()
        if not stripped:
            continue
        col = len(line) - len(stripped) + 1
        words = stripped.split()
        keyword = words[0]
        if not seen_model:
            if stripped.split() != ["model", "AuthZ", "1.0"]:
                raise FgaSyntaxError(lineno, col, "schema must start with 'model AuthZ 1.0'")
            seen_model = True
            continue
        if keyword == "type":
            if len(words) != 2 or not _NAME.fullmatch(words[1]):
                raise FgaSyntaxError(lineno, col + 5, "expected 'type <name>'")
            if words[1] in types:
                raise FgaSyntaxError(lineno, col + 5, f"type {words[1]!r} is defined twice")
            current = types[words[1]] = TypeDef(words[1])
            continue
        if keyword in ("relation", "permission"):
            if current is None:
                raise FgaSyntaxError(lineno, col, f"{keyword} outside of a type")
            rest = stripped[len(keyword) :]
            rest_col = col + len(keyword)
            if ":" not in rest:
                raise FgaSyntaxError(lineno, col + len(stripped), "expected ':'")
            name_part, body = rest.split(":", 1)
            name = name_part.strip()
            if not _NAME.fullmatch(name):
                raise FgaSyntaxError(
                    lineno,
                    rest_col + len(name_part) - len(name_part.lstrip()),
                    "expected a name",
                )
            if current.has(name):
                raise FgaSyntaxError(lineno, rest_col + 1, f"{name!r} is defined twice")
            body_col = rest_col + len(name_part) + 1
            if not body.strip():
                raise FgaSyntaxError(lineno, body_col, f"empty {keyword} definition")
            if keyword == "relation":
                subjects = []
                offset = body_col
                for part in body.split("|"):
                    subject = part.strip()
                    scol = offset + (len(part) - len(part.lstrip()))
                    if not re.fullmatch(
                        r"[A-Za-z_][A-Za-z0-9_\-]*(#[A-Za-z_][A-Za-z0-9_\-]*|:\*)?", subject
                    ):
                        raise FgaSyntaxError(lineno, scol, f"invalid subject type {subject!r}")
                    subjects.append(subject)
                    positions[(current.name, subject)] = (lineno, scol)
                    offset += len(part) + 1
                current.relations[name] = Relation(name, subjects)
            else:
                expr = _Expr(body, lineno, body_col - 1).parse()
                current.permissions[name] = Permission(name, expr, body.strip())
                positions[(current.name, "@" + name)] = (lineno, body_col)
            continue
        raise FgaSyntaxError(lineno, col, f"unexpected {keyword!r}")
    if not seen_model:
        raise FgaSyntaxError(1, 1, "schema must start with 'model AuthZ 1.0'")
    # semantic checks: every referenced type / relation exists
    for t in types.values():
        for rel in t.relations.values():
            for subject in rel.subjects:
                base, _, sub = subject.replace(":*", "").partition("#")
                line_col = positions.get((t.name, subject), (1, 1))
                if base not in types:
                    raise FgaSyntaxError(*line_col, f"unknown type {base!r}")
                if sub and not types[base].has(sub):
                    raise FgaSyntaxError(*line_col, f"type {base!r} has no relation {sub!r}")
        for perm in t.permissions.values():
            line_col = positions.get((t.name, "@" + perm.name), (1, 1))
            for ref in _refs(perm.expr):
                if isinstance(ref, Ref) and not t.has(ref.name):
                    raise FgaSyntaxError(*line_col, f"type {t.name!r} has no {ref.name!r}")
                if isinstance(ref, Arrow):
                    via = t.relations.get(ref.via)
                    if via is None:
                        raise FgaSyntaxError(
                            *line_col, f"type {t.name!r} has no relation {ref.via!r}"
                        )
                    targets = [s.partition("#")[0].replace(":*", "") for s in via.subjects]
                    if not any(types[x].has(ref.name) for x in targets if x in types):
                        raise FgaSyntaxError(
                            *line_col, f"no type reached by {ref.via!r} has {ref.name!r}"
                        )
    return Schema(types)


# -- evaluator ----------------------------------------------------------------------------

TupleLookup = Callable[[str, str, str], list[tuple[str, str]]]
"""(resourceType, resource, relation) -> [(targetType, target), ...]"""


class Checker:
    """Answers "does target have relation/permission on resource" by walking the graph."""

    def __init__(self, schema: Schema, lookup: TupleLookup) -> None:
        self.schema = schema
        self.lookup = lookup

    def check(self, rtype: str, resource: str, relation: str, ttype: str, target: str) -> bool:
        """Whether ``ttype:target`` has ``relation`` on ``rtype:resource``."""
        return self._check(rtype, resource, relation, ttype, target, set())

    def _check(
        self,
        rtype: str,
        resource: str,
        name: str,
        ttype: str,
        target: str,
        seen: set[tuple[str, str, str]],
    ) -> bool:
        key = (rtype, resource, name)
        if key in seen:
            return False
        seen = seen | {key}
        tdef = self.schema.types.get(rtype)
        if tdef is not None and name in tdef.permissions:
            expr = tdef.permissions[name].expr
            return self._eval(tdef.name, resource, name, expr, ttype, target, seen)
        rel = tdef.relations.get(name) if tdef is not None else None
        if rel is None and not self.schema.open_world:
            return False
        return self._direct(rtype, resource, name, rel, ttype, target, seen)

    def _direct(
        self,
        rtype: str,
        resource: str,
        name: str,
        rel: Relation | None,
        ttype: str,
        target: str,
        seen: set[tuple[str, str, str]],
    ) -> bool:
        for sub_type, sub_id in self.lookup(rtype, resource, name):
            base, _, sub_rel = sub_type.partition("#")
            if not sub_rel and base != ttype and rel is not None:
                # a plain-typed target of a relation that only admits `base#rel` subject sets
                sets = [s for s in rel.subjects if s.startswith(base + "#")]
                if sets and base not in rel.subjects:
                    sub_rel = sets[0].partition("#")[2]
            if not sub_rel:
                if base == ttype and (sub_id == target or sub_id == "*"):
                    return True
                continue
            if self._check(base, sub_id, sub_rel, ttype, target, seen):
                return True
        return False

    def _eval(
        self,
        rtype: str,
        resource: str,
        name: str,
        node: Any,
        ttype: str,
        target: str,
        seen: set[tuple[str, str, str]],
    ) -> bool:
        if isinstance(node, Ref):
            return self._check(node.type or rtype, resource, node.name, ttype, target, seen)
        if isinstance(node, This):
            return self._direct(rtype, resource, name, None, ttype, target, seen)
        if isinstance(node, Never):
            return False
        if isinstance(node, Arrow):
            for via_type, via_id in self.lookup(node.via_type or rtype, resource, node.via):
                base = node.target_type or via_type.partition("#")[0]
                if self._check(base, via_id, node.name, ttype, target, seen):
                    return True
            return False
        assert isinstance(node, BinOp)
        left = self._eval(rtype, resource, name, node.left, ttype, target, seen)
        if node.op == "|":
            return left or self._eval(rtype, resource, name, node.right, ttype, target, seen)
        if node.op == "&":
            return left and self._eval(rtype, resource, name, node.right, ttype, target, seen)
        return left and not self._eval(rtype, resource, name, node.right, ttype, target, seen)


# -- the older authz schema ----------------------------------------------------------------

_FOLD = {"union": "|", "intersect": "&", "sub": "-"}


def _authz_node(node: dict[str, Any], ns: str) -> Any:
    """A complexDefinition node as an expression of the shared model."""
    kind = node.get("nType", "child")
    if kind in _FOLD:
        children = [_authz_node(c, ns) for c in node.get("children") or [] if isinstance(c, dict)]
        if not children:
            return Never()
        out = children[0]
        for child in children[1:]:
            out = BinOp(_FOLD[kind], out, child)
        return out
    expr = node.get("expression") or {}
    ne = expr.get("neType", "self")
    if ne in ("self", "targetSet"):
        return This()
    other = expr.get("relationDefinition") or ""
    other_ns = expr.get("relationDefinitionNamespace") or ns
    if ne == "relationLeft":  # holders of `other` on this resource
        return Ref(other, other_ns)
    if ne == "relationRight":  # follow `other` to resources, ask the target relation there
        return Arrow(
            other,
            expr.get("targetRelationDefinition") or "",
            via_type=other_ns,
            target_type=expr.get("targetRelationDefinitionNamespace") or ns,
        )
    return Never()


def compile_authz(doc: dict[str, Any]) -> Schema:
    """The older authz schema (``{"namespaces": [{"name", "relationDefinitions": [...]}]}``)
    as a :class:`Schema`: a relation definition with a ``complexDefinition`` is a
    permission, any other a relation. Targets of that API are untyped (type ``""``)."""
    types: dict[str, TypeDef] = {}
    for ns in doc.get("namespaces") or []:
        if not isinstance(ns, dict) or not isinstance(ns.get("name"), str):
            continue
        tdef = types.setdefault(ns["name"], TypeDef(ns["name"]))
        for rd in ns.get("relationDefinitions") or []:
            if not isinstance(rd, dict) or not isinstance(rd.get("name"), str):
                continue
            complex_def = rd.get("complexDefinition")
            if isinstance(complex_def, dict) and complex_def:
                tdef.permissions[rd["name"]] = Permission(
                    rd["name"], _authz_node(complex_def, ns["name"]), ""
                )
            else:
                tdef.relations[rd["name"]] = Relation(rd["name"], [])
    return Schema(types, open_world=True)
