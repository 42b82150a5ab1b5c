"""A request id on every answer, in the header Descope's edge uses (`cf-ray`).

Clients log it and put it on their telemetry spans, so a failure seen in an app can be
matched with the emulator's own log line, as with Descope support.
"""

from __future__ import annotations

import logging
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .request_log import mask_text

REQUEST_ID_HEADER = b"cf-ray"
SUFFIX = "-EMU"  # Descope's carry a data-centre code here

log = logging.getLogger("descope_emulator")


class RequestId:
    """Pure ASGI: adds `cf-ray: <16 hex>-EMU` to each HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = (secrets.token_hex(8) + SUFFIX).encode("ascii")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                headers.append((REQUEST_ID_HEADER, rid))
                message = {**message, "headers": headers}
                if message.get("status", 200) >= 400:
                    log.info("%s %s -> %s (request id %s)", scope.get("method"),
                             mask_text(scope.get("path", "")), message.get("status"),
                             rid.decode())
            await send(message)

        await self.app(scope, receive, send_with_id)
