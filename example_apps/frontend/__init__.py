"""The browser side of the example apps, installed from npm and built on this machine.

Nothing here is committed but our own sources (``package.json``, ``react/``):

* ``install()`` runs ``npm install`` in this folder, at the exact versions ``package.json``
  pins, into ``node_modules/`` (gitignored);
* ``build_component()`` copies the official web component's standalone bundle to
  ``example_apps/static/build/descope-web-component.js``, which the product apps' sign-in
  pages load (``flow_card``);
* ``build_react()`` bundles the React example (``react/main.jsx``) with esbuild into
  ``example_apps/static/build/react-app.js``, which the FastAPI app serves at ``/react``.

``python -m example_apps.frontend install`` does all three; the demo calls ``prepare``.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from descope_core.config import DescopeConfig

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
BUILD_DIR = HERE.parent / "static" / "build"  # served by every app under /static/build/
COMPONENT_FILE = BUILD_DIR / "descope-web-component.js"
REACT_FILE = BUILD_DIR / "react-app.js"
COMPONENT_URL = "/static/build/descope-web-component.js"
REACT_URL = "/static/build/react-app.js"
FLOW_SCRIPT_URL = "/static/descope-flow.js"  # ours: session cookies, redirect after success
FLOW_ID = "sign-up-or-in"
# the web component's own standalone build (an IIFE that defines <descope-wc>)
_COMPONENT_DIST = Path("@descope", "web-component", "dist", "index.js")
_NPM_TIMEOUT = 600  # seconds


class FrontendError(RuntimeError):
    """npm or esbuild is missing or failed; the message says what to run."""


@dataclass(frozen=True)
class BuildReport:
    """What `prepare` did, and how long it took (printed by the demo)."""

    install_seconds: float  # 0.0 when node_modules already held the pinned versions
    build_seconds: float
    component_bytes: int
    react_bytes: int | None  # None when the React example was not built


def pinned() -> dict[str, str]:
    """The npm packages and their exact versions, from ``package.json``."""
    manifest = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    return dict(manifest["dependencies"])


def installed() -> bool:
    """Whether ``node_modules`` holds every pinned package at its pinned version."""
    for name, version in pinned().items():
        try:
            found = json.loads((NODE_MODULES / name / "package.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if found.get("version") != version:
            return False
    return True


def _run(argv: list[str], what: str) -> None:
    try:
        done = subprocess.run(
            argv, cwd=HERE, capture_output=True, text=True, timeout=_NPM_TIMEOUT, check=False
        )
    except FileNotFoundError as e:
        raise FrontendError(f"{what}: {argv[0]} is not installed ({e.strerror})") from None
    except subprocess.TimeoutExpired:
        raise FrontendError(f"{what}: gave up after {_NPM_TIMEOUT} s") from None
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise FrontendError(f"{what} failed (exit code {done.returncode}):\n{tail}")


def install() -> float:
    """Install the pinned packages unless they are there already.

    Returns:
        The seconds the install took (0.0 when nothing was needed).

    Raises:
        FrontendError: npm is missing, or the install failed (the message carries npm's
            last lines).
    """
    if installed():
        return 0.0
    npm = shutil.which("npm")
    if npm is None:
        raise FrontendError(
            "npm is not installed: install Node.js 18+ with npm (Debian: apt-get install npm)"
        )
    started = time.monotonic()
    _run([npm, "install", "--no-audit", "--no-fund", "--no-package-lock", "--silent"],
         "npm install")
    return time.monotonic() - started


def build_component() -> Path:
    """Copy the web component's standalone bundle where the apps serve it.

    Returns:
        The path of the copy.

    Raises:
        FrontendError: the package is not installed (run ``install`` first).
    """
    source = NODE_MODULES / _COMPONENT_DIST
    if not source.is_file():
        raise FrontendError(
            "@descope/web-component is not installed: python -m example_apps.frontend install"
        )
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, COMPONENT_FILE)
    return COMPONENT_FILE


def build_react() -> Path:
    """Bundle the React example with esbuild (minified, one file, no source map).

    Returns:
        The path of the bundle.

    Raises:
        FrontendError: esbuild is not installed or the build failed.
    """
    esbuild = NODE_MODULES / ".bin" / "esbuild"
    if not esbuild.exists():
        raise FrontendError("esbuild is not installed: python -m example_apps.frontend install")
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    _run(
        [
            str(esbuild), str(HERE / "react" / "main.jsx"), "--bundle", "--minify",
            "--format=iife", "--jsx=automatic", "--target=es2020",
            "--define:process.env.NODE_ENV=\"production\"", "--log-level=warning",
            f"--outfile={REACT_FILE}",
        ],
        "esbuild",
    )
    return REACT_FILE


def prepare(react: bool) -> BuildReport:
    """Install (when needed) and build what the demo serves.

    Args:
        react: also bundle the React example.

    Returns:
        The timings and sizes of this run.

    Raises:
        FrontendError: npm or esbuild is missing or failed.
    """
    install_seconds = install()
    started = time.monotonic()
    component = build_component()
    bundle = build_react() if react else None
    return BuildReport(
        install_seconds=install_seconds,
        build_seconds=time.monotonic() - started,
        component_bytes=component.stat().st_size,
        react_bytes=bundle.stat().st_size if bundle else None,
    )


def flow_card(config: DescopeConfig, next_url: str) -> str:
    """The sign-in page's Descope Flow card (HTML, every value escaped).

    The official ``<descope-wc>`` runs the project's ``sign-up-or-in`` flow against
    the app's Descope address (the static pages from ``base-url``, the UI components library
    from ``base-cdn-url``); ``descope-flow.js`` has the component keep the session in the DS
    and DSR cookies the backend integration reads (``Secure`` as the app's own cookies), then
    goes to ``next_url``. The first screen does not take the focus when it shows (the page's
    forms may be in use by then). Without the installed component the card says how to
    install it, and the forms still work.

    Args:
        config: the app's client configuration (project id, base URL, cookie_secure).
        next_url: a same-origin path to open after sign-in.

    Returns:
        HTML to place in the page as is.
    """
    if not COMPONENT_FILE.is_file():
        return (
            '<section class="card flow" id="flow-card"><h2>Descope Flow</h2>'
            '<p class="note" id="flow-missing">The official web component runs here once it is '
            "installed: <code>python -m example_apps.frontend install</code> (the demo does it). "
            "The forms below work without it.</p></section>"
        )

    def attr(value: str) -> str:
        return html.escape(value, quote=True)

    return (
        '<section class="card flow" id="flow-card" aria-label="Descope Flow">'
        f'<script src="{COMPONENT_URL}"></script>'
        f'<script src="{FLOW_SCRIPT_URL}" data-next="{attr(next_url)}"'
        f' data-cookie-secure="{"true" if config.cookie_secure else "false"}"></script>'
        f'<descope-wc project-id="{attr(config.project_id)}" flow-id="{FLOW_ID}"'
        f' base-url="{attr(config.base_url)}" base-cdn-url="{attr(config.base_url)}"'
        ' theme="light" auto-focus="skipFirstScreen">'  # typing in the forms keeps its focus
        "</descope-wc>"
        '<p class="note" id="flow-error" role="alert" hidden></p>'
        f'<p class="note">A Descope Flow (<code>{FLOW_ID}</code>), run by the official web '
        "component.</p>"
        "</section>"
    )
