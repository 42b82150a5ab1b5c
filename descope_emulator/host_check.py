"""The names the emulator answers to: ``127.0.0.1``, ``localhost`` and ``::1`` (any port),
the interface it was started on (``--host``) and the names added with ``--allowed-host``.

A request whose ``Host`` is another name is refused (421) before any route sees it: a web
page whose name an attacker points at 127.0.0.1 (DNS rebinding) reaches the emulator with
its own name in ``Host`` and ``Origin`` and would otherwise pass as same-origin. For the
same reason the test-support routes compare ``Origin`` with these names
(:meth:`AllowedHosts.allows_origin`), never with the request's own ``Host``.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from . import errors
from .config import LOOPBACK_NAMES
from .middleware import send_error

_DEFAULT_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443"}


def _name(value: str) -> str:
    """A host name as compared: lower case, no brackets, no trailing dot."""
    return value.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")


def split_host(value: str) -> tuple[str, str] | None:
    """``name[:port]`` / ``[v6]:port`` -> (name, port or ""); None when it is malformed."""
    value = value.strip()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:]
    elif value.count(":") > 1:  # a bare IPv6 address
        name, port = value, ""
    else:
        name, _, port = value.partition(":")
    if not name or (port and not port.isdigit()):
        return None
    return _name(name), port


class AllowedHosts:
    """The names the emulator serves (loopback names always included)."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names = frozenset(_name(n) for n in (*LOOPBACK_NAMES, *names) if n.strip())

    def allows(self, host_header: str | None) -> bool:
        """Whether a request with this ``Host`` header is for the emulator."""
        parts = split_host(host_header) if host_header else None
        return parts is not None and parts[0] in self.names

    def allows_origin(self, origin: str, host_header: str | None, scheme: str = "http") -> bool:
        """Whether ``origin`` is the emulator itself: one of its names, on the port the
        request reached (``Host``'s)."""
        parts = split_host(host_header) if host_header else None
        try:
            url = urlsplit(origin.strip())
            origin_port = str(url.port or _DEFAULT_PORTS.get(url.scheme.lower(), ""))
        except ValueError:
            return False
        if parts is None or url.scheme.lower() not in ("http", "https") or not url.hostname:
            return False
        own_port = parts[1] or _DEFAULT_PORTS.get(scheme, "")
        return _name(url.hostname) in self.names and origin_port == own_port


class HostCheck:
    """Pure ASGI: refuse (421, with the names it serves) every HTTP or WebSocket request
    whose ``Host`` is not one of the emulator's names."""

    def __init__(self, app: ASGIApp, allowed: AllowedHosts) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass requests for the emulator's names through; answer 421 to the others."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"),
                    None)
        if self.allowed.allows(host):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send_error(errors.MISDIRECTED(
            "This emulator answers only to " + ", ".join(sorted(self.allowed.names))
            + " (add a name with --allowed-host)"), send)
