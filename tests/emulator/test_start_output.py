"""What `python -m descope_emulator` prints on start: where its console and outbox are."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import requests


def test_start_output_names_the_console_and_it_answers(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "descope_emulator", "--port", "0", "--db",
         str(tmp_path / "emulator.sqlite3"), "--management-key", "K2startOutput"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Paste into your shell"):
                break
        printed = "".join(lines)
        base = re.search(r"listening on (http://\S+)", printed)
        assert base, printed
        console = re.search(r"console:\s+(http://\S+)", printed)
        assert console, printed
        assert console.group(1) == base.group(1) + "/"
        assert re.search(r"outbox:\s+" + re.escape(base.group(1)) + "/#outbox", printed)
        page = requests.get(console.group(1), timeout=30)
        assert page.status_code == 200
        assert "<title>Descope emulator console</title>" in page.text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
