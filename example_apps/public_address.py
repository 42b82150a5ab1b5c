"""One address per app: a browser that opens an app on another name of this machine is sent
to the address the app serves (`APP_PUBLIC_URL`, `http://localhost:<port>` in the demo).

Why redirect instead of serving both names: a browser keeps cookies, the sign-in state and
passkeys per host name, so a page opened on `http://127.0.0.1:8000` cannot finish a sign-in
whose links, OAuth return URL and WebAuthn relying party say `localhost` (the cookie set on
one name is never sent to the other, and a form posted from one is "another site" to the
other). WebAuthn refuses an IP address as a relying party outright, so `localhost` is the
name that works for every sign-in method; sending the browser there is the honest fix.

Only browser page loads (GET/HEAD navigations) on a loopback name other than the public one
are redirected. API clients (curl, the SDKs) keep working on either name, and the target
is built from configuration, never from the request's `Host`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from example_apps.web_security import public_url

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _host_name(host: str) -> str:
    """The name part of a `Host` header value (`[::1]:8000` -> `[::1]`), lower-cased."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def is_navigation(method: str, headers: Mapping[str, str]) -> bool:
    """Whether the request is a browser loading a page (not a script or an API client).

    Args:
        method: the HTTP method.
        headers: the request headers, looked up by lower-case name.
    """
    if method.upper() not in ("GET", "HEAD"):
        return False
    mode = headers.get("sec-fetch-mode")
    if mode is not None:
        return mode.lower() == "navigate"
    return "text/html" in (headers.get("accept") or "")


def redirect_target(
    method: str, host: str | None, headers: Mapping[str, str], site: str, path: str
) -> str | None:
    """The URL on `site` to send this request to, or None to serve it where it is.

    Args:
        method: the HTTP method.
        host: the request's `Host` header (None when absent).
        headers: the request headers, looked up by lower-case name.
        site: the app's public origin (`scheme://host[:port]`, from `APP_PUBLIC_URL`).
        path: the request's path with its query string (starting with `/`).
    """
    if not host or not path.startswith("/"):
        return None
    public = urlsplit(site)
    if host.strip().lower() == public.netloc.lower():
        return None
    name = _host_name(host)
    if name not in LOOPBACK_NAMES or (public.hostname or "") not in LOOPBACK_NAMES:
        return None  # only another name of this machine, for an app served on this machine
    if not is_navigation(method, headers):
        return None
    return site + path


class PublicAddressMiddleware:
    """Pure ASGI middleware that applies `redirect_target` to every HTTP request."""

    def __init__(self, app: ASGIApp, site: str) -> None:
        """Wrap `app`; `site` is the app's public origin (see `redirect_target`)."""
        self.app = app
        self.site = site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 302 to the public address, or pass the request on unchanged."""
        if scope["type"] == "http":
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            query = scope.get("query_string", b"").decode("latin-1")
            path = scope.get("raw_path", b"").decode("latin-1") or scope["path"]
            target = redirect_target(
                scope["method"],
                headers.get("host"),
                headers,
                self.site,
                path + ("?" + query if query else ""),
            )
            if target is not None:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 302,
                        "headers": [(b"location", target.encode("latin-1")),
                                    (b"content-length", b"0")],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)


class PublicAddressDjangoMiddleware:
    """Django middleware that applies `redirect_target` (first in `MIDDLEWARE`)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        """Keep the next handler; the public origin comes from `APP_PUBLIC_URL`."""
        self.get_response = get_response
        self.site = public_url(8000)

    def __call__(self, request: Any) -> Any:
        """Answer 302 to the public address, or hand the request on."""
        # imported here so that the Flask and ASGI apps import this module without Django
        from django.http import HttpResponseRedirect

        target = redirect_target(
            request.method or "GET",
            request.META.get("HTTP_HOST"),
            request.headers,
            self.site,
            request.get_full_path(),
        )
        if target is not None:
            return HttpResponseRedirect(target)
        return self.get_response(request)
