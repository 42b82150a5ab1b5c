"""Serve a matrix app (tests/integrations/apps/<framework>_app.py) on 127.0.0.1 in a thread.

Until tests/integrations ships a shared server helper this is the battery's own: a
threaded wsgiref-compatible server from werkzeug for WSGI apps, uvicorn for ASGI apps.
"""

from __future__ import annotations

import importlib
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

_INTEGRATIONS = Path(__file__).resolve().parents[1] / "integrations"


def load_app(framework: str, client_kwargs: dict[str, Any]) -> tuple[Any, str]:
    if str(_INTEGRATIONS) not in sys.path:
        sys.path.insert(0, str(_INTEGRATIONS))
    module = importlib.import_module(f"apps.{framework}_app")
    return module.make_app(client_kwargs)  # type: ignore[no-any-return]


class Server:
    def __init__(self, app: Any, kind: str) -> None:
        self.app, self.kind = app, kind
        self.port = 0
        self._stop: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> Server:
        if self.kind == "wsgi":
            from werkzeug.serving import make_server

            srv = make_server("127.0.0.1", 0, self.app, threaded=True)
            self.port = srv.server_port
            self._thread = threading.Thread(target=srv.serve_forever, daemon=True)
            self._thread.start()
            self._stop = srv.shutdown
        else:
            import uvicorn

            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
            config = uvicorn.Config(self.app, log_level="warning", lifespan="off")
            server = uvicorn.Server(config)
            self._thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
            self._thread.start()
            deadline = time.monotonic() + 10
            while not server.started and time.monotonic() < deadline:
                time.sleep(0.01)

            def stop() -> None:
                server.should_exit = True
                if self._thread is not None:
                    self._thread.join(5)
                sock.close()

            self._stop = stop
        return self

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()
