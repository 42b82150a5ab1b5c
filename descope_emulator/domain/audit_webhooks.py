"""Audit webhooks (``mgmt.audit.create_audit_webhook``, Node ``createAuditWebhook``): a
named HTTP target that receives every audit event recorded afterwards.

Delivery: each event is POSTed as JSON (the record as ``/v1/mgmt/audit/search`` shows it) by
a background thread, with the webhook's ``headers``, its ``authentication`` (bearer token,
basic, or API key header) and, with an ``hmacSecret``, the header ``x-descope-webhook-s256``
holding the hex HMAC-SHA256 of the body. Only targets on the loopback interface
(``127.0.0.1``, ``localhost``, ``::1``) are called: the emulator is offline; other URLs are
stored and not called. Delivery is best effort (5 s, no retry). ``filters``
(``{"key": "actions" | "tenants" | "userIds", "operator": "includes" | "excludes",
"values"}``) choose the events sent."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import queue
import threading
import urllib.request
from typing import Any
from urllib.parse import urlparse

from .. import errors
from ..state import Emulator
from ..storage.records import AUDIT_WEBHOOK

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
FILTER_KEYS = {"actions": "action", "tenants": "tenants", "userIds": "userId"}
OPERATORS = frozenset({"includes", "excludes"})
SIGNATURE_HEADER = "x-descope-webhook-s256"
TIMEOUT = 5.0

log = logging.getLogger(__name__)


def _str_map(value: Any, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise errors.WRONG_TYPE(f"'{name}' must be an object of strings")
    return dict(value)


def _filters(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(f, dict) for f in value):
        raise errors.WRONG_TYPE("'filters' must be an array of objects")
    out = []
    for f in value:
        key, operator, values = f.get("key"), f.get("operator"), f.get("values") or []
        if key not in FILTER_KEYS or operator not in OPERATORS:
            raise errors.INVALID_REQUEST(
                f"Filter keys are {', '.join(FILTER_KEYS)}, operators includes / excludes")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise errors.WRONG_TYPE("filter 'values' must be an array of strings")
        out.append({"key": key, "operator": operator, "values": list(values)})
    return out


def set_webhook(e: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    """Create or replace the webhook named ``body["name"]``; returns it."""
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise errors.INVALID_REQUEST("'name' is required")
    url = body.get("url") or ""
    if not isinstance(url, str):
        raise errors.WRONG_TYPE("'url' must be a string")
    if url and (urlparse(url).scheme not in ("http", "https") or not urlparse(url).hostname):
        raise errors.INVALID_REQUEST("'url' must be an http(s) URL")
    auth = body.get("authentication") or {}
    if not isinstance(auth, dict):
        raise errors.WRONG_TYPE("'authentication' must be an object")
    for field in ("description", "hmacSecret"):
        if body.get(field) is not None and not isinstance(body[field], str):
            raise errors.WRONG_TYPE(f"'{field}' must be a string")
    hook = {
        "name": name,
        "description": body.get("description") or "",
        "url": url,
        "headers": _str_map(body.get("headers"), "headers"),
        "authentication": {
            "bearerToken": str(auth.get("bearerToken") or ""),
            "basic": _str_map(auth.get("basic"), "authentication.basic"),
            "apiKey": _str_map(auth.get("apiKey"), "authentication.apiKey"),
        },
        "hmacSecret": body.get("hmacSecret") or "",
        "insecure": bool(body.get("insecure")),
        "filters": _filters(body.get("filters")),
    }
    e.store.records.save(AUDIT_WEBHOOK, name, hook)
    return hook


def _wanted(hook: dict[str, Any], event: dict[str, Any]) -> bool:
    for f in hook.get("filters") or []:
        value = event.get(FILTER_KEYS[f["key"]])
        have = set(value) if isinstance(value, list) else {value}
        hit = bool(have & set(f["values"]))
        if hit != (f["operator"] == "includes"):
            return False
    return True


def _headers(hook: dict[str, Any], body: bytes) -> dict[str, str]:
    headers = {"Content-Type": "application/json", **hook.get("headers", {})}
    auth = hook.get("authentication") or {}
    if auth.get("bearerToken"):
        headers["Authorization"] = f"Bearer {auth['bearerToken']}"
    elif (auth.get("basic") or {}).get("username"):
        basic = auth["basic"]
        pair = f"{basic['username']}:{basic.get('password', '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    elif (auth.get("apiKey") or {}).get("key"):
        headers[auth["apiKey"]["key"]] = auth["apiKey"].get("token", "")
    if hook.get("hmacSecret"):
        headers[SIGNATURE_HEADER] = hmac.new(hook["hmacSecret"].encode(), body,
                                             hashlib.sha256).hexdigest()
    return headers


def deliver(e: Emulator, event: dict[str, Any]) -> None:
    """Queue ``event`` (an audit record with ``occurred`` in ms) for every webhook that
    wants it and whose target is on this machine."""
    for hook in e.store.records.all(AUDIT_WEBHOOK):
        url = hook.get("url") or ""
        if not url or urlparse(url).hostname not in LOCAL_HOSTS or not _wanted(hook, event):
            continue
        body = json.dumps({**event, "projectId": e.project_id}).encode()
        _outbox().put((url, _headers(hook, body), body))


_QUEUE: queue.Queue[tuple[str, dict[str, str], bytes]] | None = None
_LOCK = threading.Lock()


def _outbox() -> queue.Queue[tuple[str, dict[str, str], bytes]]:
    """The delivery queue; its one daemon worker starts with the first webhook call."""
    global _QUEUE
    with _LOCK:
        if _QUEUE is None:
            _QUEUE = queue.Queue()
            threading.Thread(target=_work, args=(_QUEUE,), name="audit-webhooks",
                             daemon=True).start()
        return _QUEUE


def _work(q: queue.Queue[tuple[str, dict[str, str], bytes]]) -> None:
    while True:
        url, headers, body = q.get()
        try:
            req = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:  # noqa: S310 -- loopback only
                resp.read()
        except Exception as exc:  # noqa: BLE001 -- best effort; the emulator goes on
            log.info("audit webhook delivery to %s failed: %s", urlparse(url).netloc,
                     type(exc).__name__)
