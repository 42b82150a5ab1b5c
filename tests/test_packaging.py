"""The distribution ships every package and the core stays framework-free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the packaging check needs it only here

ROOT = Path(__file__).resolve().parents[1]


def _declared_packages() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(data["tool"]["setuptools"]["packages"])


def _packages_on_disk() -> set[str]:
    found: set[str] = set()
    for top, prefix in (("descope_core", ""), ("descope_emulator", ""), ("integrations", None)):
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top if prefix is None else ROOT)
            found.add(".".join(rel.parts))
    return found


def test_every_package_on_disk_is_declared() -> None:
    missing = _packages_on_disk() - _declared_packages()
    assert not missing, f"add to [tool.setuptools].packages: {sorted(missing)}"


def test_every_package_ships_py_typed() -> None:
    for name in ("descope_core", "descope_emulator"):
        assert (ROOT / name / "py.typed").is_file()
    for name in ("descope_flask", "descope_django", "descope_asgi"):
        assert (ROOT / "integrations" / name / "py.typed").is_file()


def test_core_imports_without_any_web_framework() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'flask','django','starlette','fastapi','uvicorn'}:\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import descope_core\n"
        "from descope_core import DescopeClient, AuthException, RateLimitException, DeliveryMethod\n"
        "c = DescopeClient(project_id='P2aAc4T2V93bddihGEx2Ryhc8e5Z', base_url='http://127.0.0.1:9')\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def _tracked_sources(dest: Path) -> None:
    """Copy the files git tracks into `dest`, so a build leaves nothing in the checkout."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / rel).write_bytes(source.read_bytes())


@pytest.mark.slow
def test_wheel_builds_quietly_and_ships_the_console_files(tmp_path: Path) -> None:
    """A build warns about no data directory and the wheel holds the console's static files."""
    import zipfile

    source = tmp_path / "src"
    _tracked_sources(source)
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path / "dist"),
         str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    log = out.stdout + out.stderr
    assert "would be ignored" not in log, "declare every data directory as a package"
    (wheel,) = (tmp_path / "dist").glob("descope_suite-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for static in ("console.html", "console.js", "console.css"):
        assert f"descope_emulator/static/{static}" in names
    for package in ("descope_core", "descope_emulator", "descope_flask", "descope_django",
                    "descope_asgi"):
        assert f"{package}/py.typed" in names
