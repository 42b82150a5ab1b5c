"""Which fields of the emulator's stored documents are secrets, one rule for every area:
exports leave them out for callers that may not read secrets, and imports of such exports
keep the secrets the project already holds.

A field is a secret when its name starts with ``_`` (the emulator's convention for what the
API never shows: password hashes, provider tokens, TOTP seeds, an OIDC client secret), or
when its name carries a secret word (``secret``, ``token``, ``password``, ``hash``, ...)
and its value is a string or an object; a number or a flag (``accessTokenExpiry``,
``manageProviderTokens``) and a name that only configures one (``tokenUrl``,
``passwordPolicy``, ``sessionTokenExpirationUnit``) are not. The rule looks at names, not
areas, so a record kind added later is covered with no code here.
"""

from __future__ import annotations

from typing import Any

#: words that make a field name a secret (compared lower-case, without ``-`` and ``_``)
WORDS = ("secret", "token", "password", "hash", "credential", "apikey", "privatekey",
         "assertion", "cookie", "authorization", "headers")
#: endings of names that configure a secret rather than hold one
_SETTING_ENDINGS = ("url", "uri", "policy", "policies", "unit", "type", "expiration",
                    "expiry", "ttl", "seconds", "enabled", "rotation", "length", "name",
                    "names", "id", "ids", "scopes", "settings", "format")
#: keys that identify an item of a list, so that an imported item meets its stored twin
_IDENTITY = ("id", "userId", "name")


def plain_name(name: str) -> str:
    """``client_Secret-x`` -> ``clientsecretx``: how names are compared."""
    return name.lower().replace("-", "").replace("_", "")


def is_secret(name: str, value: Any) -> bool:
    """Whether the field ``name`` holding ``value`` is a secret."""
    if name.startswith("_"):
        return True
    if not isinstance(value, (str, dict)):
        return False
    plain = plain_name(name)
    return any(word in plain for word in WORDS) and not plain.endswith(_SETTING_ENDINGS)


def without_secrets(value: Any) -> Any:
    """A copy of a JSON value with every secret field (at any depth) left out."""
    if isinstance(value, dict):
        return {k: without_secrets(v) for k, v in value.items() if not is_secret(str(k), v)}
    if isinstance(value, list):
        return [without_secrets(v) for v in value]
    return value


def _identity(item: Any) -> Any:
    if isinstance(item, dict):
        for key in _IDENTITY:
            if isinstance(item.get(key), str) and item[key]:
                return key, item[key]
    return None


def restore(incoming: Any, current: Any) -> Any:
    """``incoming`` (a document to import) with the secret fields it lacks taken from
    ``current`` (the stored twin: the same key of an object, the list item with the same
    ``id`` / ``userId`` / ``name``), so importing an export made without secrets keeps the
    secrets the project holds. Secrets ``incoming`` carries win."""
    if isinstance(incoming, dict) and isinstance(current, dict):
        out = {k: restore(v, current.get(k)) for k, v in incoming.items()}
        for key, value in current.items():
            if key not in incoming and is_secret(str(key), value):
                out[key] = value
        return out
    if isinstance(incoming, list) and isinstance(current, list):
        twins = {ident: item for item in current if (ident := _identity(item)) is not None}
        return [restore(item, twins.get(_identity(item))) for item in incoming]
    return incoming
