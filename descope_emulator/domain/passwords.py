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
from . import project_settings
from .users import require_enabled


def policy(e: Emulator) -> dict[str, Any]:
    """The project's password policy (project settings; Descope's default: 8+ characters,
    lower case, upper case, a digit)."""
    return project_settings.password_policy(e)


def policy_errors(e: Emulator, password: str) -> list[str]:
    """What ``password`` lacks under the project's policy (empty when it passes)."""
    rules = policy(e)
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


def enforce_policy(e: Emulator, password: str) -> None:
    """400 when ``password`` does not meet the project's policy."""
    problems = policy_errors(e, password)
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


def expire(user: dict[str, Any]) -> None:
    """Expire the user's current password (400 when the user has none)."""
    if not user.get("_passwordHash"):
        raise errors.NO_PASSWORD("User has no password")
    user["_passwordExpiredHash"] = user["_passwordHash"]


def authenticate(e: Emulator, login_id: str, password: str) -> dict[str, Any]:
    """The user whose password this is (401 unknown user or wrong password, 403
    disabled)."""
    user = e.store.users.by_login_id(login_id)
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
