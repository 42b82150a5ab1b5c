"""Delivery of codes and links: channels, masked addresses and the outbox (the emulator
sends nothing; it keeps every message at ``/emulator/outbox``)."""

from __future__ import annotations

import base64
import html
from typing import Any

from ..state import Emulator

# ``im``: an instant-messaging app reached through the user's phone number (the Node SDK names
# it for OTP and for updating a phone by magic link); its messages land in the outbox like
# the others
CHANNELS = ("email", "sms", "voice", "whatsapp", "im")
PHONE_CHANNELS = ("sms", "voice", "whatsapp", "im")


def mask_email(email: str) -> str:
    """``a***@example.com``."""
    local, _, domain = email.partition("@")
    return (local[:1] + "***@" + domain) if domain else "***"


def mask_phone(phone: str) -> str:
    """``*********67``."""
    return "*" * max(len(phone) - 2, 0) + phone[-2:]


def contact_key(channel: str) -> str:
    """The user field a channel delivers to (``email`` or ``phone``)."""
    return "email" if channel == "email" else "phone"


def masked(channel: str, to: str) -> dict[str, str]:
    """``{"maskedEmail": ...}`` or ``{"maskedPhone": ...}`` for an answer."""
    if channel == "email":
        return {"maskedEmail": mask_email(to)}
    return {"maskedPhone": mask_phone(to)}


def send(e: Emulator, login_id: str, channel: str, to: str, kind: str, data: dict[str, Any]) -> None:
    """Put a message in the outbox."""
    e.store.outbox.add(login_id, channel, to, kind, data)


def text_image(text: str) -> str:
    """A ``data:image/svg+xml;base64,...`` URL showing ``text`` (where Descope answers a QR
    code: a real QR PNG needs an extra dependency; the text can be typed or opened instead)."""
    lines = "".join(
        f"<text x='8' y='{24 + 20 * i}' font-size='12' font-family='monospace'>"
        f"{html.escape(text[i * 70:(i + 1) * 70])}</text>"
        for i in range(max(1, min(6, -(-len(text) // 70)))))
    height = 20 * max(1, min(6, -(-len(text) // 70))) + 20
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='480' height='{height}'>"
           f"<rect width='100%' height='100%' fill='white'/>{lines}</svg>")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
