"""Users: the user document, lookups that answer Descope's errors, what a user may show,
role/tenant/SSO-app membership changes, the invitation and the search filter."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..state import Emulator
from ..storage import new_id
from . import audit, delivery

STATUSES = ("enabled", "disabled", "invited", "expired")


def public_user(user: dict[str, Any]) -> dict[str, Any]:
    """The user as the API shows it (fields starting with ``_`` are the emulator's)."""
    return {k: v for k, v in user.items() if not k.startswith("_")}


# what a client's sign-up ``user`` object may set; roles, tenants, the test flag, verified
# flags and custom attributes sent by a client are ignored, as in Descope
PROFILE_FIELDS = frozenset({"name", "email", "phone", "givenName", "middleName", "familyName",
                            "picture"})


def sign_up_fields(fields: Any) -> dict[str, Any]:
    """The profile fields of a client's sign-up ``user`` object (the rest is dropped)."""
    if not isinstance(fields, dict):
        return {}
    return {k: v for k, v in fields.items() if k in PROFILE_FIELDS}


MAX_LOGIN_ID = 320  # the longest email address (64 + @ + 255)


def check_login_id(login_id: str) -> str:
    """``login_id``, or 400 when it is longer than :data:`MAX_LOGIN_ID` characters."""
    if len(login_id) > MAX_LOGIN_ID:
        raise errors.INVALID_REQUEST(f"A login id has at most {MAX_LOGIN_ID} characters")
    return login_id


def new_user(e: Emulator, login_id: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """A new (unsaved) user document; email / phone default from the login id (400 for a
    login id beyond :data:`MAX_LOGIN_ID`)."""
    check_login_id(login_id)
    fields = fields or {}
    email = fields.get("email") or (login_id if "@" in login_id else None)
    phone = fields.get("phone") or (
        login_id if login_id.startswith("+") and "@" not in login_id else None
    )
    return {
        "userId": new_id("U"),
        "loginIds": [login_id],
        "email": email or "",
        "phone": phone or "",
        "name": fields.get("name") or fields.get("displayName") or "",
        "givenName": fields.get("givenName") or "",
        "middleName": fields.get("middleName") or "",
        "familyName": fields.get("familyName") or "",
        "picture": fields.get("picture") or "",
        "verifiedEmail": bool(fields.get("verifiedEmail", False)),
        "verifiedPhone": bool(fields.get("verifiedPhone", False)),
        "roleNames": list(fields.get("roleNames") or []),
        "userTenants": [],
        "status": "enabled",
        "test": bool(fields.get("test", False)),
        "customAttributes": dict(fields.get("customAttributes") or {}),
        "createdTime": int(e.now()),
        "TOTP": False,
        "webauthn": False,
        "password": False,
        "SAML": False,
        "OAuth": {},
        "ssoAppIds": [],
    }


def require_enabled(user: dict[str, Any]) -> dict[str, Any]:
    """The user, unless it is disabled (403)."""
    if user.get("status") == "disabled":
        raise errors.USER_DISABLED("User is disabled")
    return user


def is_registered(e: Emulator, user: dict[str, Any]) -> bool:
    """Whether the user is registered: has authenticated at least once (which verified a
    login id). A user that was only created (management API, test user, invitation) is not,
    and may still sign up."""
    return bool(e.store.login_history.of(user["userId"]))


def require_signin_user(e: Emulator, login_id: str) -> dict[str, Any]:
    """The user who may sign in with ``login_id`` (404 unknown, 403 disabled)."""
    user = e.store.users.by_login_id(login_id)
    if user is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {login_id}".strip())
    return require_enabled(user)


def find_user(e: Emulator, login_id: str | None, user_id: str | None) -> dict[str, Any]:
    """The user named by login id (preferred) or user id (400 neither, 404 unknown)."""
    if login_id:
        user = e.store.users.by_login_id(login_id)
    elif user_id:
        user = e.store.users.by_id(user_id)
    else:
        raise errors.INVALID_REQUEST("'loginId' is required")
    if user is None:
        raise errors.USER_NOT_FOUND(f"Cannot find user {login_id or user_id}".strip())
    return user


def find_by_login_or_id(e: Emulator, ref: str) -> dict[str, Any] | None:
    """The user whose login id or user id is ``ref``, or None."""
    return e.store.users.by_login_id(ref) or e.store.users.by_id(ref)


def check_login_ids_free(e: Emulator, user: dict[str, Any]) -> None:
    """409 when another user holds one of the user's login ids."""
    for login_id in user["loginIds"]:
        if e.store.users.login_id_taken(login_id, user["userId"]):
            raise errors.USER_EXISTS(f"User '{login_id}' already exists")


def touch(e: Emulator, user: dict[str, Any]) -> dict[str, Any]:
    """Save a changed user with its ``modifiedTime``."""
    user["modifiedTime"] = int(e.now())
    e.store.users.save(user)
    return user


def combine(op: str, current: list[str], names: list[str]) -> list[str]:
    """``set`` / ``add`` / ``remove`` names on a list, keeping order and no duplicates."""
    if op == "set":
        return list(dict.fromkeys(names))
    if op == "add":
        return current + [n for n in names if n not in current]
    return [r for r in current if r not in names]


def tenant_association(e: Emulator, tenant_id: str, role_names: list[str],
                       *, with_name: bool = True) -> dict[str, Any]:
    """A user's membership of an existing tenant (404 for an unknown tenant); without
    roles of its own it gets the tenant's default roles."""
    tenant = e.store.tenants.get(tenant_id)
    if tenant is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant_id}' not found")
    roles = list(role_names) or list(tenant.get("defaultRoles") or [])
    assoc: dict[str, Any] = {"tenantId": tenant_id, "roleNames": roles}
    if with_name:
        assoc["tenantName"] = tenant.get("name", tenant_id)
    return assoc


def change_roles(e: Emulator, user: dict[str, Any], op: str, names: list[str],
                 tenant_id: str = "") -> None:
    """Set / add / remove project roles, or the roles of one tenant membership."""
    if not tenant_id:
        user["roleNames"] = combine(op, list(user.get("roleNames") or []), names)
        return
    new = tenant_association(e, tenant_id, [])
    tenants = list(user.get("userTenants") or [])
    assoc = next((t for t in tenants if t.get("tenantId") == tenant_id), None)
    if assoc is None:
        if op == "remove":
            raise errors.INVALID_REQUEST(f"User is not in tenant '{tenant_id}'")
        assoc = new
        tenants.append(assoc)
    assoc["roleNames"] = combine(op, list(assoc.get("roleNames") or []), names)
    user["userTenants"] = tenants


def change_tenant(e: Emulator, user: dict[str, Any], tenant_id: str, add: bool) -> None:
    """Add the user to a tenant (keeping an existing membership) or remove it."""
    new = tenant_association(e, tenant_id, [])
    current = user.get("userTenants") or []
    tenants = [t for t in current if t.get("tenantId") != tenant_id]
    if add:
        old = next((t for t in current if t.get("tenantId") == tenant_id), None)
        tenants.append(old or new)
    user["userTenants"] = tenants


def change_sso_apps(e: Emulator, user: dict[str, Any], op: str, ids: list[str]) -> None:
    """Set / add / remove SSO applications (added ones must exist)."""
    if op != "remove":
        for app_id in ids:
            if e.store.sso_applications.get(app_id) is None:
                raise errors.SSO_APP_NOT_FOUND(f"SSO application '{app_id}' not found")
    user["ssoAppIds"] = combine(op, list(user.get("ssoAppIds") or []), ids)


def invite(e: Emulator, user: dict[str, Any], *, link: str, send_mail: bool | None,
           send_sms: bool) -> None:
    """The invitation message(s) of a newly created user."""
    login_id = user["loginIds"][0]
    if send_mail is not False and user.get("email"):
        delivery.send(e, login_id, "email", user["email"], "invite", {"link": link})
    if send_sms and user.get("phone"):
        delivery.send(e, login_id, "sms", user["phone"], "invite", {"link": link})


def record_created(e: Emulator, user: dict[str, Any], invited: bool) -> None:
    """The ``UserCreated`` audit event."""
    audit.record(
        e, "UserCreated", user_id=user["userId"], login_ids=list(user["loginIds"]),
        tenants=[t["tenantId"] for t in user.get("userTenants") or []],
        data={"invite": invited, "test": bool(user.get("test"))},
    )


def record_modified(e: Emulator, user: dict[str, Any], action: str = "UserModified",
                    **fields: Any) -> None:
    """An audit event about a changed user."""
    audit.record(e, action, user_id=user["userId"], login_ids=list(user["loginIds"]), **fields)


_PHONE = re.compile(r"\+?[0-9]{6,15}")
_RECOVERY_FORMS = {
    "recoveryEmail": (re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"), "an email address"),
    "recoveryPhone": (_PHONE, "a phone number (+ and 6-15 digits)"),
}


def is_phone(value: str) -> bool:
    """Whether ``value`` looks like a phone number (an optional + and 6-15 digits)."""
    return bool(_PHONE.fullmatch(value))


def set_recovery(user: dict[str, Any], field: str, value: str, verified: bool) -> None:
    """Set the user's ``recoveryEmail`` / ``recoveryPhone`` (an empty value removes it)
    and its ``verifiedRecoveryEmail`` / ``verifiedRecoveryPhone`` flag; 400 for a value
    that is not an address of its kind. The caller saves the user."""
    pattern, what = _RECOVERY_FORMS[field]
    flag = "verified" + field[0].upper() + field[1:]
    if not value:
        user.pop(field, None)
        user.pop(flag, None)
        return
    if not pattern.fullmatch(value):
        raise errors.INVALID_REQUEST(f"'{field}' must be {what}")
    user[field] = value
    user[flag] = bool(verified)


def activate_invited(e: Emulator, user: dict[str, Any]) -> None:
    """The first sign-in of an invited user activates it."""
    if user.get("status") == "invited":
        user["status"] = "enabled"
        e.store.users.save(user)


@dataclass
class UserFilter:
    """The filters of ``/v2/mgmt/user/search``."""

    test_only: bool = False
    with_test: bool = False
    tenant_ids: list[str] = field(default_factory=list)
    role_names: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)
    login_ids: list[str] = field(default_factory=list)
    sso_app_ids: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    from_created: int = 0
    to_created: int = 0
    from_modified: int = 0
    to_modified: int = 0
    tenant_role_names: dict[str, tuple[list[str], bool]] = field(default_factory=dict)
    tenant_role_ids: dict[str, tuple[list[str], bool]] = field(default_factory=dict)

    def matches(self, user: dict[str, Any]) -> bool:
        """Whether ``user`` passes every filter."""
        is_test = bool(user.get("test"))
        if self.test_only and not is_test:
            return False
        if is_test and not (self.test_only or self.with_test):
            return False
        tenants = {t.get("tenantId"): t for t in user.get("userTenants") or []}
        if self.tenant_ids and not set(self.tenant_ids) & set(tenants):
            return False
        if self.role_names:
            held = set(user.get("roleNames") or [])
            for t in tenants.values():
                held |= set(t.get("roleNames") or [])
            if not set(self.role_names) & held:
                return False
        for wanted, value in (
            (self.statuses, user.get("status")),
            (self.emails, user.get("email")),
            (self.phones, user.get("phone")),
            (self.user_ids, user.get("userId")),
        ):
            if wanted and value not in wanted:
                return False
        if self.login_ids and not set(self.login_ids) & set(user.get("loginIds") or []):
            return False
        if self.sso_app_ids and not set(self.sso_app_ids) & set(user.get("ssoAppIds") or []):
            return False
        attrs = user.get("customAttributes") or {}
        for k, v in self.attrs.items():
            if isinstance(v, list):
                if attrs.get(k) not in v:
                    return False
            elif attrs.get(k) != v:
                return False
        if self.text and self.text not in _haystack(user, attrs):
            return False
        created = int(user.get("createdTime", 0)) * 1000
        modified = int(user.get("modifiedTime", user.get("createdTime", 0))) * 1000
        for limit, value, lower in (
            (self.from_created, created, True),
            (self.to_created, created, False),
            (self.from_modified, modified, True),
            (self.to_modified, modified, False),
        ):
            if limit and ((lower and value < limit) or (not lower and value > limit)):
                return False
        for spec in (self.tenant_role_names, self.tenant_role_ids):
            for tid, (values, conj) in spec.items():
                held = set((tenants.get(tid) or {}).get("roleNames") or [])
                if conj and not set(values) <= held:
                    return False
                if not conj and values and not set(values) & held:
                    return False
        return True


def _haystack(user: dict[str, Any], attrs: dict[str, Any]) -> str:
    return " ".join(
        [
            *(user.get("loginIds") or []),
            user.get("email", ""),
            user.get("phone", ""),
            user.get("name", ""),
            user.get("userId", ""),
            json.dumps(attrs),
        ]
    ).lower()
