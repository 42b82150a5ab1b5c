"""The READMEs outside the site (README.md, descope_emulator/README.md,
example_apps/README.md) link into the repository and the site's pages; mkdocs' strict
build checks the site's own links, this checks theirs: every relative link names a file
that exists."""

from __future__ import annotations

import re

import pytest

from .blocks import DOCUMENTS, ROOT

_LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s]+)\)")


@pytest.mark.parametrize("readme", DOCUMENTS)
def test_relative_links_name_files_that_exist(readme: str) -> None:
    page = ROOT / readme
    broken = []
    for match in _LINK.finditer(page.read_text(encoding="utf-8")):
        target = match["target"].split("#", 1)[0]
        if not target or re.match(r"^[a-z]+:", target):
            continue  # an anchor on the page, or an absolute URL
        if not (page.parent / target).exists():
            broken.append(match["target"])
    assert not broken, f"{readme} links to missing files: {broken}"
