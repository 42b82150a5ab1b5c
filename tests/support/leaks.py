"""Leak checks shared by the battery and the fault tests."""

from __future__ import annotations

import logging

import pytest


def token_fragments(token: str) -> list[str]:
    """The pieces of a token whose presence in a log line would be a leak."""
    frags = [token] if len(token) >= 16 else []
    parts = token.split(".")
    frags += [p for p in parts[1:] if len(p) >= 16]  # payload and signature segments
    return frags


def assert_not_logged(caplog: pytest.LogCaptureFixture, *tokens: str | bytes) -> None:
    fmt = logging.Formatter("%(message)s")
    texts = []
    for record in caplog.records:
        text = fmt.format(record)
        if record.exc_info and record.exc_info[1] is not None:
            text += repr(record.exc_info[1])
        texts.append(text + repr(record.args))
    blob = "\n".join(texts)
    for token in tokens:
        tok = token.decode("latin-1") if isinstance(token, bytes) else token
        for frag in token_fragments(tok):
            assert frag not in blob, "a log line contains (part of) the token"
