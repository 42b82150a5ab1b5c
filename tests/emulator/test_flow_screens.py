"""The emulator's flow screens, as the component receives them: made of the UI library's
elements only, each field labelled and named, each button with a unique id and a text, a
heading, and an error line the component fills (``data-type="error-message"``) that
assistive technology announces."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from descope_emulator.domain import flow_content, flow_engine

FIELDS = ("descope-email-field", "descope-text-field", "descope-password", "descope-passcode",
          "descope-phone-field", "descope-new-password")


class _Screen(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, Any]]] = []
        self.texts: dict[int, str] = {}
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for index in self._open:
            self.texts[index] = self.texts.get(index, "") + data


def _screens() -> list[str]:
    ids = [*flow_engine.FLOW_KINDS, *(s for s in flow_engine.REGISTRY.screens
                                      if s != flow_engine.START)]
    return sorted(set(ids))


@pytest.mark.parametrize("screen_id", _screens())
def test_screen_is_clean_and_accessible(screen_id: str) -> None:
    item = flow_engine.REGISTRY.screens.get(screen_id)
    html = (flow_content.builtin_screen(screen_id) if item is None or flow_engine.is_builtin(screen_id)
            else (flow_content.SCREENS / item.file).read_text(encoding="utf-8"))
    assert html
    parsed = _Screen()
    parsed.feed(html)
    tags = [tag for tag, _ in parsed.elements]
    assert all(tag.startswith("descope-") for tag in tags), tags  # the library's elements only
    ids = [attrs["id"] for _, attrs in parsed.elements if attrs.get("id")]
    assert len(ids) == len(set(ids)), f"duplicate ids: {ids}"
    assert any(attrs.get("role") == "heading" for _, attrs in parsed.elements)
    errors = [attrs for tag, attrs in parsed.elements
              if attrs.get("data-type") == "error-message"]
    assert errors and all(a.get("role") == "alert" for a in errors)
    for index, (tag, attrs) in enumerate(parsed.elements):
        if tag in FIELDS:
            assert attrs.get("name") and attrs.get("label"), (tag, attrs)
        if tag == "descope-button":
            assert attrs.get("id") and parsed.texts.get(index, "").strip(), attrs


def test_every_start_section_is_a_button_with_a_text() -> None:
    for section in flow_engine.REGISTRY.sections.values():
        parsed = _Screen()
        parsed.feed((flow_content.SCREENS / section.file).read_text(encoding="utf-8"))
        buttons = [i for i, (tag, _) in enumerate(parsed.elements) if tag == "descope-button"]
        assert buttons, section
        for index in buttons:
            assert parsed.elements[index][1].get("id") and parsed.texts.get(index, "").strip()
