"""The UI library's copy on disk: where it is found (the package folder, a node_modules folder,
a project folder), what an install keeps of the package archive npm returns (and what it
refuses: links, paths leaving the folder), and the command line that points at it."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from descope_emulator import ui_library
from descope_emulator.__main__ import build_parser


def _package(folder: Path, version: str = "1.2.3") -> Path:
    (folder / "dist" / "umd").mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": ui_library.PACKAGE,
                                                     "version": version}))
    (folder / "dist" / "umd" / "index.js").write_text("/* entry */")
    return folder


def test_found_in_each_shape_of_folder(tmp_path: Path) -> None:
    pkg = _package(tmp_path / "project" / "node_modules" / "@descope" / "web-components-ui")
    for folder in (pkg, tmp_path / "project" / "node_modules", tmp_path / "project"):
        lib = ui_library.locate(folder)
        assert lib is not None and lib.version == "1.2.3" and lib.root == pkg.resolve()
    assert ui_library.locate(tmp_path / "nothing") is None
    other = tmp_path / "other"
    other.mkdir()
    (other / "package.json").write_text(json.dumps({"name": "left-pad", "version": "1.0.0"}))
    assert ui_library.locate(other) is None  # another package is not the library


def _archive(entries: list[tuple[str, bytes | None, str]]) -> tarfile.TarFile:
    """An in-memory .tgz: (name, content or None for a folder, link target or '')."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, content, link in entries:
            info = tarfile.TarInfo(name)
            if link:
                info.type, info.linkname = tarfile.SYMTYPE, link
                tar.addfile(info)
            elif content is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
    buf.seek(0)
    return tarfile.open(fileobj=buf, mode="r:gz")


def test_install_keeps_the_browser_bundle_only() -> None:
    archive = _archive([
        ("package/package.json", b"{}", ""), ("package/LICENSE", b"MIT", ""),
        ("package/dist", None, ""), ("package/dist/umd", None, ""),
        ("package/dist/umd/index.js", b"x", ""), ("package/dist/umd/index.js.map", b"m", ""),
        ("package/dist/cjs/index.cjs.js", b"c", ""), ("package/src/index.js", b"s", ""),
        ("package/stories/a.js", b"s", "")])
    kept = sorted(m.name for m in ui_library.safe_members(archive))
    assert kept == ["LICENSE", "dist", "dist/umd", "dist/umd/index.js", "package.json"]


@pytest.mark.parametrize("entry", [
    ("package/dist/umd/../../../evil.js", b"x", ""),
    ("/etc/evil.js", b"x", ""),
    ("package/dist/umd/link.js", None, "/etc/passwd"),
])
def test_install_refuses_an_unsafe_archive(entry: tuple[str, bytes | None, str]) -> None:
    archive = _archive([("package/package.json", b"{}", ""), entry])
    with pytest.raises(ui_library.UiLibraryError):
        ui_library.safe_members(archive)


def test_theme_falls_back_to_the_cached_copy_of_the_same_version(tmp_path: Path) -> None:
    pkg = _package(tmp_path / "node_modules" / "@descope" / "web-components-ui")
    lib = ui_library.locate(pkg)
    assert lib is not None
    assert ui_library.theme(lib, tmp_path / "cache")["light"] == {"globals": "", "components": {}}
    cached = _package(tmp_path / "cache" / "1.2.3")
    doc = {"light": {"globals": "*{}", "components": {"descope-button": {}}},
           "dark": {"globals": "", "components": {}}}
    (cached / ui_library.THEME_FILE).write_text(json.dumps(doc))
    assert ui_library.theme(lib, tmp_path / "cache") == doc


def test_command_line_options() -> None:
    args = build_parser().parse_args([
        "--cors-origin", "https://App.Example.test/", "--cors-origin", "http://localhost:9",
        "--ui-components", "/x/node_modules", "--flow-screens", "/x/screens"])
    assert args.cors_origins == ["https://app.example.test", "http://localhost:9"]
    assert args.ui_components == "/x/node_modules" and args.flow_screens == "/x/screens"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--cors-origin", "not an origin"])


@pytest.mark.slow
def test_theme_command_writes_the_librarys_own_theme(tmp_path: Path) -> None:
    """``ui theme --from DIR`` for a copy the emulator did not install (here: the one
    scripts/test.sh installed, seen as a team's folder): node runs the library's bundle in
    jsdom (npm installs it into a scratch folder) and the theme lands in the cache."""
    import subprocess
    import sys

    lib = ui_library.find(None)
    if lib is None:
        pytest.fail(f"the UI library is not installed: scripts/test.sh runs "
                    f"`{ui_library.INSTALL_HINT}`", pytrace=False)
    cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-m", "descope_emulator", "ui", "theme", "--from",
                           str(lib.root), "--cache", str(cache)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    copy = ui_library.UiLibrary(tmp_path / "elsewhere", lib.version)  # no theme next to it
    theme = ui_library.theme(copy, cache)
    assert '[data-theme="light"]' in str(theme["light"]["globals"])
    assert '[data-theme="dark"]' in str(theme["dark"]["globals"])
    assert "descope-button" in theme["light"]["components"]  # type: ignore[operator]
    missing = subprocess.run([sys.executable, "-m", "descope_emulator", "ui", "theme", "--from",
                              str(tmp_path / "nothing")], capture_output=True, text=True,
                             timeout=60, check=False)
    assert missing.returncode == 2 and "must hold" in missing.stderr
