"""Passwords: the policy, hashing (scrypt), authentication, and temporary / expired
passwords.

Password state: ``_passwordExpiredHash`` holds the hash that must not be used to sign in
any more (an expired or a temporary password). Setting a new password through any flow
changes ``_passwordHash``, which lifts the block by itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from .. import errors
from ..state import Emulator
from . import project_settings, sessions
from .imported_hashes import check_imported
from .tenants import require_tenant
from .users import new_user, record_modified, require_enabled, sign_up_fields, touch

TENANT_POLICIES = "tenant_password_policies"


def policy(e: Emulator, user: dict[str, Any] | None = None) -> dict[str, Any]:
    """The password policy that applies: the policy of the first of ``user``'s tenants
    that has one of its own, else the project's (Descope's default: 8+ characters, lower
    case, upper case, a digit)."""
    if user is not None:
        own = tenant_policies(e)
        for tenant in user.get("userTenants") or []:
            if tenant.get("tenantId") in own:
                return own[tenant["tenantId"]]
    return project_settings.password_policy(e)


def tenant_policies(e: Emulator) -> dict[str, dict[str, Any]]:
    """Every tenant's own password policy, by tenant id."""
    stored = e.store.project_documents.get(TENANT_POLICIES)
    return stored if isinstance(stored, dict) else {}


def settings_of(e: Emulator, tenant_id: str) -> dict[str, Any]:
    """A tenant's policy (the project's while it has none of its own), or the project's
    for an empty ``tenant_id``."""
    if not tenant_id:
        return project_settings.password_policy(e)
    require_tenant(e, tenant_id)
    return tenant_policies(e).get(tenant_id) or project_settings.password_policy(e)


def configure(e: Emulator, tenant_id: str, changes: dict[str, Any]) -> None:
    """Change the project's (empty ``tenant_id``) or a tenant's password policy."""
    project_settings.check({"passwordPolicy": changes})
    if not tenant_id:
        project_settings.update(e, {"passwordPolicy": changes})
        return
    with e.store.tx():
        current = settings_of(e, tenant_id)
        policies = tenant_policies(e)
        policies[tenant_id] = {**current, **changes}
        e.store.project_documents.set(TENANT_POLICIES, policies)


def policy_errors(e: Emulator, password: str, user: dict[str, Any] | None = None) -> list[str]:
    """What ``password`` lacks under the policy that applies (empty when it passes)."""
    rules = policy(e, user)
    if not rules.get("enabled", True):
        return []
    problems = []
    if len(password) < rules["minLength"]:
        problems.append(f"at least {rules['minLength']} characters")
    if rules["lowercase"] and not any(c.islower() for c in password):
        problems.append("a lower-case letter")
    if rules["uppercase"] and not any(c.isupper() for c in password):
        problems.append("an upper-case letter")
    if rules["number"] and not any(c.isdigit() for c in password):
        problems.append("a digit")
    if rules["nonAlphanumeric"] and all(c.isalnum() for c in password):
        problems.append("a non-alphanumeric character")
    return problems


def enforce_policy(e: Emulator, password: str, user: dict[str, Any] | None = None) -> None:
    """400 when ``password`` does not meet the policy that applies (``user``'s tenant's)."""
    problems = policy_errors(e, password, user)
    if problems:
        raise errors.PASSWORD_POLICY("Password needs " + ", ".join(problems))


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$<salt hex>$<digest hex>``."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches a stored hash."""
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt_hex, _ = stored.split("$")
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


def set_password(user: dict[str, Any], password: str) -> None:
    """Give the user a new (active) password hash."""
    user["_passwordHash"] = hash_password(password)
    user["password"] = True


def set_by_management(user: dict[str, Any], password: str, active: bool) -> None:
    """A password set through the management API: active, or temporary (it must be
    replaced before it can sign in)."""
    set_password(user, password)
    if active:
        user.pop("_passwordExpiredHash", None)
    else:
        user["_passwordExpiredHash"] = user["_passwordHash"]


def set_by_administrator(e: Emulator, user: dict[str, Any], password: str, active: bool) -> None:
    """Set a user's password as an administrator does (the management API's
    `password/set*`, the console's user form): saved, with a `UserPasswordSet` audit event.

    Args:
        e: the emulator.
        user: the stored user to change.
        password: the new password (never logged).
        active: True for a password that signs in as is; False for a temporary one.
    """
    set_by_management(user, password, active)
    touch(e, user)
    record_modified(e, user, "UserPasswordSet", data={"active": active})


def expire(user: dict[str, Any]) -> None:
    """Expire the user's current password (400 when the user has none)."""
    if not user.get("_passwordHash"):
        raise errors.NO_PASSWORD("User has no password")
    user["_passwordExpiredHash"] = user["_passwordHash"]


def authenticate(e: Emulator, login_id: str, password: str) -> dict[str, Any]:
    """The user whose password this is (401 unknown user or wrong password, 403
    disabled)."""
    user = e.store.users.by_login_id(login_id)
    if user is not None and not user.get("_passwordHash") and user.get("_hashedPassword"):
        # a hash imported from another system: checked once, then replaced by ours
        if check_imported(password, user["_hashedPassword"]):
            set_password(user, password)
            user.pop("_hashedPassword", None)
            e.store.users.save(user)
    if user is None or not check_password(password, user.get("_passwordHash")):
        raise errors.WRONG_PASSWORD("Invalid login id or password")
    return require_enabled(user)


def check_usable(user: dict[str, Any]) -> None:
    """401 "password expired" for an expired or temporary password (after the password
    itself matched)."""
    blocked = user.get("_passwordExpiredHash")
    if blocked and blocked == user.get("_passwordHash"):
        raise errors.PASSWORD_EXPIRED(
            "The user's password is expired or temporary; it must be reset or replaced"
        )


def sign_up(e: Emulator, login_id: str, password: str, fields: dict[str, Any],
            dct: str = "") -> dict[str, Any]:
    """Create a user with a password (``password.sign_up`` and the flows' sign-up screen):
    400 when the password breaks the project's policy, 409 when the login id is taken.
    Returns the JWT answer (``dct``: the tenant a flow runs for)."""
    enforce_policy(e, password)
    with e.store.tx():
        if e.store.users.by_login_id(login_id) is not None:
            raise errors.USER_EXISTS(f"User '{login_id}' already exists")
        user = new_user(e, login_id, sign_up_fields(fields))
        set_password(user, password)
        e.store.users.save(user)
    return sessions.issue_after_flow(e, user, {"dct": dct}, True, "pwd")


def sign_in(e: Emulator, login_id: str, password: str, dct: str = "") -> dict[str, Any]:
    """Sign in with a password (``password.sign_in`` and the flows' password screen): 401
    unknown user, wrong or expired password; 403 disabled user. Returns the JWT answer."""
    user = authenticate(e, login_id, password)
    check_usable(user)
    return sessions.issue_after_flow(e, user, {"dct": dct}, False, "pwd")
