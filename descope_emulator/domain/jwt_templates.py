"""JWT templates (the Node SDK's ``management.jwtTemplate``): stored templates, their
validation, the template library, and the project's user JWT template shaping the tokens it
issues.

A template's ``template`` maps claim names to values; a string value that is exactly
``{{user.<field>}}`` (``userId``, ``email``, ``phone``, ``name``, ``givenName``,
``middleName``, ``familyName``, ``loginIds``, ``roles``, ``customAttributes.<name>``) is
replaced by the user's value. The project setting ``userJwtTemplateId`` (``/emulator/settings``,
``--setting``, the project file: Descope's "User JWT template" in the console's project
settings) selects the template applied to every user session token issued afterwards (and
to refresh tokens unless ``omitCustomClaimsFromDSR``): its claims are added (the emulator's
own claims — ``sub``, ``iss``, ``exp``, ``roles``, ... — are never overwritten, except
``sub`` with ``overrideSubject``, which then moves the user id to ``dsub``);
``excludePermissions`` drops the ``permissions`` claims, ``addJti`` gives session tokens a
``jti``, and a value that resolves to nothing follows ``emptyClaimPolicy`` (``delete``: the
claim is left out, ``nil``: null, else an empty string)."""

from __future__ import annotations

import re
import secrets
from typing import Any

from .. import errors
from ..state import Emulator
from ..storage import new_id
from ..storage.records import JWT_TEMPLATE
from . import project_settings

SETTING = "userJwtTemplateId"
_DYNAMIC = re.compile(r"^\{\{\s*user\.([A-Za-z]+)(?:\.([A-Za-z0-9_\-]+))?\s*\}\}$")
USER_FIELDS = frozenset({"userId", "email", "phone", "name", "givenName", "middleName",
                         "familyName", "loginIds", "roles", "customAttributes"})
AUTH_SCHEMAS = frozenset({"", "default", "tenantOnly", "none"})
EMPTY_POLICIES = frozenset({"", "none", "nil", "delete"})
PROTECTED = frozenset({"sub", "iss", "iat", "exp", "nbf", "drn", "jti", "amr", "dct", "dsub",
                       "roles", "permissions", "tenants", "nsec", "act"})
_STR_FIELDS = ("name", "description", "source", "authSchema", "type", "emptyClaimPolicy",
               "issuerType")
_BOOL_FIELDS = ("conformanceIssuer", "autoDCT", "enforceIssuer", "overrideSubject",
                "omitCustomClaimsFromDSR", "addJti", "excludePermissions")
MAX_CLAIM_KEY = 60

#: the emulator's template library (Descope's shared library is not reachable offline)
LIBRARY: tuple[dict[str, Any], ...] = (
    {"id": "hasura", "name": "Hasura", "description": "Hasura JWT claims", "tags": ["graphql"],
     "template": {"https://hasura.io/jwt/claims": {"x-hasura-default-role": "user",
                                                   "x-hasura-allowed-roles": ["user"]},
                  "hasuraUserId": "{{user.userId}}"}},
    {"id": "supabase", "name": "Supabase", "description": "Supabase row-level security claims",
     "tags": ["database"], "template": {"role": "authenticated", "email": "{{user.email}}"}},
    {"id": "profile", "name": "Profile", "description": "The user's profile in the token",
     "tags": ["profile"], "template": {"email": "{{user.email}}", "name": "{{user.name}}",
                                       "phone": "{{user.phone}}"}},
)


def _check(doc: dict[str, Any]) -> dict[str, Any]:
    """A template document with its fields type-checked (400)."""
    out: dict[str, Any] = {}
    for key in _STR_FIELDS:
        value = doc.get(key)
        if value is not None and not isinstance(value, str):
            raise errors.WRONG_TYPE(f"'template.{key}' must be a string")
        out[key] = value or ""
    for key in _BOOL_FIELDS:
        value = doc.get(key)
        if value is not None and not isinstance(value, bool):
            raise errors.WRONG_TYPE(f"'template.{key}' must be a boolean")
        out[key] = bool(value)
    claims = doc.get("template")
    if claims is not None and not isinstance(claims, dict):
        raise errors.WRONG_TYPE("'template.template' must be an object")
    out["template"] = dict(claims or {})
    tags = doc.get("tags")
    if tags is not None and (not isinstance(tags, list)
                             or not all(isinstance(t, str) for t in tags)):
        raise errors.WRONG_TYPE("'template.tags' must be an array of strings")
    out["tags"] = list(tags or [])
    if not out["name"].strip():
        raise errors.INVALID_REQUEST("'template.name' is required")
    return out


def _name_free(e: Emulator, name: str, own_id: str = "") -> None:
    for other in e.store.records.all(JWT_TEMPLATE):
        if other["name"] == name and other["id"] != own_id:
            raise errors.JWT_TEMPLATE_EXISTS(f"A JWT template named '{name[:64]}' exists")


def require(e: Emulator, template_id: str) -> dict[str, Any]:
    """The stored template (404 when there is none)."""
    doc = e.store.records.get(JWT_TEMPLATE, template_id)
    if doc is None:
        raise errors.JWT_TEMPLATE_NOT_FOUND(f"JWT template '{template_id[:64]}' not found")
    return doc


def create(e: Emulator, doc: dict[str, Any]) -> dict[str, Any]:
    """Store a new template (its ``id`` is made here); 409 when the name is taken."""
    template = _check(doc)
    _name_free(e, template["name"])
    template["id"] = new_id("JT")
    e.store.records.save(JWT_TEMPLATE, template["id"], template)
    return template


