"""A real HTTP server on 127.0.0.1 that records what a Descope client sends.

Both SDKs (ours and the official `descope` package) are pointed at it in turn; the
harness then compares what each one put on the wire. It answers every request with a
JSON body chosen by the test (default `{}`), so the clients' response parsing runs on
real HTTP answers too.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

LICENSE_PATH = "/v1/mgmt/license"
SDK_HEADERS = (
    "content-type",
    "accept",
    "x-descope-sdk-name",
    "x-descope-sdk-version",
    "x-descope-sdk-python-version",
    "x-descope-project-id",
    "user-agent",
)


@dataclass(frozen=True)
class Recorded:
    """One request as it reached the server: the parts both SDKs must agree on."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    body: Any
    authorization: str | None
    # which TCP connection carried it (the client's port): not part of what SDKs must agree on
    peer: int = field(default=0, compare=False)
    # the SDK's own headers (name, version, ...): our two clients must agree on them, the
    # official SDK sends its own
    sdk_headers: tuple[tuple[str, str | None], ...] = field(default=(), compare=False)

    def describe(self) -> str:
        return f"{self.method} {self.path}?{self.query} body={self.body!r} auth={self.authorization!r}"


_NO_BODY = "<no body>"


def _parse_body(raw: bytes) -> Any:
    if not raw:
        return _NO_BODY
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


class RecordingServer:
    """`start()` binds an ephemeral port; `take()` returns and forgets what was recorded.

    The official client's license handshake (a `GET /v1/mgmt/license` sent without the
    SDK headers, at construction or before its first management call) is answered but
    not recorded: it is a side effect of building a client, not of any call.
    """

    def __init__(self) -> None:
        self._records: list[Recorded] = []
        self._lock = threading.Lock()
        self.answers: dict[tuple[str, str], Any] = {}
        self.default_answer: Any = {}
        self.status = 200  # the HTTP status of every answer
        self.headers: dict[str, str] = {}  # extra headers of every answer
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> RecordingServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                handshake = parts.path == LICENSE_PATH and "x-descope-sdk-name" not in self.headers
                if handshake:
                    answer: Any = {"rateLimitTier": "tier1"}
                else:
                    rec = Recorded(
                        method=self.command,
                        path=parts.path,
                        query=tuple(sorted(parse_qsl(parts.query, keep_blank_values=True))),
                        body=_parse_body(raw),
                        authorization=self.headers.get("Authorization"),
                        peer=self.client_address[1],
                        sdk_headers=tuple((h, self.headers.get(h)) for h in SDK_HEADERS),
                    )
                    with server._lock:
                        server._records.append(rec)
                        answer = server.answers.get((self.command, parts.path), server.default_answer)
                data = json.dumps(answer).encode()
                self.send_response(200 if handshake else server.status)
                for name, value in server.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def take(self) -> list[Recorded]:
        with self._lock:
            out, self._records = self._records, []
        return out
