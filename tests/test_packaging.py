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
