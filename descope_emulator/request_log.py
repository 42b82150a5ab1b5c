"""The request log the console shows: a bounded in-memory ring of recent API calls (time,
method, path, status, latency, error code, a masked view of the query, credentials and
body). Nothing secret is kept: token, key, code and password values are masked before an
entry is stored, so the log can be shown and copied freely."""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from typing import Any

CAPACITY = 500
BODY_PREVIEW = 4096
MASK = "***"
# field names whose values are secrets (compared lower-case, without - and _)
SECRET_WORDS = ("token", "jwt", "code", "password", "secret", "key", "otp", "assertion",
                "credential", "cookie", "authorization", "hash")
# whole field names that are secrets without a secret word: a link's token (``t``) and the
# pending reference that collects an enchanted link / magic link / NOTP session
SECRET_NAMES = ("t", "pendingref")
# fields that hold a whole file as one string (user import: the users may carry password
# hashes); their string values are masked, their object / array forms are masked field by field
FILE_FIELDS = ("users",)
_JWT = re.compile(r"[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")


def is_secret_name(name: str) -> bool:
    """Whether a field named ``name`` holds a secret (its value is masked)."""
    plain = name.lower().replace("-", "").replace("_", "")
    if plain in SECRET_NAMES:
        return True
    return any(word in plain for word in SECRET_WORDS) and plain not in ("keyid", "loginid")


def mask_text(text: str) -> str:
    """``text`` with anything shaped like a JWT replaced by the mask."""
    return _JWT.sub(MASK, text)


def mask_value(value: Any) -> Any:
    """A JSON value with secret fields (at any depth) and JWT-shaped strings masked."""
    if isinstance(value, dict):
        return {k: (MASK if v not in (None, "") and (
                        is_secret_name(str(k)) or k in FILE_FIELDS and isinstance(v, str))
                    else mask_value(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_value(v) for v in value]
    if isinstance(value, str):
        return mask_text(value)
    return value


def mask_query(query: str) -> str:
    """A query string with secret parameters masked."""
    parts = []
    for pair in query.split("&") if query else []:
        name, eq, value = pair.partition("=")
        parts.append(f"{name}={MASK}" if eq and is_secret_name(name) else mask_text(pair))
    return "&".join(parts)


def mask_authorization(header: str) -> str:
    """``Bearer <projectId>:<secret>`` -> ``Bearer <projectId>:***`` (the project id is no
    secret; whatever follows it is)."""
    scheme, _, value = header.partition(" ")
    if not value:
        return MASK if header else ""
    project, colon, _rest = value.partition(":")
    return f"{scheme} {project}{':' + MASK if colon else ''}"


def mask_body(raw: bytes) -> Any:
    """A request body as the log shows it: masked JSON, or a note on what it was."""
    if not raw:
        return None
    if len(raw) > BODY_PREVIEW:
        return f"({len(raw)} bytes)"
    try:
        return mask_value(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return f"({len(raw)} bytes, not JSON)"


class RequestLog:
    """The last :data:`CAPACITY` API calls, newest last (thread-safe)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._lock = threading.Lock()
        self._entries: deque[dict[str, Any]] = deque(maxlen=capacity)
        self._next_id = 1

    def add(self, entry: dict[str, Any]) -> None:
        """Store one (already masked) entry, giving it an increasing ``id``."""
        with self._lock:
            entry["id"] = self._next_id
            self._next_id += 1
            self._entries.append(entry)

    def entries(self, *, after: int = 0, path: str = "", status: str = "",
                limit: int = 200) -> list[dict[str, Any]]:
        """Entries newest first: ``after`` an id, whose path contains ``path`` and whose
        status starts with ``status`` (``"4"``, ``"503"``), at most ``limit``."""
        with self._lock:
            items = list(self._entries)
        out = []
        for entry in reversed(items):
            if entry["id"] <= after:
                break
            if path and path not in entry["path"]:
                continue
            if status and not str(entry["status"]).startswith(status):
                continue
            out.append(entry)
            if len(out) >= limit:
                break
        return out

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


def error_code_of(answer: dict[str, Any]) -> str:
    """The ``errorCode`` of an error answer (``status``, ``json``, ``body``), or ""."""
    if answer["status"] < 400 or not answer["json"]:
        return ""
    try:
        code = json.loads(bytes(answer["body"])).get("errorCode", "")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return ""
    return code if isinstance(code, str) else ""
