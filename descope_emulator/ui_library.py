"""The Descope UI components library (``@descope/web-components-ui``) the official web
component loads its screens' elements from.

The emulator never ships the library: ``python -m descope_emulator ui install`` fetches the
pinned version with the machine's own ``npm`` (``npm pack``: the package alone, none of its
dependencies, whose bundled ``dist/umd`` is self-contained) into a cache folder, and
``--ui-components DIR`` points at a copy a front end already has (a ``node_modules`` folder,
or the package folder itself). The emulator serves it at
``/npm/@descope/web-components-ui@<version>/dist/umd/...``, the path the component builds from
its ``base-cdn-url`` attribute and the ``componentsVersion`` of ``config.json``.

Only regular files inside the package's ``dist/`` folder are ever served: a path with ``..``,
an absolute path, or one that resolves (through a symlink) outside the package is refused."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

PACKAGE = "@descope/web-components-ui"
PINNED_VERSION = "3.14.1"  # the version `ui install` fetches and config.json announces
JSDOM = "jsdom@29.1.1"  # runs the library's bundle once, at install, to write its themes
THEME_SCRIPT = Path(__file__).resolve().parent / "tools" / "ui_theme.cjs"
CACHE_ENV = "DESCOPE_EMULATOR_UI_CACHE"
THEME_FILE = "descope-emulator-theme.json"  # written next to an installed copy
CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".map": "application/json",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}
INSTALL_HINT = "python -m descope_emulator ui install"


class UiLibraryError(Exception):
    """The library cannot be installed or read (the message says why and what to do)."""


@dataclass(frozen=True)
class UiLibrary:
    """An installed copy of the UI library: its package folder and version."""

    root: Path
    version: str

    def file(self, relative: str) -> Path | None:
        """The regular file at ``relative`` (a path under the package's ``dist/``), or None
        when the path is unsafe (``..``, absolute, a backslash, a NUL), leaves ``dist/``
        (also through a symlink) or names no file."""
        if not relative or "\\" in relative or "\x00" in relative:
            return None
        parts = PurePosixPath(relative).parts
        if relative.startswith("/") or any(p in ("..", ".", "") for p in parts):
            return None
        if parts[0] != "dist":
            return None
        base = (self.root / "dist").resolve()
        try:
            target = (self.root / relative).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not target.is_relative_to(base) or not target.is_file():
            return None
        return target

    def size_on_disk(self) -> int:
        """Bytes of every file of the package folder (what the library adds on disk)."""
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())


def default_cache() -> Path:
    """Where ``ui install`` puts the library: ``$DESCOPE_EMULATOR_UI_CACHE`` or
    ``~/.cache/descope-emulator/ui``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "descope-emulator" / "ui"


def _package_version(folder: Path) -> str | None:
    try:
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("name") != PACKAGE:
        return None
    version = meta.get("version")
    return version if isinstance(version, str) and version else None


def locate(folder: Path) -> UiLibrary | None:
    """The library inside ``folder``: the package folder itself, a ``node_modules`` folder,
    or a project folder with one. None when it holds no copy with a ``dist/umd/index.js``."""
    for candidate in (folder, folder / PACKAGE, folder / "node_modules" / PACKAGE):
        version = _package_version(candidate)
        if version and (candidate / "dist" / "umd" / "index.js").is_file():
            return UiLibrary(candidate.resolve(), version)
    return None


def find(configured: str | None, cache: Path | None = None) -> UiLibrary | None:
    """The library to serve: ``configured`` (``--ui-components DIR``) when given, else the
    pinned version in the cache. None when neither holds a copy."""
    if configured:
        return locate(Path(configured).expanduser())
    return locate((cache or default_cache()) / PINNED_VERSION)


def _kept(inner: PurePosixPath, is_dir: bool) -> bool:
    """What the emulator keeps of the package: its metadata and licence, and the browser
    bundle ``dist/umd`` without source maps (the sources, stories and other builds are not
    served)."""
    parts = inner.parts
    if len(parts) == 1:
        return is_dir and parts[0] == "dist" or parts[0] in ("package.json", "LICENSE")
    if parts[0] != "dist":
        return False
    return parts[1] == "umd" and not inner.name.endswith(".map")


def safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """The archive's regular files and folders under ``package/`` (no links, devices,
    absolute paths or ``..``) that the emulator keeps, renamed to drop the ``package/``
    prefix."""
    members = []
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise UiLibraryError(f"unsafe path in the package archive: {member.name!r}")
        if path.parts[0] != "package" or len(path.parts) < 2:
            continue
        if not (member.isfile() or member.isdir()):
            raise UiLibraryError(f"unexpected link or device in the package: {member.name!r}")
        inner = PurePosixPath(*path.parts[1:])
        if not _kept(inner, member.isdir()):
            continue
        member.name = str(inner)
        members.append(member)
    return members


def install(cache: Path | None = None, version: str = PINNED_VERSION,
            npm: str = "npm") -> UiLibrary:
    """Fetch ``@descope/web-components-ui@<version>`` with ``npm pack`` into
    ``<cache>/<version>/`` (kept when already there). Raises UiLibraryError with the reason
    when npm is missing or fails."""
    target = (cache or default_cache()) / version
    found = locate(target)
    if found is not None and (found.root / THEME_FILE).is_file():
        return found
    if shutil.which(npm) is None:
        raise UiLibraryError(f"'{npm}' was not found: install Node.js and npm, or point "
                             "--ui-components at a node_modules folder that has "
                             f"{PACKAGE}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        try:
            done = subprocess.run(
                [npm, "pack", f"{PACKAGE}@{version}", "--silent", "--pack-destination", tmp],
                cwd=tmp, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise UiLibraryError(f"npm pack failed: {exc}") from exc
        archives = sorted(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or not archives:
            raise UiLibraryError(f"npm pack {PACKAGE}@{version} failed: "
                                 f"{(done.stderr or done.stdout).strip()[-500:]}")
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(archives[0], "r:gz") as archive:
            members = safe_members(archive)
            if hasattr(tarfile, "data_filter"):
                archive.extractall(unpacked, members=members, filter="data")
            else:  # older Pythons: the members were checked above
                archive.extractall(unpacked, members=members)
        if locate(unpacked) is None:
            raise UiLibraryError(f"the downloaded {PACKAGE} has no dist/umd/index.js")
        write_theme(unpacked, Path(tmp) / "tools", npm)
        if target.exists():
            shutil.rmtree(target)
        unpacked.rename(target)
    found = locate(target)
    assert found is not None
    return found


def write_theme(package: Path, tools: Path, npm: str = "npm", node: str = "node",
                out: Path | None = None) -> Path:
    """Write the library's own default light / dark themes (THEME_FILE in ``out``, by
    default ``package``): jsdom is installed into ``tools`` (a scratch folder) and the
    library's development bundle is run once in it by tools/ui_theme.cjs. Returns the file
    written; raises UiLibraryError on failure."""
    target = (out or package) / THEME_FILE
    if shutil.which(node) is None:
        raise UiLibraryError(f"'{node}' was not found: install Node.js")
    tools.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        [npm, "install", "--no-audit", "--no-fund", "--no-package-lock", "--silent",
         "--prefix", str(tools), JSDOM],
        [node, str(THEME_SCRIPT), str(package / "dist" / "umd" / "DescopeDev.js"),
         str(target)],
    ]
    env = {**os.environ, "NODE_PATH": str(tools / "node_modules")}
    for argv in steps:
        try:
            done = subprocess.run(argv, cwd=tools, capture_output=True, text=True,
                                  timeout=600, check=False, env=env)
        except (OSError, subprocess.SubprocessError) as exc:
            raise UiLibraryError(f"{argv[0]} failed: {exc}") from exc
        if done.returncode != 0:
            raise UiLibraryError(f"writing the theme failed ({argv[0]} {argv[1]}): "
                                 f"{(done.stderr or done.stdout).strip()[-500:]}")
    return target


def theme_for(lib: UiLibrary, cache: Path | None = None, npm: str = "npm") -> Path:
    """Write the theme of a copy the emulator did not install (``--ui-components``) into the
    cache, where :func:`theme` finds it for that version (the team's folder is not
    touched). Returns the file written; raises UiLibraryError on failure."""
    folder = (cache or default_cache()) / lib.version
    with tempfile.TemporaryDirectory() as tmp:
        return write_theme(lib.root, Path(tmp) / "tools", npm, out=folder)


def content_type(path: Path) -> str:
    """The media type a library file is served with."""
    return CONTENT_TYPES.get(path.suffix, "application/octet-stream")


def _empty_theme() -> dict[str, dict[str, object]]:
    return {"light": {"globals": "", "components": {}}, "dark": {"globals": "", "components": {}}}


def theme(lib: UiLibrary | None, cache: Path | None = None) -> dict[str, dict[str, object]]:
    """The theme served as ``theme.json``: the library's own default light and dark themes
    as ``ui install`` wrote them (THEME_FILE next to the copy, or, for a ``--ui-components``
    folder, next to the cached copy of the same version); else an empty theme."""
    if lib is None:
        return _empty_theme()
    for path in (lib.root / THEME_FILE, (cache or default_cache()) / lib.version / THEME_FILE):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict) and all(isinstance(doc.get(k), dict) for k in ("light", "dark")):
            return doc
    return _empty_theme()
