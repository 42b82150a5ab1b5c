"""A tiny local Descope stand-in for the middleware benchmark (no emulator needed).

Serves the JWKS, `me` (django-descope asks for it once per user), and refuses
refreshes. Runs in a thread of the benchmark process.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class BenchStub:
    def __init__(self, project_id: str, jwks: dict[str, Any], user_id: str) -> None:
        project, uid = project_id, user_id

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _route(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = self.path.split("?", 1)[0]
                if path == f"/v2/keys/{project}":
                    self._send(200, jwks)
                elif path == "/v1/auth/me":
                    self._send(200, {"userId": uid, "email": "bench@example.com", "loginIds": [uid]})
                else:
                    self._send(401, {"errorCode": "E061005", "errorDescription": "refused"})

            do_GET = do_POST = _route

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
