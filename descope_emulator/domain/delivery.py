"""Delivery of codes and links: channels, masked addresses and the outbox (the emulator
sends nothing; it keeps every message at ``/emulator/outbox``)."""

from __future__ import annotations

from typing import Any

from ..state import Emulator

CHANNELS = ("email", "sms", "voice", "whatsapp")
PHONE_CHANNELS = ("sms", "voice", "whatsapp")


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
