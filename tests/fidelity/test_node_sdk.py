"""The official Node SDK (``@descope/node-sdk``, run by node) against the emulator over HTTP.

``node/run.mjs`` runs one check per SDK call (``node/checks_*.mjs``) and prints the results as JSON;
this module runs it once against a fresh emulator and turns each result into a test.
``scripts/test.sh`` installs node (apt) and the package (npm, into ``tests/fidelity/node``) when absent.
A missing node or package fails here, it is never skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .expected_failures import node_reason

NODE_DIR = Path(__file__).with_name("node")
INSTALL_HINT = "run scripts/test.sh (it installs node and tests/fidelity/node's package)"


def _node() -> str | None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "@descope" / "node-sdk").is_dir():
        return None
    return node


def _names() -> list[str]:
    node = _node()
    if node is None:
        return []
    env = {**os.environ, "DESCOPE_BASE_URL": "http://127.0.0.1:9", "DESCOPE_PROJECT_ID": "P2list"}
    out = subprocess.run([node, "run.mjs", "--list"], cwd=NODE_DIR, capture_output=True,
                         text=True, timeout=60, check=True, env=env)
    names: list[str] = json.loads(out.stdout)
    return names


NAMES = _names()


def _params() -> list[Any]:
    params = []
    for name in NAMES:
        why = node_reason(name)
        marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


@pytest.fixture(scope="module")
def node_results(descope_emulator_server: Any) -> dict[str, dict[str, Any]]:
    """Every check's result, from one run of node against the session's emulator."""
    node = _node()
    assert node is not None, INSTALL_HINT
    emu = descope_emulator_server.emulator
    env = {**os.environ, "DESCOPE_BASE_URL": descope_emulator_server.base_url,
           "DESCOPE_PROJECT_ID": emu.project_id, "DESCOPE_MANAGEMENT_KEY": emu.management_key}
    try:
        out = subprocess.run([node, "run.mjs"], cwd=NODE_DIR, capture_output=True, text=True,
                             timeout=600, env=env, check=False)
    finally:
        emu.reset()
    assert out.returncode == 0, out.stderr[-2000:]
    results: dict[str, dict[str, Any]] = json.loads(out.stdout)
    return results


def test_node_sdk_is_installed() -> None:
    assert _node() is not None and NAMES, INSTALL_HINT


@pytest.mark.parametrize("name", _params())
def test_official_node_sdk(node_results: dict[str, dict[str, Any]], name: str) -> None:
    result = node_results[name]
    assert result["ok"], result.get("error")