def update(e: Emulator, doc: dict[str, Any]) -> dict[str, Any]:
    """Replace the template ``doc["id"]`` (404 unknown, 409 name taken)."""
    template_id = doc.get("id")
    if not isinstance(template_id, str) or not template_id:
        raise errors.INVALID_REQUEST("'template.id' is required")
    require(e, template_id)
    template = _check(doc)
    _name_free(e, template["name"], template_id)
    template["id"] = template_id
    e.store.records.save(JWT_TEMPLATE, template_id, template)
    return template


def delete(e: Emulator, template_id: str) -> None:
    """Delete a template (404 unknown); a project setting naming it stops applying it."""
    require(e, template_id)
    e.store.records.delete(JWT_TEMPLATE, template_id)


def all_templates(e: Emulator) -> list[dict[str, Any]]:
    """Every stored template, oldest first."""
    return e.store.records.all(JWT_TEMPLATE)


def _issues(template: dict[str, Any]) -> list[dict[str, str]]:
    issues: list[dict[str, str]] = []

    def add(path: str, message: str, severity: str = "error") -> None:
        issues.append({"path": path, "message": message, "severity": severity})

    if not str(template.get("name") or "").strip():
        add("name", "a template needs a name")
    if template.get("authSchema", "") not in AUTH_SCHEMAS:
        add("authSchema", f"unknown auth schema; one of {', '.join(sorted(AUTH_SCHEMAS - {''}))}")
    if template.get("emptyClaimPolicy", "") not in EMPTY_POLICIES:
        add("emptyClaimPolicy", "unknown policy; one of none, nil, delete")
    claims = template.get("template")
    if not isinstance(claims, dict):
        add("template", "the claims must be an object")
        return issues
    for key, value in claims.items():
        if len(key) > MAX_CLAIM_KEY:
            add(f"template.{key[:64]}", f"claim names are at most {MAX_CLAIM_KEY} characters")
        if key in PROTECTED and not (key == "sub" and template.get("overrideSubject")):
            add(f"template.{key}", "the claim is set by Descope and cannot be templated")
        if isinstance(value, str) and "{{" in value:
            found = _DYNAMIC.match(value)
            if not found or found.group(1) not in USER_FIELDS or (
                    found.group(2) and found.group(1) != "customAttributes"):
                add(f"template.{key[:64]}", f"unknown dynamic value {value[:64]!r}")
    if not claims:
        add("template", "the template adds no claims", "warning")
    return issues


def validate(e: Emulator, template_id: str, doc: dict[str, Any] | None) -> dict[str, Any]:
    """``{"valid", "issues"}`` for ``doc``, or for the stored template when no ``doc``."""
    if doc is None:
        template = require(e, template_id)
    else:
        template = dict(doc)
        if template_id:
            require(e, template_id)
    issues = _issues(template)
    return {"valid": not any(i["severity"] == "error" for i in issues), "issues": issues}


def library_entry(entry_id: str) -> dict[str, Any]:
    """A library entry (404 when the library has none with that id)."""
    for entry in LIBRARY:
        if entry["id"] == entry_id:
            return {**entry, "experimental": False}
    raise errors.JWT_TEMPLATE_NOT_FOUND(f"No library entry '{entry_id[:64]}'")


def library() -> list[dict[str, Any]]:
    """The library's entries."""
    return [library_entry(str(entry["id"])) for entry in LIBRARY]


def apply_from_library(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """A new project template made from a library entry and the request's overrides."""
    entry_id = body.get("libraryEntryId")
    if not isinstance(entry_id, str) or not entry_id:
        raise errors.INVALID_REQUEST("'libraryEntryId' is required")
    entry = library_entry(entry_id)
    doc = {"name": entry["name"], "description": entry["description"], "tags": entry["tags"],
           "template": entry["template"], "source": f"library:{entry_id}"}
    for key, field in (("nameOverride", "name"), ("descriptionOverride", "description"),
                       ("tagsOverride", "tags"), ("templateOverride", "template")):
        if body.get(key) is not None:
            doc[field] = body[key]
    return create(e, doc)


# -- the project's user JWT template applied to issued tokens ------------------------------------


def active(e: Emulator) -> dict[str, Any] | None:
    """The template the project applies to user tokens, or None."""
    template_id = project_settings.get(e).get(SETTING) or ""
    return e.store.records.get(JWT_TEMPLATE, template_id) if template_id else None


def _resolve(user: dict[str, Any], field: str, sub_field: str | None) -> Any:
    if field == "roles":
        return list(user.get("roleNames") or [])
    if field == "customAttributes":
        return (user.get("customAttributes") or {}).get(sub_field or "")
    return user.get(field)


def shape(e: Emulator, template: dict[str, Any], user: dict[str, Any], claims: dict[str, Any],
          refresh: bool) -> dict[str, Any]:
    """``claims`` (of ``user``'s session or refresh token) shaped by ``template``."""
    if refresh and template.get("omitCustomClaimsFromDSR"):
        return claims
    policy = template.get("emptyClaimPolicy") or "none"
    for key, value in (template.get("template") or {}).items():
        if key in PROTECTED and not (key == "sub" and template.get("overrideSubject")):
            continue
        if key == "sub" and refresh:  # the refresh token keeps naming the user
            continue
        if isinstance(value, str):
            found = _DYNAMIC.match(value)
            if found:
                value = _resolve(user, found.group(1), found.group(2))
        if value in (None, "", []):
            if policy == "delete":
                continue
            value = None if policy == "nil" else ""
        if key == "sub":
            claims["dsub"] = claims["sub"]
        claims[key] = value
    if template.get("excludePermissions"):
        claims.pop("permissions", None)
        for tenant in (claims.get("tenants") or {}).values():
            tenant.pop("permissions", None)
    if template.get("addJti") and not refresh:
        claims["jti"] = secrets.token_hex(16)
    return claims
