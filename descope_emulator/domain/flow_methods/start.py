"""The start screen every flow opens with: a title, the email field, then the sections the
methods add (domain/flow_engine.py composes them; flow_content.py renders the HTML)."""

from __future__ import annotations

from .. import flow_engine

flow_engine.screen(flow_engine.START, "start.html", inputs=("email",))
