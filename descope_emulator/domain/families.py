"""Families: documents in the records table (kind ``family``), the users that belong to
them (members, and *dependents*: users without a sign-in of their own), the project's
family settings, the family entity's custom attribute definitions, and impersonating a
dependent (a session of the dependent whose ``act`` claim names the member).

A user's memberships are the user document's ``familyAssociations``
(``[{"familyId", "roleNames", "familyScopedAttributes"}]``); a dependent has
``dependent: true`` and exactly one association."""

from __future__ import annotations

import re
from typing import Any

from .. import errors
from ..signing_keys import TokenError
from ..state import Emulator
from ..storage.database import new_id
from ..storage.records import FAMILY, FAMILY_ATTRIBUTE, FAMILY_SETTINGS
from . import audit, custom_attributes, roles, sessions, users

IMPERSONATE_DEPENDENTS = "Family Impersonate Dependents"  # Descope's permission name
FAMILY_ADMIN = "Family Admin"  # the role enabling family accounts creates (the SDK's README)
DEFAULT_SETTINGS: dict[str, Any] = {
    "enabled": True, "maxFamilyMembers": 10, "allowMultipleFamiliesUsers": False,
}
_SETTINGS_ID = "settings"


# -- settings ---------------------------------------------------------------------------------


def settings(e: Emulator) -> dict[str, Any]:
    """The project's family settings (defaults until configured)."""
    return {**DEFAULT_SETTINGS, **(e.store.records.get(FAMILY_SETTINGS, _SETTINGS_ID) or {})}


