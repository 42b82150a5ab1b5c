"""The listening socket: TCP with Nagle off on every connection (otherwise each answer
waits for the client's delayed ACK between its head and its body)."""

from __future__ import annotations

import gc
import socket
from typing import Any

from descope_emulator.server import bind


def test_bound_socket_is_tcp_without_nagle() -> None:
    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY only then
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        sock.close()


def test_accepted_connections_have_nagle_off(descope_emulator: Any) -> None:
    """Over a real connection to the running emulator: the server's end is found among the
    process's sockets by its peer address and must have TCP_NODELAY."""
    host, port = descope_emulator.base_url[len("http://"):].split(":")
    client = socket.create_connection((host, int(port)))
    try:
        client.sendall(b"GET /emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert client.recv(65536).startswith(b"HTTP/1.1 200")
        peer = client.getsockname()
        server_ends = [
            obj for obj in gc.get_objects()
            if issubclass(type(obj), socket.socket) and obj.fileno() != -1  # type(): no proxies
            and obj is not client and _peer(obj) == peer
        ]
        assert server_ends, "the server's end of the connection was not found"
        assert all(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in server_ends)
    finally:
        client.close()


def _peer(sock: socket.socket) -> Any:
    try:
        return sock.getpeername()
    except OSError:
        return None
