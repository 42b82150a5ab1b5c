"""MkDocs hook: publish the console screenshots of descope_emulator/docs/console/ under
`console/` of the site, so the pages show the same files the emulator's README shows
(written by tests/browser/test_console.py) without a second copy in docs/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

SCREENSHOTS = Path(__file__).resolve().parents[2] / "descope_emulator" / "docs" / "console"


def on_files(files: Files, config: Any) -> Files:
    """Add every screenshot as `console/<name>` to the site's files.

    Args:
        files: the files MkDocs found in docs/.
        config: the MkDocs configuration.

    Returns:
        The same collection with the screenshots added.
    """
    for image in sorted(SCREENSHOTS.glob("*.jpg")):
        files.append(
            File.generated(config, f"console/{image.name}", abs_src_path=str(image))
        )
    return files
