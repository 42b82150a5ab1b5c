"""Pure-ASGI layers around the routes: the request log (outermost), the fault switch and
call counters, the project check of ``/v1/auth/*`` and the same-site check of the
test-support routes (``/emulator/*``, the console's API included)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import errors
from .request_log import (
    BODY_PREVIEW,
    RequestLog,
    error_code_of,
    mask_authorization,
    mask_body,
    mask_query,
    mask_text,
)
from .state import Emulator


async def send_error(err: errors.ApiError, send: Send) -> None:
    """Answer with Descope's error body."""
    body = json.dumps(err.body()).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in err.headers.items()]
    await send({"type": "http.response.start", "status": err.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class FaultsAndCounters:
    """Outermost layer: counts API calls per path and applies the fault switch (latency,
    forced status, dropped connection). ``/emulator/*`` is never faulted nor counted."""

    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count, then maybe delay, drop or answer instead of the app."""
        if scope["type"] != "http" or scope["path"].startswith("/emulator"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        traffic = self.emulator.traffic
        traffic.count(path)
        fault = traffic.fault_for(path)
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.latency:
            await asyncio.sleep(fault.latency)
        if fault.drop:
            await self._drop(send)
            return
        if fault.status is None:
            await self.app(scope, receive, send)
            return
        await send_error(errors.injected(fault.status, fault.path, fault.retry_after), send)

    @staticmethod
    async def _drop(send: Send) -> None:
        # uvicorn's send is a bound method of the request cycle, which knows the transport;
        # closing it without answering is what a crashed upstream looks like to a client.
        transport: Any = getattr(getattr(send, "__self__", None), "transport", None)
        if transport is not None:
            transport.abort()
            for _ in range(3):
                await asyncio.sleep(0)  # let connection_lost mark the cycle disconnected
            return
        raise ConnectionAbortedError("fault: connection dropped")


class ProjectCheck:
    """Every ``/v1/auth/*`` call must carry ``Authorization: Bearer <projectId>[:...]``
    naming this project (401 otherwise), as Descope requires."""

    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse ``/v1/auth/*`` calls that do not name this project."""
        if scope["type"] == "http" and scope["path"].startswith("/v1/auth/"):
            header = ""
            for name, value in scope.get("headers", []):
                if name == b"authorization":
                    header = value.decode("latin-1")
                    break
            scheme, _, credential = header.partition(" ")
            if scheme.lower() != "bearer" or credential.strip().split(":")[0] != self.emulator.project_id:
                await send_error(errors.MISSING_PROJECT(
                    "Authorization must be 'Bearer <projectId>[:<token>]' for this project: "
                    f"this emulator serves project id {self.emulator.project_id!r}"
                ), send)
                return
        await self.app(scope, receive, send)


class RequestRecorder:
    """Pure ASGI, the outermost layer (so injected faults are logged too): records every
    API call (not the emulator's own ``/emulator/*`` pages and the console) in the
    emulator's :class:`RequestLog`, masked, with its latency and error code."""

    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator
        self.log: RequestLog = emulator.requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the call through, noting what went in and what came out."""
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(("/v1/", "/v2/")):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        body = bytearray()
        answer: dict[str, Any] = {"status": 0, "body": bytearray(), "json": False}

        async def recv() -> Message:
            message = await receive()
            if message["type"] == "http.request" and len(body) <= BODY_PREVIEW:
                body.extend(message.get("body", b""))
            return message

        async def snd(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                answer["json"] = any(k == b"content-type" and b"json" in v
                                     for k, v in message.get("headers", []))
            elif message["type"] == "http.response.body" and answer["status"] >= 400:
                if len(answer["body"]) <= BODY_PREVIEW:
                    answer["body"].extend(message.get("body", b""))
            await send(message)

        # the fault switch's dropped connection reaches the transport through the server's
        # bound ``send``; keep that reachable through this wrapper
        snd.__self__ = getattr(send, "__self__", None)  # type: ignore[attr-defined]
        try:
            await self.app(scope, recv, snd)
        finally:
            headers = {k.decode("latin-1"): v.decode("latin-1")
                       for k, v in scope.get("headers", [])}
            known = (self.emulator.management_key,)
            self.log.add({
                "time": time.time(),
                "method": scope.get("method", ""),
                "path": mask_text(path, known),
                "query": mask_query(scope.get("query_string", b"").decode("latin-1"), known),
                "status": answer["status"] or 599,
                "latencyMs": round((time.perf_counter() - started) * 1000, 2),
                "errorCode": error_code_of(answer),
                "authorization": mask_authorization(headers.get("authorization", ""),
                                                    self.emulator.project_id),
                "body": mask_body(bytes(body), known),
            })


_UNSAFE_SUPPORT_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


#: whether an ``Origin`` is the emulator itself: (origin, Host header, scheme) -> bool
OriginCheck = Callable[[str, "str | None", str], bool]


class SupportRouteGuard:
    """The test-support routes (``/emulator/*``) change state (a user becomes ``admin``,
    the data is reset): a web page the developer visits must not drive them. An unsafe
    request there is refused when it comes from another site (its ``Origin`` is not one of
    the emulator's own names on its port, never judged by the request's own ``Host``,
    which a DNS-rebinding page controls; or ``Sec-Fetch-Site`` says cross-site/same-site;
    403) or declares a body that is not JSON (415: form and ``text/plain`` posts need no
    CORS preflight). The pytest plugin, the benchmarks and curl send JSON (or no body) and
    no ``Origin``."""

    def __init__(self, app: ASGIApp, own_origin: OriginCheck) -> None:
        self.app = app
        self.own_origin = own_origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse cross-site or non-JSON unsafe requests to ``/emulator/*``."""
        if (
            scope["type"] == "http"
            and scope["path"].startswith("/emulator/")
            and scope.get("method") in _UNSAFE_SUPPORT_METHODS
        ):
            error = self._refusal(scope, self.own_origin)
            if error is not None:
                await send_error(error, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _refusal(scope: Scope, own_origin: OriginCheck) -> errors.ApiError | None:
        headers: dict[bytes, str] = {}
        for name, value in scope.get("headers", []):
            headers.setdefault(name, value.decode("latin-1"))
        origin = headers.get(b"origin")
        if origin is not None:
            if not own_origin(origin, headers.get(b"host"), scope.get("scheme", "http")):
                return errors.FOREIGN_ORIGIN("test-support routes accept no other origin")
        elif headers.get(b"sec-fetch-site", "").strip().lower() in ("cross-site", "same-site"):
            return errors.FOREIGN_ORIGIN("test-support routes accept no other site")
        # a body the browser may send cross-site without a CORS preflight is a form or
        # text/plain one; a body with no Content-Type at all is a non-browser client's
        # (a browser's Blob body without a type comes with an Origin, refused above)
        content_type = headers.get(b"content-type")
        if content_type is not None:
            media = content_type.split(";", 1)[0].strip().lower()
            if media != "application/json":
                return errors.NOT_JSON("test-support routes take application/json bodies")
        return None
