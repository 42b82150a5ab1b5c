"""The request log the console shows: a bounded in-memory ring of recent API calls (time,
method, path, status, latency, error code, a masked view of the query, credentials and
body). Nothing secret is kept: credentials are masked before an entry is stored, whatever
their shape, so the log can be shown and copied freely:

* ``Authorization``: everything after the scheme, but the project id of a well-formed
  ``Bearer <projectId>[:...]`` (``Bearer <key>``, ``Bearer <jwt>``, ``Basic ...``,
  ``Token ...``: all masked; a value with no scheme: masked whole);
* query and body: the value of any field whose name is a secret's (domain/secret_fields.py's
  words, and ``key``, ``code``, ``jwt``, ``otp``, a link's ``t``), at any depth;
* anywhere (path, query, body, field names included): JWT-shaped strings, management and
  access key cleartexts (``K2`` + 30 or more characters), and the emulator's own
  management key.
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from collections.abc import Iterable
from typing import Any

from .domain.secret_fields import WORDS

CAPACITY = 500
BODY_PREVIEW = 4096
MASK = "***"
# field names whose values are secrets (compared lower-case, without - and _)
SECRET_WORDS = (*WORDS, "jwt", "code", "key", "otp")
# whole field names that are secrets without a secret word: a link's token (``t``) and the
# pending reference that collects an enchanted link / magic link / NOTP session
SECRET_NAMES = ("t", "pendingref")
# fields that hold a whole file as one string (user import: the users may carry password
# hashes); their string values are masked, their object / array forms are masked field by field
FILE_FIELDS = ("users",)
# a JWT (or JWS / JWE): base64url JSON ("eyJ") with dot-separated parts, or three long parts
_CREDENTIAL = re.compile(
    r"eyJ[A-Za-z0-9_=-]{4,}(?:\.[A-Za-z0-9_=-]*)*"
    r"|[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"
    r"|K2[A-Za-z0-9_-]{30,}"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9_.+-]{0,31}$")


def is_secret_name(name: str) -> bool:
    """Whether a field named ``name`` holds a secret (its value is masked)."""
    plain = name.lower().replace("-", "").replace("_", "")
    if plain in SECRET_NAMES:
        return True
    return any(word in plain for word in SECRET_WORDS) and plain not in ("keyid", "loginid")


def mask_text(text: str, known: Iterable[str] = ()) -> str:
    """``text`` with credential-shaped strings (JWTs, key cleartexts) and the ``known``
    secrets replaced by the mask."""
    for secret in known:
        if secret:
            text = text.replace(secret, MASK)
    return _CREDENTIAL.sub(MASK, text)


def mask_value(value: Any, known: Iterable[str] = ()) -> Any:
    """A JSON value with secret fields (at any depth) and credential-shaped strings masked."""
    known = tuple(known)
    if isinstance(value, dict):
        return {mask_text(str(k), known): (
                    MASK if v not in (None, "") and (
                        is_secret_name(str(k)) or k in FILE_FIELDS and isinstance(v, str))
                    else mask_value(v, known)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_value(v, known) for v in value]
    if isinstance(value, str):
        return mask_text(value, known)
    return value


def mask_query(query: str, known: Iterable[str] = ()) -> str:
    """A query string with secret parameters and credential-shaped values masked."""
    known = tuple(known)
    parts = []
    for pair in query.split("&") if query else []:
        name, eq, _value = pair.partition("=")
        if eq and is_secret_name(name):
            parts.append(f"{mask_text(name, known)}={MASK}")
        else:
            parts.append(mask_text(pair, known))
    return "&".join(parts)


def mask_authorization(header: str, project_id: str = "") -> str:
    """``Bearer <projectId>:<secret>`` -> ``Bearer <projectId>:***``: only a scheme and this
    project's id are shown; any other value after the scheme (a key or JWT without the
    project id, ``Basic``, ``Token``, ...) is masked whole, and so is a header that does not
    start with a scheme."""
    header = header.strip()
    if not header:
        return ""
    scheme, _, value = header.partition(" ")
    if not _SCHEME.match(scheme) or not value.strip():
        return MASK
    project, colon, _rest = value.strip().partition(":")
    if scheme.lower() == "bearer" and project_id and project == project_id:
        return f"{scheme} {project}{':' + MASK if colon else ''}"
    return f"{scheme} {MASK}"


def mask_body(raw: bytes, known: Iterable[str] = ()) -> Any:
    """A request body as the log shows it: masked JSON, or a note on what it was."""
    if not raw:
        return None
    if len(raw) > BODY_PREVIEW:
        return f"({len(raw)} bytes)"
    try:
        return mask_value(json.loads(raw.decode("utf-8")), known)
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
