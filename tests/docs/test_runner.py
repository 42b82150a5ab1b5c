"""The example runner itself: it finds every fenced block with its line, and each check
refuses what has drifted (a renamed extra, option, setting or parameter), so a green
tests/docs means the pages match the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import blocks, excerpts, shell
from .blocks import CodeBlock


def parse_text(tmp_path: Path, text: str) -> list[CodeBlock]:
    page = tmp_path / "page.md"
    page.write_text(text)
    return blocks.parse(page)


def test_blocks_carry_language_title_line_and_mark(tmp_path: Path) -> None:
    found = parse_text(tmp_path, (
        "# Page\n\n```python title=\"app.py\"\nx = 1\n```\n\n"
        "<!-- example: skip (shows output, not code) -->\n```text\nout\n```\n\n"
        "<!-- example: run it please -->\n```bash\nls\n```\n"
    ))
    assert [(b.lang, b.title, b.line) for b in found] == [
        ("python", "app.py", 3), ("text", None, 8), ("bash", None, 13)]
    assert found[0].source == "x = 1\n"
    assert found[1].skip_reason == "shows output, not code"
    assert found[2].mark_error and "skip (a reason)" in found[2].mark_error


def test_a_skip_mark_needs_a_reason(tmp_path: Path) -> None:
    [block] = parse_text(tmp_path, "<!-- example: skip -->\n```text\nx\n```\n")
    assert block.skip_reason is None and block.mark_error


@pytest.mark.parametrize("command", [
    "pip install -e '.[flask,no-such-extra]'",
    "python -m descope_emulator --no-such-option 1",
    "./scripts/demo.sh --no-such-option",
    "./scripts/no-such-script.sh",
    "export DESCOPE_NO_SUCH_SETTING=1",
    "python -m no_such_module",
    "some-unknown-program --flag",
])
def test_shell_checks_refuse_what_does_not_exist(command: str) -> None:
    with pytest.raises(AssertionError):
        shell.check_command(command)


@pytest.mark.parametrize("command", [
    "pip install -e '.[flask,redis]' fastapi uvicorn",
    "python -m descope_emulator --port 4040 --db ./x.sqlite3",
    "./scripts/demo.sh django --port 8001",
    "export DESCOPE_PROJECT_ID=P2x DESCOPE_REDIS_URL=redis://127.0.0.1:6379/0",
    "uvicorn example_apps.fastapi_app.main:app --workers 2",
])
def test_shell_checks_accept_what_exists(command: str) -> None:
    shell.check_command(command)


def test_an_app_target_must_exist_on_the_page() -> None:
    files = {"main.py": "def create_app():\n    ...\n"}
    shell.check_command("uvicorn main:create_app --factory", files)
    with pytest.raises(AssertionError, match="defines no"):
        shell.check_command("uvicorn main:app", files)
    with pytest.raises(AssertionError, match="no module"):
        shell.check_command("flask --app server:create_app run", files)


def excerpt(source: str, title: str = "descope_core/client.py") -> CodeBlock:
    return CodeBlock(path="docs/x.md", line=1, lang="python", source=source,
                     attrs={"title": title})


def test_an_excerpt_with_a_wrong_default_or_parameter_fails() -> None:
    excerpts.check_excerpt(excerpt("def validate_session(self, session_token, audience=None): ...\n"))
    with pytest.raises(AssertionError, match="defaults"):
        excerpts.check_excerpt(excerpt("def validate_session(self, session_token, audience=1): ...\n"))
    with pytest.raises(AssertionError, match="differs"):
        excerpts.check_excerpt(excerpt("def validate_session(self, token, audience=None): ...\n"))
    with pytest.raises(AssertionError, match="no_such_helper"):
        excerpts.check_excerpt(excerpt("no_such_helper(1)\n"))
