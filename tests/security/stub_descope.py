"""A minimal stand-in for Descope used by the battery: serves the JWKS and refuses refreshes.

The battery needs tokens signed with keys it controls (expired, wrong issuer, ...), so
it serves its own JWKS instead of the emulator's. It counts what reaches it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class StubDescope:
    def __init__(self, project_id: str, jwks: dict[str, Any]) -> None:
        self.project_id = project_id
        self.jwks = jwks
        self.calls: Counter[str] = Counter()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                stub.calls["GET " + path] += 1
                if path == f"/v2/keys/{stub.project_id}":
                    self._send(200, stub.jwks)
                else:
                    self._send(404, {"errorCode": "E000404", "errorDescription": "not found"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                path = self.path.split("?", 1)[0]
                stub.calls["POST " + path] += 1
                self._send(
                    401,
                    {"errorCode": "E061005", "errorDescription": "Invalid refresh token"},
                )

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def jwks_calls(self) -> int:
        return self.calls[f"GET /v2/keys/{self.project_id}"]

    @property
    def refresh_calls(self) -> int:
        return sum(n for k, n in self.calls.items() if k.startswith("POST ") and "refresh" in k)

    def start(self) -> StubDescope:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
