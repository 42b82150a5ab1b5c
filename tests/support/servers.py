"""Real servers for the matrix apps, and request/cookie helpers.

Used by tests/integrations (the cross-framework matrix), tests/security and tests/faults.
"""

from __future__ import annotations

import importlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import requests

FRAMEWORKS = ("flask", "asgi", "django", "django_asgi")
# the package each framework needs (a per-framework tox env installs only its own)
REQUIRES = {"flask": "flask", "asgi": "starlette", "django": "django", "django_asgi": "django"}
APPS_PACKAGE = "tests.integrations.apps"


def load_app_module(framework: str) -> ModuleType:
    """The matrix app module `tests.integrations.apps.<framework>_app`."""
    return importlib.import_module(f"{APPS_PACKAGE}.{framework}_app")


@contextmanager
def serve_wsgi(app: Any) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="matrix-wsgi", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve_asgi(app: Any) -> Iterator[str]:
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="auto")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="matrix-asgi", daemon=True
    )
    thread.start()
    try:
        while not server.started:  # readiness, not a timing assertion
            if not thread.is_alive():
                raise RuntimeError("uvicorn exited before it was ready")
            thread.join(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


@contextmanager
def serve(app: Any, kind: str) -> Iterator[str]:
    if kind == "wsgi":
        with serve_wsgi(app) as url:
            yield url
    elif kind == "asgi":
        with serve_asgi(app) as url:
            yield url
    else:
        raise ValueError(f"make_app returned unknown kind {kind!r} (want 'wsgi' or 'asgi')")


@contextmanager
def serve_matrix_app(framework: str, client_kwargs: dict[str, Any]) -> Iterator[int]:
    """Start apps/<framework>_app.py on 127.0.0.1; yields the port."""
    app, kind = load_app_module(framework).make_app(client_kwargs)
    with serve(app, kind) as base_url:
        yield int(base_url.rsplit(":", 1)[1])


def client_kwargs_for(emulator: Any, **extra: Any) -> dict[str, Any]:
    return {
        "project_id": emulator.project_id,
        "base_url": emulator.base_url,
        "management_key": emulator.management_key,
        "cookie_secure": False,
        **extra,
    }


@dataclass
class Server:
    """A running matrix app: `base_url` plus small helpers for cookie-explicit requests."""

    framework: str
    base_url: str
    emulator: Any

    @property
    def origin(self) -> str:
        return self.base_url

    def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        # A fresh connection per call and no cookie jar: each request carries exactly
        # the cookies the test passes.
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 30)
        all_headers = {"Accept": "application/json", **(headers or {})}
        return requests.request(
            method, self.base_url + path, cookies=cookies or {}, headers=all_headers, **kwargs
        )

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)


def set_cookies(response: requests.Response) -> dict[str, dict[str, str]]:
    """Every Set-Cookie of a response: name -> {"value": ..., lower-cased attributes}."""
    result: dict[str, dict[str, str]] = {}
    for header in response.raw.headers.getlist("Set-Cookie"):
        first, *attrs = [part.strip() for part in header.split(";")]
        name, _, value = first.partition("=")
        entry = {"value": value}
        for attr in attrs:
            key, _, attr_value = attr.partition("=")
            entry[key.lower()] = attr_value or "true"
        result[name] = entry
    return result


def is_cleared(cookie: dict[str, str] | None) -> bool:
    if cookie is None:
        return False
    return cookie["value"] in ("", '""') and (cookie.get("max-age") == "0" or "expires" in cookie)
