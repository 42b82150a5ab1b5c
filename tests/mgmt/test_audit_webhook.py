"""`mgmt.audit.create_audit_webhook` end to end: audit events recorded afterwards are POSTed
to a real HTTP server on 127.0.0.1, with the webhook's headers, authentication, HMAC
signature and filters."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from descope_core import AuthException


@pytest.fixture
def receiver() -> Iterator[tuple[str, queue.Queue[tuple[dict[str, str], bytes]]]]:
    """A webhook target on an ephemeral 127.0.0.1 port: (url, queue of (headers, body))."""
    got: queue.Queue[tuple[dict[str, str], bytes]] = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 -- http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            got.put(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", got
    finally:
        server.shutdown()
        server.server_close()


def _next_event(got: queue.Queue[tuple[dict[str, str], bytes]],
                action: str) -> tuple[dict[str, str], dict[str, Any]]:
    while True:
        headers, body = got.get(timeout=30)
        event = json.loads(body)
        if event["action"] == action:
            return headers, event


def test_events_are_posted_with_headers_and_filters(
    descope_emulator: Any, mgmt: Any, receiver: Any
) -> None:
    url, got = receiver
    mgmt.audit.create_audit_webhook("hook", url, {"X-Team": "blue"})
    mgmt.tenant.create("Acme", id="t-acme")
    mgmt.audit.create_event("Exported", "info", "actor-1", "t-acme", data={"n": 1})
    headers, event = _next_event(got, "Exported")
    assert headers["x-team"] == "blue" and headers["content-type"] == "application/json"
    assert event["tenants"] == ["t-acme"] and event["data"] == {"n": 1}
    assert event["projectId"] == descope_emulator.project_id and event["occurred"] > 0
    found = mgmt.audit.search(actions=["Exported"])["audits"]
    assert len(found) == 1  # the same event the search shows


def test_signature_authentication_and_filters(
    descope_emulator: Any, mgmt: Any, receiver: Any
) -> None:
    url, got = receiver
    base = descope_emulator.base_url
    auth = {"Authorization": f"Bearer {descope_emulator.project_id}:"
                             f"{descope_emulator.management_key}"}
    r = requests.post(f"{base}/v2/mgmt/connector/audit/web/set", headers=auth, timeout=10, json={
        "name": "signed", "url": url, "hmacSecret": "s3cret",
        "authentication": {"bearerToken": "tok"},
        "filters": [{"key": "actions", "operator": "includes", "values": ["Wanted"]}]})
    assert r.status_code == 200, r.text
    mgmt.tenant.create("Acme", id="t-acme")
    mgmt.audit.create_event("Unwanted", "info", "a", "t-acme")
    mgmt.audit.create_event("Wanted", "info", "a", "t-acme")
    headers, body = got.get(timeout=30)
    event = json.loads(body)
    assert event["action"] == "Wanted"  # the filtered-out event never came
    assert headers["authorization"] == "Bearer tok"
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["x-descope-webhook-s256"] == expected


def test_bad_webhooks_are_refused(descope_emulator: Any, mgmt: Any) -> None:
    with pytest.raises(AuthException):
        mgmt.audit.create_audit_webhook("")  # refused by the client already
    base = descope_emulator.base_url
    auth = {"Authorization": f"Bearer {descope_emulator.project_id}:"
                             f"{descope_emulator.management_key}"}
    for body in ({"name": ""}, {"name": "h", "url": "ftp://x"}, {"name": "h", "headers": []},
                 {"name": "h", "filters": [{"key": "nope", "operator": "includes"}]},
                 {"name": "h", "headers": {"a": 1}}):
        r = requests.post(f"{base}/v2/mgmt/connector/audit/web/set", headers=auth, json=body,
                          timeout=10)
        assert r.status_code == 400, (body, r.text)
