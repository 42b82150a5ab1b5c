"""The static content the official web component loads before it runs a flow, built from the
emulator's project: ``/pages/<projectId>/v2-beta/config.json`` (the UI library version, the
project's flows), ``theme.json`` (and ``<tenantId>/theme.json``), and each screen's HTML
(``<screenId>.html``, ``<screenId>-<locale>.html``), plus the UI library's files
(ui_library.py).

Screens: the emulator's own files in ``descope_emulator/flow_screens/``; a start screen is
composed of the flow's title and the sections the methods registered (flow_engine.py).
``--flow-screens DIR`` replaces any screen by id: ``DIR/<screenId>.html`` (and
``DIR/<screenId>-<locale>.html``) is served instead. Without the UI library every screen is
a plain message saying how to install it, and the library's ``index.js`` is a small script
that lets the component render that message (rather than trying public CDNs)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import errors, ui_library
from ..state import Emulator
from . import flow_engine, flow_methods  # noqa: F401 - importing registers the methods

SCREENS = Path(__file__).resolve().parent.parent / "flow_screens"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
TITLES = {"sign-up-or-in": "Sign in or sign up", "sign-up": "Create your account",
          "sign-in": "Sign in", "step-up": "Confirm it's you"}
STYLE_ID = "theme"
FLOW_VERSION = 1


def library(e: Emulator) -> ui_library.UiLibrary | None:
    """The UI library this emulator serves (``--ui-components``, else the installed cache),
    or None when there is none."""
    return ui_library.find(e.config.ui_components, _cache(e))


def missing_message() -> str:
    """What to do when the UI library is missing (console, screens, index.js)."""
    return ("The Descope UI components library is not installed in the emulator, so the "
            f"flow screens cannot be drawn. Run `{ui_library.INSTALL_HINT}` (it needs npm), "
            "or start the emulator with --ui-components DIR pointing at a node_modules folder "
            f"that has {ui_library.PACKAGE}.")


def status(e: Emulator) -> dict[str, Any]:
    """For the console and the start banner: whether the library is there, its version and
    folder, and whether its theme was written (without it the screens are unstyled)."""
    lib = library(e)
    if lib is None:
        return {"installed": False, "message": missing_message(),
                "version": ui_library.PINNED_VERSION}
    themed = ui_library.theme(lib, _cache(e))["light"].get("components") != {}
    out: dict[str, Any] = {"installed": True, "version": lib.version, "path": str(lib.root),
                           "themed": themed}
    if not themed:
        out["message"] = (f"{ui_library.PACKAGE}@{lib.version} has no theme written for it: "
                          "run `python -m descope_emulator ui theme --from "
                          f"{lib.root}` once so the screens get the library's own look.")
    return out


def _cache(e: Emulator) -> Path | None:
    return Path(e.config.ui_cache) if e.config.ui_cache else None


def _flows(e: Emulator) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for doc in e.store.flows.all():
        flow = doc.get("flow") or {}
        flow_id = str(doc.get("id") or flow.get("id") or "")
        if not flow_id or flow.get("disabled"):
            continue
        entry: dict[str, Any] = {"version": FLOW_VERSION}
        if flow_engine.is_builtin(flow_id):
            entry["startScreenId"] = flow_id
        locales = flow.get("targetLocales")
        if isinstance(locales, list) and all(isinstance(x, str) for x in locales):
            entry["targetLocales"] = locales
        out[flow_id] = entry
    return out


def config_json(e: Emulator, project_id: str) -> dict[str, Any]:
    """``config.json``: ``componentsVersion`` (the served library's), the project's flows and
    the style's fonts (none remote: the system's fonts draw the screens)."""
    _check_project(e, project_id)
    lib = library(e)
    version = lib.version if lib else ui_library.PINNED_VERSION
    fonts = {"light": {"fonts": {}}, "dark": {"fonts": {}}}
    return {"componentsVersion": version, "flows": _flows(e), "styles": {STYLE_ID: fonts}}


def theme_json(e: Emulator, project_id: str, tenant_id: str = "") -> dict[str, Any]:
    """``theme.json`` (or a tenant's): the UI library's own default light and dark themes."""
    _check_project(e, project_id)
    if tenant_id and e.store.tenants.get(tenant_id) is None:
        raise errors.NO_SUCH_ENDPOINT(f"Tenant '{tenant_id[:64]}' has no theme")
    return ui_library.theme(library(e), _cache(e))


def _check_project(e: Emulator, project_id: str) -> None:
    if project_id != e.project_id:
        raise errors.PROJECT_NOT_FOUND(
            f"Unknown project: this emulator serves project id {e.project_id!r}")


def _override(e: Emulator, name: str) -> str | None:
    folder = e.config.flow_screens
    if not folder:
        return None
    base = Path(folder).expanduser().resolve()
    path = (base / f"{name}.html").resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def builtin_screen(screen_id: str) -> str | None:
    """The emulator's own HTML of a screen (a start screen composed of its sections), or
    None for an unknown id."""
    if flow_engine.is_builtin(screen_id):
        page = (SCREENS / "start.html").read_text(encoding="utf-8")
        sections = "\n".join(
            "  " + (SCREENS / s.file).read_text(encoding="utf-8").strip()
            for s in flow_engine.sections_for(screen_id))
        return (page.replace("<!-- title -->", html.escape(TITLES[screen_id]))
                .replace("  <!-- sections -->", sections))
    item = flow_engine.REGISTRY.screens.get(screen_id)
    if item is None or screen_id == flow_engine.START:
        return None
    return (SCREENS / item.file).read_text(encoding="utf-8")


def screen_html(e: Emulator, project_id: str, name: str) -> str:
    """A screen's HTML by file name without ``.html`` (``<screenId>`` or
    ``<screenId>-<locale>``): the team's override, else the emulator's own (a localized name
    falls back to the screen's own file). 404 for an unknown screen."""
    _check_project(e, project_id)
    if not NAME.match(name):
        raise errors.NO_SUCH_ENDPOINT("No such screen")
    if library(e) is None:
        return ("<div role=\"alert\" style=\"font-family:sans-serif;padding:1em;border:1px "
                "solid #c00;color:#900;background:#fff5f5\">"
                f"{html.escape(missing_message())}</div>")
    found = _override(e, name)
    if found is not None:
        return found
    found = builtin_screen(name)
    if found is None and "-" in name:  # <screenId>-<locale>: the screen's own text
        screen_id = name
        while found is None and "-" in screen_id:
            screen_id = screen_id.rsplit("-", 1)[0]
            found = _override(e, screen_id) or builtin_screen(screen_id)
    if found is None:
        raise errors.NO_SUCH_ENDPOINT(f"No such screen: {name}")
    return found


@dataclass(frozen=True)
class LibraryFile:
    """A file of the UI library to send: a path on disk, or (the library missing) a text."""

    media_type: str
    path: Path | None = None
    text: str = ""


def library_file(e: Emulator, version: str, relative: str) -> LibraryFile:
    """A file of the served UI library. When the library is missing, ``dist/umd/index.js``
    is a script that leaves the component to show the screens' message. 404 for another
    version, an unsafe path or a missing file."""
    lib = library(e)
    if lib is None:
        if relative == "dist/umd/index.js":
            return LibraryFile(ui_library.CONTENT_TYPES[".js"], text=_missing_script())
        raise errors.NO_SUCH_ENDPOINT(missing_message())
    if version != lib.version:
        raise errors.NO_SUCH_ENDPOINT(
            f"This emulator serves {ui_library.PACKAGE}@{lib.version}, not {version[:32]}")
    path = lib.file(relative)
    if path is None:
        raise errors.NO_SUCH_ENDPOINT(f"No such file in {ui_library.PACKAGE}")
    return LibraryFile(ui_library.content_type(path), path=path)


def _missing_script() -> str:
    message = missing_message().replace("\\", "\\\\").replace("'", "\\'")
    return ("/* Descope emulator: the UI library is not installed */\n"
            "globalThis.DescopeUI = globalThis.DescopeUI || {};\n"
            f"console.error('{message}');\n")