def configure(e: Emulator, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply the given settings; ``maxFamilyMembers`` must be at least 1. Enabling family
    accounts creates the default role ``Family Admin`` holding the permission to
    impersonate dependents (each only when missing: a renamed or edited one stays)."""
    if "maxFamilyMembers" in changes and changes["maxFamilyMembers"] < 1:
        raise errors.INVALID_REQUEST("'maxFamilyMembers' must be at least 1")
    with e.store.tx():
        out = {**settings(e), **changes}
        e.store.records.save(FAMILY_SETTINGS, _SETTINGS_ID, out)
    if changes.get("enabled") is True:
        _add_default_role(e)
    return out


def _add_default_role(e: Emulator) -> None:
    """The ``Family Admin`` role and the impersonate-dependents permission, when missing."""
    if e.store.permissions.get(IMPERSONATE_DEPENDENTS) is None:
        roles.create_permission(e, IMPERSONATE_DEPENDENTS, "Impersonate the dependents of a family")
    if e.store.roles.get(FAMILY_ADMIN, "") is None:
        roles.create_role(e, {
            "id": "", "name": FAMILY_ADMIN, "description": "Manages a family and its dependents",
            "permissionNames": [IMPERSONATE_DEPENDENTS], "tenantId": "", "default": False,
            "private": False,
        })


def _require_enabled(e: Emulator) -> dict[str, Any]:
    current = settings(e)
    if not current["enabled"]:
        raise errors.FAMILIES_DISABLED("Family accounts are disabled in this project")
    return current


# -- custom attribute definitions of the family entity ----------------------------------------


def attributes(e: Emulator) -> list[dict[str, Any]]:
    """Every family custom attribute definition, oldest first."""
    return e.store.records.all(FAMILY_ATTRIBUTE)


def create_attributes(e: Emulator, defs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add definitions (all or none; a taken name is a 409)."""
    with e.store.tx():
        for item in defs:
            name, kind = item.get("name"), item.get("type")
            if not isinstance(name, str) or not name:
                raise errors.INVALID_REQUEST("every attribute needs a 'name'")
            if isinstance(kind, bool) or not isinstance(kind, int):
                raise errors.WRONG_TYPE("'type' must be an integer")
            if e.store.records.get(FAMILY_ATTRIBUTE, name) is not None:
                raise errors.FAMILY_ATTRIBUTE_EXISTS(f"Attribute '{name[:64]}' already exists")
            e.store.records.save(FAMILY_ATTRIBUTE, name, dict(item))
    return attributes(e)


def delete_attributes(e: Emulator, names: list[str]) -> list[dict[str, Any]]:
    """Remove definitions by name (unknown names are ignored)."""
    with e.store.tx():
        for name in names:
            e.store.records.delete(FAMILY_ATTRIBUTE, name)
    return attributes(e)


def _check_values(e: Emulator, values: dict[str, Any]) -> dict[str, Any]:
    for name in values:
        if e.store.records.get(FAMILY_ATTRIBUTE, name) is None:
            raise errors.FAMILY_ATTRIBUTE_UNKNOWN(f"Custom attribute '{name[:64]}' is not defined")
    return dict(values)


# -- families ---------------------------------------------------------------------------------


def require(e: Emulator, family_id: str) -> dict[str, Any]:
    """The stored family, or 404."""
    found = e.store.records.get(FAMILY, family_id)
    if found is None:
        raise errors.FAMILY_NOT_FOUND(f"Family '{family_id[:64]}' not found")
    return found


def create(e: Emulator, family_id: str | None, fields: dict[str, Any]) -> dict[str, Any]:
    """A new family (``fields``: name, customAttributes, photo, disabled)."""
    _require_enabled(e)
    with e.store.tx():
        fid = family_id or new_id("F")
        if e.store.records.get(FAMILY, fid) is not None:
            raise errors.FAMILY_EXISTS(f"Family '{fid[:64]}' already exists")
        family = {
            "id": fid,
            "name": fields["name"],
            "customAttributes": _check_values(e, fields.get("customAttributes") or {}),
            "photo": fields.get("photo") or "",
            "disabled": bool(fields.get("disabled", False)),
            "createdTime": int(e.now()),
        }
        e.store.records.save(FAMILY, fid, family)
    return family


def update(e: Emulator, family_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Patch a family with the given fields (custom attributes are replaced whole)."""
    with e.store.tx():
        family = require(e, family_id)
        if "customAttributes" in changes:
            changes = {**changes, "customAttributes": _check_values(e, changes["customAttributes"])}
        family.update(changes)
        e.store.records.save(FAMILY, family_id, family)
    return family


def associations(user: dict[str, Any]) -> list[dict[str, Any]]:
    """The user's family associations."""
    return list(user.get("familyAssociations") or [])


def users_of(e: Emulator, family_id: str) -> list[dict[str, Any]]:
    """Every user (member or dependent) associated with a family."""
    return [u for u in e.store.users.all()
            if any(a.get("familyId") == family_id for a in associations(u))]


def delete(e: Emulator, family_id: str) -> None:
    """Delete a family and its dependents; members only lose the association."""
    with e.store.tx():
        require(e, family_id)
        for user in users_of(e, family_id):
            if user.get("dependent"):
                e.store.users.delete(user["userId"])
                continue
            user["familyAssociations"] = [
                a for a in associations(user) if a.get("familyId") != family_id]
            e.store.users.save(user)
        e.store.records.delete(FAMILY, family_id)


def search(e: Emulator, ids: list[str], names: list[str], text: str,
           attrs: dict[str, Any], page: int, size: int) -> list[dict[str, Any]]:
    """Families matching every given filter, one page of them when ``size`` is given."""
    text = text.lower()
    out = []
    for family in e.store.records.all(FAMILY):
        values = family.get("customAttributes") or {}
        if ids and family["id"] not in ids or names and family["name"] not in names:
            continue
        if any(values.get(k) != v for k, v in attrs.items()):
            continue
        haystack = " ".join([family["id"], family["name"], *map(str, values.values())]).lower()
        if text and text not in haystack:
            continue
        out.append(family)
    return out[page * size:(page + 1) * size] if size > 0 else out


def check_associations(e: Emulator, user: dict[str, Any], wanted: list[dict[str, Any]]) -> None:
    """Refuse family associations of a user that the settings do not allow: unknown
    families, several families when ``allowMultipleFamiliesUsers`` is off, a full family."""
    if not wanted:
        return
    current = _require_enabled(e)
    for assoc in wanted:
        custom_attributes.check_values(e, assoc.get("familyScopedAttributes") or {},
                                       family_scoped=True)
    ids = list(dict.fromkeys(a.get("familyId") for a in wanted))
    if len(ids) > 1 and not current["allowMultipleFamiliesUsers"]:
        raise errors.INVALID_REQUEST("A user may belong to one family only")
    for fid in ids:
        if not isinstance(fid, str) or not fid:
            raise errors.INVALID_REQUEST("every family association needs a 'familyId'")
        require(e, fid)
        others = [u for u in users_of(e, fid) if u["userId"] != user.get("userId")]
        if len(others) >= current["maxFamilyMembers"]:
            raise errors.FAMILY_FULL(
                f"Family '{fid[:64]}' has {current['maxFamilyMembers']} members already")


def association_of(raw: dict[str, Any]) -> dict[str, Any]:
    """One ``AssociatedFamily`` of a request as stored on the user."""
    role_names = raw.get("roleNames") or []
    scoped = raw.get("familyScopedAttributes") or {}
    if not isinstance(role_names, list) or not all(isinstance(r, str) for r in role_names):
        raise errors.WRONG_TYPE("'roleNames' must be an array of strings")
    if not isinstance(scoped, dict):
        raise errors.WRONG_TYPE("'familyScopedAttributes' must be an object")
    return {"familyId": raw.get("familyId"), "roleNames": role_names,
            "familyScopedAttributes": scoped}


# -- dependents -------------------------------------------------------------------------------


def _login_id_for(e: Emulator, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "dependent"
    candidate, n = base, 1
    while e.store.users.login_id_taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def create_dependent(e: Emulator, family_id: str, login_id: str | None,
                     fields: dict[str, Any], scoped: dict[str, Any]) -> dict[str, Any]:
    """A dependent user of a family (enabled, without a sign-in method)."""
    with e.store.tx():
        require(e, family_id)
        lid = login_id or _login_id_for(e, fields.get("name") or "")
        user = users.new_user(e, lid, {k: v for k, v in fields.items() if v is not None})
        user["email"] = fields.get("email") or ""  # a dependent's login id is never its email
        user["phone"] = fields.get("phone") or ""
        user["dependent"] = True
        assoc = association_of({"familyId": family_id, "familyScopedAttributes": scoped})
        check_associations(e, user, [assoc])
        user["familyAssociations"] = [assoc]
        users.check_login_ids_free(e, user)
        e.store.users.save(user)
    users.record_created(e, user, invited=False)
    return user


def delete_dependent(e: Emulator, user_id: str) -> None:
    """Delete a dependent (a member is refused: members leave a family, not deleted here)."""
    with e.store.tx():
        user = e.store.users.by_id(user_id)
        if user is None:
            raise errors.USER_NOT_FOUND(f"Cannot find user {user_id[:64]}")
        if not user.get("dependent"):
            raise errors.NOT_A_DEPENDENT(f"User '{user_id[:64]}' is not a dependent")
        e.store.users.delete(user_id)


# -- impersonation ----------------------------------------------------------------------------


def _may_impersonate(e: Emulator, member: dict[str, Any], family_id: str) -> bool:
    for assoc in associations(member):
        if assoc.get("familyId") == family_id:
            names = list(assoc.get("roleNames") or [])
            return IMPERSONATE_DEPENDENTS in roles.role_permissions(e, names)
    return False


def impersonate(e: Emulator, member_ref: str, dependent_login_id: str,
                selected_family: str | None) -> str:
    """A session JWT of the dependent, acting for ``member_ref`` (``act.sub``)."""
    _require_enabled(e)
    member = users.find_by_login_or_id(e, member_ref)
    if member is None or member.get("dependent"):
        raise errors.USER_NOT_FOUND(f"Cannot find family member {member_ref[:64]}")
    dependent = e.store.users.by_login_id(dependent_login_id)
    if dependent is None or not dependent.get("dependent"):
        raise errors.USER_NOT_FOUND(f"Cannot find dependent {dependent_login_id[:64]}")
    family_ids = [str(a.get("familyId")) for a in associations(dependent)]
    if not family_ids:
        raise errors.NOT_FAMILY_MEMBER("The dependent belongs to no family")
    family_id = family_ids[0]
    if selected_family and selected_family != family_id:
        raise errors.INVALID_REQUEST("'selectedFamily' is not the dependent's family")
    if require(e, family_id).get("disabled"):
        raise errors.FAMILIES_DISABLED(f"Family '{family_id[:64]}' is disabled")
    if not _may_impersonate(e, member, family_id):
        raise errors.NOT_FAMILY_MEMBER(
            f"The impersonator lacks '{IMPERSONATE_DEPENDENTS}' in the dependent's family")
    resp = sessions.issue(
        e, dependent, amr=["imp"], record_login=False,
        custom_claims={"act": {"sub": member["userId"], "family": family_id}},
    )
    audit.record(e, "UserImpersonated", user_id=dependent["userId"],
                 login_ids=list(dependent.get("loginIds") or []), actor_id=member["userId"],
                 data={"impersonatorId": member["userId"], "familyId": family_id})
    return str(resp["sessionJwt"])


def stop_impersonation(e: Emulator, token: str, custom_claims: dict[str, Any],
                       refresh_duration: int | None) -> str:
    """A session JWT of the member again, for a valid dependent-impersonation JWT."""
    try:
        claims = e.keys.verify(token, now=e.now())
    except TokenError as exc:
        raise errors.INVALID_REQUEST(f"Invalid impersonation JWT: {exc}") from exc
    act = claims.get("act")
    if (claims.get("iss") != e.project_id or not isinstance(act, dict)
            or not isinstance(act.get("family"), str)):
        raise errors.INVALID_REQUEST("The JWT is not a dependent impersonation JWT")
    member = e.store.users.by_id(str(act.get("sub")))
    if member is None:
        raise errors.USER_NOT_FOUND("The impersonating member no longer exists")
    ttl = refresh_duration if refresh_duration and refresh_duration > 0 else None
    resp = sessions.issue(e, member, amr=["imp"], custom_claims=custom_claims,
                          session_ttl=ttl, refresh_ttl=ttl, record_login=False)
    return str(resp["sessionJwt"])


# -- a user's memberships (mgmt.user.add_families / remove_families) -------------------------


def add_memberships(e: Emulator, user: dict[str, Any], wanted: list[dict[str, Any]]) -> None:
    """Add the user to families (the caller saves it). A family the user already belongs
    to keeps the roles / family-scoped attributes the request leaves out."""
    if not wanted:
        raise errors.INVALID_REQUEST("'familyAssociations' must not be empty")
    if user.get("dependent"):
        raise errors.INVALID_REQUEST("A dependent belongs to its one family only")
    current = {a.get("familyId"): a for a in associations(user)}
    for raw in wanted:
        given = association_of(raw)
        old = current.get(given["familyId"])
        if old is not None:
            if "roleNames" not in raw or raw["roleNames"] is None:
                given["roleNames"] = old.get("roleNames") or []
            if raw.get("familyScopedAttributes") is None:
                given["familyScopedAttributes"] = old.get("familyScopedAttributes") or {}
        current[given["familyId"]] = given
    merged = list(current.values())
    check_associations(e, user, merged)
    user["familyAssociations"] = merged


def remove_memberships(user: dict[str, Any], family_ids: list[str]) -> None:
    """Take the user out of families (the caller saves it); a dependent cannot leave its
    family (delete the dependent instead)."""
    if not family_ids:
        raise errors.INVALID_REQUEST("'familyIds' must not be empty")
    if user.get("dependent"):
        raise errors.INVALID_REQUEST("A dependent cannot leave its family; delete it instead")
    user["familyAssociations"] = [
        a for a in associations(user) if a.get("familyId") not in family_ids]
