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
