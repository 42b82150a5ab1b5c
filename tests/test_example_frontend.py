"""The example apps' browser side, built from npm on this machine (example_apps/frontend):
the install puts the official web component and the esbuild bundle of the React example
where the apps serve them, and the sign-in page's flow card points the component at the
app's Descope address with every value escaped.

`scripts/test.sh` installs the npm packages first; the browser tests
(tests/browser/test_flow_sign_in.py) run what is built here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from descope_core.config import DescopeConfig
from example_apps import frontend


def config(**options: object) -> DescopeConfig:
    return DescopeConfig.resolve(
        project_id=str(options.pop("project_id", "P2EmuLocalDescopeProject0001")),
        environ={},
        base_url=options.pop("base_url", "http://127.0.0.1:4040"),
        **options,
    )


def test_install_builds_the_component_and_the_react_bundle() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "example_apps.frontend", "install"],
        capture_output=True, text=True, timeout=900, cwd=Path(frontend.HERE).parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert "React bundle" in done.stdout
    assert frontend.installed()
    component = (frontend.NODE_MODULES / "@descope/web-component/dist/index.js").read_bytes()
    assert frontend.COMPONENT_FILE.read_bytes() == component  # the official build, as is
    bundle = frontend.REACT_FILE.read_text(encoding="utf-8")
    # the bundle holds the React SDK and the component it renders (nothing loaded later)
    assert "descope-wc" in bundle and "sessionTokenViaCookie" in bundle
    assert "descope-config" in bundle  # our page's settings block


def test_flow_card_points_the_component_at_the_app_descope() -> None:
    if not frontend.COMPONENT_FILE.is_file():
        frontend.prepare(react=False)
    card = frontend.flow_card(config(cookie_secure=False), "/profile")
    assert '<descope-wc project-id="P2EmuLocalDescopeProject0001" flow-id="sign-up-or-in"' in card
    assert 'base-url="http://127.0.0.1:4040" base-cdn-url="http://127.0.0.1:4040"' in card
    assert f'<script src="{frontend.COMPONENT_URL}">' in card
    assert 'data-next="/profile" data-cookie-secure="false"' in card
    assert 'data-cookie-secure="true"' in frontend.flow_card(config(cookie_secure=True), "/")


def test_flow_card_escapes_every_value() -> None:
    if not frontend.COMPONENT_FILE.is_file():
        frontend.prepare(react=False)
    card = frontend.flow_card(config(), '/x?a=1&b="><script>alert(1)</script>')
    assert "<script>alert" not in card
    assert 'data-next="/x?a=1&amp;b=&quot;&gt;&lt;script&gt;' in card


def test_flow_card_without_the_component_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(frontend, "COMPONENT_FILE", tmp_path / "missing.js")
    card = frontend.flow_card(config(), "/profile")
    assert "<descope-wc" not in card and "<script" not in card
    assert "python -m example_apps.frontend install" in card


def test_missing_npm_or_esbuild_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(frontend, "NODE_MODULES", tmp_path / "node_modules")
    with pytest.raises(frontend.FrontendError, match="esbuild is not installed"):
        frontend.build_react()
    with pytest.raises(frontend.FrontendError, match="web-component is not installed"):
        frontend.build_component()
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm on it
    with pytest.raises(frontend.FrontendError, match="npm is not installed"):
        frontend.install()
