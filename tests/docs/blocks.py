"""The code blocks of the documentation: every fenced block of README.md, the docs site
(docs/**/*.md) and the emulator's and example apps' READMEs, with where it starts.

A block is what the reader sees: its language, its title (```` ```python title="app.py" ````
names the file the reader is told to write), and an optional mark on the line just
before its fence, an HTML comment the site does not show:

    <!-- example: skip (reason the reader can read in the source) -->

A skip mark needs a reason in parentheses; nothing else may follow `example:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# the pages whose examples the suite runs (relative to the repository root)
DOCUMENTS: tuple[str, ...] = (
    "README.md",
    "descope_emulator/README.md",
    "example_apps/README.md",
)
DOCS_DIR = "docs"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_MARK = re.compile(r"^\s*<!--\s*example:\s*(?P<body>.*?)\s*-->\s*$")
_SKIP = re.compile(r"^skip \((?P<reason>[^)]{8,})\)$")


@dataclass(frozen=True)
class CodeBlock:
    """One fenced code block of one page."""

    path: str  # relative to the repository root
    line: int  # 1-based line of the opening fence
    lang: str
    source: str
    attrs: dict[str, str] = field(default_factory=dict)
    skip_reason: str | None = None
    mark_error: str | None = None

    @property
    def title(self) -> str | None:
        """The file name the page gives the block (`title="app.py"`), if any."""
        return self.attrs.get("title")

    @property
    def id(self) -> str:
        """`path:line`, the test id."""
        return f"{self.path}:{self.line}"


def documents() -> list[Path]:
    """Every page whose code blocks are examples, README.md first."""
    pages = [ROOT / name for name in DOCUMENTS if (ROOT / name).exists()]
    pages += sorted((ROOT / DOCS_DIR).rglob("*.md"))
    return pages


def parse(path: Path) -> list[CodeBlock]:
    """The fenced code blocks of one markdown file, in order."""
    rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[CodeBlock] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening or not opening["info"].strip() and _is_closing_only(lines, i):
            i += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].strip()
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            stripped = lines[j].strip()
            if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                break
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j])
            j += 1
        lang = info.split()[0].strip("{}.") if info else ""
        skip, error = _mark(lines[i - 1] if i > 0 else "")
        blocks.append(
            CodeBlock(
                path=rel,
                line=i + 1,
                lang=lang.lower(),
                source="\n".join(body) + "\n",
                attrs=dict(_ATTR.findall(info)),
                skip_reason=skip,
                mark_error=error,
            )
        )
        i = j + 1
    return blocks


def _is_closing_only(lines: list[str], i: int) -> bool:
    """A bare fence that is not followed by a closing one is not an opening."""
    return not any(_FENCE.match(line) for line in lines[i + 1:])


def _mark(line: str) -> tuple[str | None, str | None]:
    """(skip reason, error) of the line before a fence."""
    found = _MARK.match(line)
    if not found:
        return None, None
    skip = _SKIP.match(found["body"])
    if skip:
        return skip["reason"], None
    return None, f"unknown example mark {found['body']!r}: use 'skip (a reason)'"


def all_blocks() -> list[CodeBlock]:
    """Every code block of every documented page."""
    return [block for page in documents() for block in parse(page)]


def page_blocks(path: str) -> list[CodeBlock]:
    """The code blocks of one page (by its path relative to the root)."""
    return parse(ROOT / path)
