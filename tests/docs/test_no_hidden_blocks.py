"""Every code block of the documented pages is a fenced block the runner sees: an
indented code block (four spaces) would be shown to readers but never run or checked."""

from __future__ import annotations

import re

import markdown
import pytest

from .blocks import ROOT, documents, parse

PAGES = documents()


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_code_block_is_fenced(page) -> None:  # noqa: ANN001 - a Path
    html = markdown.markdown(
        page.read_text(encoding="utf-8"),
        extensions=["pymdownx.superfences", "tables", "admonition", "attr_list"],
    )
    rendered = len(re.findall(r"<pre\b", html))
    assert rendered == len(parse(page)), (
        f"{page.relative_to(ROOT)} has {rendered - len(parse(page))} code block(s) the example "
        "runner does not see: fence them (```bash, ```python, ...)"
    )
