"""User custom attribute definitions (``mgmt.user.create_custom_attribute`` and the
family-scoped ones), kept in the records table, and the check of a user's values against
them.

A definition is ``{"name", "displayName", "type", "required"?, "options"?}``. The type is
Descope's number (1 string, 2 number, 3 boolean, 4 single select, 5 multi select, 6 date,
7 month and day); the Python SDK sends a word (``"string"``, ``"number"``, ...), the Node
SDK the number: both are accepted and the definition keeps what was sent.

Once the project defines user custom attributes, a user's ``customAttributes`` may only
name defined ones, each with a value of its type (``None`` clears a value), as Descope
refuses undefined attributes; a project without definitions takes any values.
"""

from __future__ import annotations

from typing import Any

from .. import errors
from ..state import Emulator
from ..storage.records import USER_ATTRIBUTE, USER_FAMILY_ATTRIBUTE

STRING, NUMBER, BOOLEAN, SINGLE_SELECT, MULTI_SELECT, DATE, MONTH_DAY = range(1, 8)
_TYPE_WORDS = {
    "string": STRING, "text": STRING, "number": NUMBER, "numeric": NUMBER,
    "boolean": BOOLEAN, "bool": BOOLEAN, "singleselect": SINGLE_SELECT,
    "multiselect": MULTI_SELECT, "array": MULTI_SELECT, "date": DATE, "monthday": MONTH_DAY,
}
_MAX_NAME = 60


def type_number(kind: Any) -> int:
    """Descope's type number of a definition's ``type`` (a number 1-7 or a word); 400
    for anything else."""
    if isinstance(kind, int) and not isinstance(kind, bool) and STRING <= kind <= MONTH_DAY:
        return kind
    if isinstance(kind, str):
        number = _TYPE_WORDS.get(kind.replace("_", "").replace("-", "").lower())
        if number is not None:
            return number
    raise errors.WRONG_TYPE(
        "'type' must be one of string, number, boolean, singleSelect, multiSelect, date, "
        "monthDay (or 1-7)")


def _option_values(options: Any) -> list[str]:
    if options is None:
        return []
    if not isinstance(options, list):
        raise errors.WRONG_TYPE("'options' must be an array")
    values = []
    for item in options:
        value = item.get("value") if isinstance(item, dict) else item
        if not isinstance(value, str):
            raise errors.WRONG_TYPE("each option must be a string or {value, label}")
        values.append(value)
    return values


def _definition(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise errors.WRONG_TYPE("each attribute must be an object")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise errors.INVALID_REQUEST("every attribute needs a 'name'")
    if len(name) > _MAX_NAME:
        raise errors.INVALID_REQUEST(f"attribute names are at most {_MAX_NAME} characters")
    type_number(item.get("type"))
    display = item.get("displayName")
    if display is not None and not isinstance(display, str):
        raise errors.WRONG_TYPE("'displayName' must be a string")
    required = item.get("required")
    if required is not None and not isinstance(required, bool):
        raise errors.WRONG_TYPE("'required' must be a boolean")
    _option_values(item.get("options"))
    out = {k: v for k, v in item.items() if v is not None}
    out.setdefault("displayName", name)
    return out


def definitions(e: Emulator, *, family_scoped: bool = False) -> list[dict[str, Any]]:
    """The user custom attribute definitions (or the family-scoped ones), oldest first."""
    return e.store.records.all(USER_FAMILY_ATTRIBUTE if family_scoped else USER_ATTRIBUTE)


def create(e: Emulator, items: list[Any], *, family_scoped: bool = False) -> list[dict[str, Any]]:
    """Add definitions, all or none (a name already defined is a 409); returns them all."""
    kind = USER_FAMILY_ATTRIBUTE if family_scoped else USER_ATTRIBUTE
    if not items:
        raise errors.INVALID_REQUEST("'attributes' must not be empty")
    defs = [_definition(item) for item in items]
    with e.store.tx():
        seen: set[str] = set()
        for item in defs:
            if item["name"] in seen or e.store.records.get(kind, item["name"]) is not None:
                raise errors.USER_ATTRIBUTE_EXISTS(
                    f"Custom attribute '{item['name']}' already exists")
            seen.add(item["name"])
            e.store.records.save(kind, item["name"], item)
    return definitions(e, family_scoped=family_scoped)


def delete(e: Emulator, names: list[str], *, family_scoped: bool = False) -> list[dict[str, Any]]:
    """Remove definitions by name (unknown names are ignored); returns the rest. Values
    users hold stay, as in Descope, but can no longer be set."""
    kind = USER_FAMILY_ATTRIBUTE if family_scoped else USER_ATTRIBUTE
    if not names:
        raise errors.INVALID_REQUEST("'names' must not be empty")
    with e.store.tx():
        for name in names:
            e.store.records.delete(kind, name)
    return definitions(e, family_scoped=family_scoped)


def _fits(definition: dict[str, Any], value: Any) -> bool:
    kind = type_number(definition.get("type"))
    options = _option_values(definition.get("options"))
    if kind in (STRING, MONTH_DAY):
        return isinstance(value, str)
    if kind == NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == BOOLEAN:
        return isinstance(value, bool)
    if kind == SINGLE_SELECT:
        return isinstance(value, str) and (not options or value in options)
    if kind == MULTI_SELECT:
        return isinstance(value, list) and all(
            isinstance(v, str) and (not options or v in options) for v in value)
    # DATE: epoch milliseconds, or an ISO date string
    return (isinstance(value, (int, str)) and not isinstance(value, bool))


def check_values(e: Emulator, values: dict[str, Any], *, family_scoped: bool = False) -> None:
    """Refuse values naming an undefined attribute or of the wrong type (400), once the
    project has definitions of that kind."""
    if not values:
        return
    defined = {d["name"]: d for d in definitions(e, family_scoped=family_scoped)}
    if not defined:
        return
    for name, value in values.items():
        definition = defined.get(name)
        if definition is None:
            raise errors.USER_ATTRIBUTE_UNKNOWN(
                f"Custom attribute '{str(name)[:_MAX_NAME]}' is not defined")
        if value is not None and not _fits(definition, value):
            raise errors.USER_ATTRIBUTE_WRONG_TYPE(
                f"Custom attribute '{name}' does not take a {type(value).__name__} value")


# -- the project file ----------------------------------------------------------------------
_FILE_KEYS = {"userCustomAttributes": USER_ATTRIBUTE,
              "userFamilyCustomAttributes": USER_FAMILY_ATTRIBUTE}
#: the record kinds the project file carries under the keys above (project_file.py leaves
#: them out of its generic ``records``)
FILE_RECORD_KINDS: frozenset[str] = frozenset(_FILE_KEYS.values())


def file_entries(e: Emulator) -> dict[str, list[dict[str, Any]]]:
    """The definitions for the project file (only the kinds that have any)."""
    out = {}
    for key, kind in _FILE_KEYS.items():
        found = e.store.records.all(kind)
        if found:
            out[key] = found
    return out


def check_file(doc: dict[str, Any]) -> None:
    """400 when a project file's definitions are not valid definitions."""
    for key in _FILE_KEYS:
        items = doc.get(key, [])
        if not isinstance(items, list):
            raise errors.WRONG_TYPE(f"'{key}' must be a list of objects")
        for item in items:
            _definition(item)


def load_file(e: Emulator, doc: dict[str, Any]) -> None:
    """Store a project file's definitions (the store was reset)."""
    for key, kind in _FILE_KEYS.items():
        for item in doc.get(key, []):
            e.store.records.save(kind, item["name"], dict(item))
