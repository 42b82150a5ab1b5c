"""Run the emulator with uvicorn: in the foreground (CLI) or in a background thread
(pytest plugin). The listening socket is bound here, so ``port=0`` yields the real port
before the server starts."""

from __future__ import annotations

import dataclasses
import socket
import threading
from typing import Any

import uvicorn

from .app import create_app
from .config import EmulatorConfig
from .state import Emulator


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (``port=0``: a free one).

    The socket is created with ``IPPROTO_TCP`` and ``TCP_NODELAY``: asyncio turns Nagle off
    only on connections whose socket names that protocol, and a connection with Nagle on
    waits for the client's delayed ACK (~40 ms) between a response's head and its body."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(app: Any, log_level: str) -> uvicorn.Config:
    """How the emulator is served: no access log (paths may carry link tokens), and no
    proxy headers (``X-Forwarded-For`` must not choose the address a management key's
    permitted IPs are checked against)."""
    return uvicorn.Config(app, log_level=log_level, lifespan="off", access_log=False,
                          proxy_headers=False)


def base_url_of(sock: socket.socket) -> str:
    """``http://host:port`` of a bound socket."""
    host, port = sock.getsockname()[:2]
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class BackgroundServer:
    """uvicorn in a daemon thread; ``start()`` returns once it accepts connections."""

    def __init__(self, config: EmulatorConfig, host: str = "127.0.0.1", port: int = 0) -> None:
        # the interface it is bound to is one of the names it answers to
        config = dataclasses.replace(config, allowed_hosts=[*config.allowed_hosts, host])
        self.app = create_app(config)
        self.emulator: Emulator = self.app.emulator
        self.sock = bind(host, port)
        self.base_url = base_url_of(self.sock)
        self._server = uvicorn.Server(
            uvicorn_config(self.app, "warning")
        )
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 30.0) -> BackgroundServer:
        """Start serving; returns once the server accepts connections (RuntimeError otherwise)."""
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self.sock]}, daemon=True,
            name="descope-emulator",
        )
        self._thread.start()
        started = threading.Event()

        def _wait() -> None:
            while not self._server.started and self._thread is not None and self._thread.is_alive():
                started.wait(0.01)
            started.set()

        _wait()
        if not self._server.started:
            raise RuntimeError("descope emulator failed to start")
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and the database."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.sock.close()
        self.emulator.store.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
