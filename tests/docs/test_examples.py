"""Every code block of README.md and the documentation site is run or checked, one test
per block, named `page:line` (see runner.py for what each kind of block must do)."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import excerpts, runner, shell
from .blocks import CodeBlock, all_blocks, page_blocks

BLOCKS = all_blocks()


@pytest.fixture(scope="session")
def projects_root(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """Where the pages' projects are written (one folder per page); the subprocess runs of
    the pages this session tests start here, together."""
    root = tmp_path_factory.mktemp("docs-projects")
    selected = {
        item.callspec.params["block"].path
        for item in request.session.items
        if hasattr(item, "callspec") and "block" in item.callspec.params
    }
    runner.start_all(sorted(selected), root)
    return root


def test_the_documentation_has_examples() -> None:
    assert len(BLOCKS) > 20, "the collector found almost no code blocks"


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_example(block: CodeBlock, projects_root: Path, request: pytest.FixtureRequest) -> None:
    assert block.mark_error is None, block.mark_error
    if block.skip_reason:
        pytest.skip(f"not executable: {block.skip_reason}")
    folder = runner.page_folder(block.path, projects_root)
    if block.lang in runner.PYTHON and excerpts.is_excerpt(block):
        excerpts.check_excerpt(block)
    elif block.lang in runner.PYTHON:
        if block.title and runner.is_django_page(page_blocks(block.path)):
            if block.title and Path(block.title).name.startswith("test_"):
                runner.run_python_test_file(block, folder)
            else:
                runner.run_django_block(block, folder)
        elif block.title and Path(block.title).name.startswith("test_"):
            runner.run_python_test_file(block, folder)
        else:
            runner.run_python_in_process(block, folder, request)
    elif block.lang in runner.SHELL:
        files = {b.title: b.source for b in page_blocks(block.path) if b.title}
        for command in shell.commands(block.source):
            shell.check_command(command, files)
    elif block.lang in runner.PARSERS or block.lang in ("yaml", "yml"):
        runner.run_fragment(block)
    else:
        raise AssertionError(
            f"a {block.lang or 'plain'} block is neither run nor checked: give it a language "
            "the runner knows, or mark it <!-- example: skip (why) -->"
        )
