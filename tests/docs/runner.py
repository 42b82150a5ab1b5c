"""How each kind of documentation block is run.

A page is a small project the reader builds: every block with a file title
(```` ```python title="app.py" ````) is a file of that project, written into a fresh
folder before any block of the page runs, so `from app import create_app` in a later
block imports the page's own `app.py`, as on the reader's machine.

* Python, untitled: executed in-process, with `DESCOPE_PROJECT_ID`, `DESCOPE_BASE_URL`
  and `DESCOPE_MANAGEMENT_KEY` pointing at the test session's emulator; test functions
  it defines are then called with their pytest fixtures.
* Python titled `test_*.py`: the page's project is tested by a real `pytest` run in that
  folder (the emulator's pytest plugin starts its own emulator there), as the reader would.
* Python titled with another `.py` name: imported in-process (its names must exist).
* A page with a block titled `settings.py` is a Django project: its `settings.py` blocks
  are fragments appended to a minimal settings module, every titled file is written, and
  `django check` must pass for each of them; its test files run under pytest with that
  settings module (the page shows the `conftest.py` that sets Django up). Its untitled
  blocks run in-process like any other.
* Shell blocks: each command is checked (see `shell.py`).
* TOML, JSON, YAML and INI blocks must parse; `text` blocks need a skip mark (they show
  output, not code).
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from configparser import ConfigParser
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .blocks import ROOT, CodeBlock, page_blocks

PYTHON = ("python", "py", "pycon")
SHELL = ("bash", "sh", "shell", "console")
SUBPROCESS_TIMEOUT = 300

# the lines a Django page's `settings.py` fragments are appended to: what `startproject`
# writes that a page would not repeat
DJANGO_BASE_SETTINGS = '''\
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "docs-example-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True

# -- the page's settings.py fragments, in page order --
'''


def is_django_page(blocks: list[CodeBlock]) -> bool:
    """A page that writes a `settings.py` is a Django project."""
    return any(_name(b) == "settings.py" for b in blocks)


def _name(block: CodeBlock) -> str:
    return Path(block.title).name if block.title else ""


def write_project(blocks: list[CodeBlock], folder: Path) -> None:
    """Write the page's titled blocks as files (Django settings: assembled)."""
    django = is_django_page(blocks)
    settings: list[str] = []
    for block in blocks:
        if not block.title or block.skip_reason or (ROOT / block.title).is_file():
            continue  # untitled, skipped, or an excerpt of this repository's own source
        if django and _name(block) == "settings.py":
            settings.append(f"# {block.id}\n{block.source}")
            continue
        target = folder / block.title
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as out:  # several blocks may build one file
            out.write(block.source)
    if django:
        (folder / "settings.py").write_text(DJANGO_BASE_SETTINGS + "\n".join(settings))
        if not (folder / "urls.py").exists():  # a page about settings shows no URLs
            (folder / "urls.py").write_text("urlpatterns: list = []\n")


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESCOPE_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra or {})
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT
    )


def _tail(result: subprocess.CompletedProcess[str]) -> str:
    return (result.stdout + result.stderr)[-4000:]


# -- Python ---------------------------------------------------------------------------------


@contextmanager
def on_path(folder: Path) -> Iterator[None]:
    """`folder` first on sys.path; modules imported from it are forgotten afterwards."""
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name, module in list(sys.modules.items()):
            file = getattr(module, "__file__", None) or ""
            if file.startswith(str(folder)):
                del sys.modules[name]


def call_tests(namespace: dict[str, Any], request: pytest.FixtureRequest) -> int:
    """Call the `test_*` functions of a namespace with their fixtures; how many ran."""
    ran = 0
    emulator = None
    for name, fn in list(namespace.items()):
        if not name.startswith("test_") or not callable(fn):
            continue
        if ran and emulator is not None:
            emulator.reset()  # each test starts from an empty project, as under pytest
        params = inspect.signature(fn).parameters
        kwargs = {p: request.getfixturevalue(p) for p in params}
        emulator = kwargs.get("descope_emulator", emulator)
        result = fn(**kwargs)
        if inspect.iscoroutine(result):
            asyncio.run(result)
        ran += 1
    return ran


def run_python_in_process(block: CodeBlock, folder: Path, request: pytest.FixtureRequest) -> None:
    """Run an untitled block (or import a titled one) against the session's emulator."""
    emulator = request.getfixturevalue("descope_emulator")
    monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
    for name in [k for k in os.environ if k.startswith("DESCOPE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DESCOPE_PROJECT_ID", emulator.project_id)
    monkeypatch.setenv("DESCOPE_BASE_URL", emulator.base_url)
    monkeypatch.setenv("DESCOPE_MANAGEMENT_KEY", emulator.management_key)
    monkeypatch.chdir(folder)
    with on_path(folder):
        if block.title:
            spec = importlib.util.spec_from_file_location(
                "docs_example_" + Path(block.title).stem, folder / block.title
            )
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            namespace = vars(module)
        else:
            # blank lines first, so a traceback names the line of the markdown file
            code = compile("\n" * block.line + block.source, block.path, "exec")
            namespace = {"__name__": "docs_example"}
            exec(code, namespace)  # noqa: S102 - the documentation's own example
        call_tests(namespace, request)


# The subprocess runs (pytest of a page's test file, `django check` of a Django page) are
# mostly waiting (interpreter start, the emulator's start): they are started together, a
# few at a time, when the session begins (`start_all`), and each block's test waits for
# its own result.
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="docs-examples")
_RUNS: dict[tuple[str, str], Future[tuple[int, str]]] = {}


def _submit(key: tuple[str, str], args: list[str], folder: Path, env: dict[str, str]) -> None:
    if key not in _RUNS:
        def job() -> tuple[int, str]:
            result = _run(args, folder, env)
            return result.returncode, _tail(result)

        _RUNS[key] = _POOL.submit(job)


def _start_page(page: str, folder: Path) -> None:
    """Start the subprocess runs one page needs."""
    blocks = page_blocks(page)
    django = is_django_page(blocks)
    extra = {"PYTHONPATH": str(folder)}
    if django:
        extra["DJANGO_SETTINGS_MODULE"] = "settings"
        _submit((page, "django check"),
                [sys.executable, "-m", "django", "check", "--fail-level", "WARNING"],
                folder, _env(extra))
    for block in blocks:
        if block.title and Path(block.title).name.startswith("test_") and not block.skip_reason:
            _submit((page, block.title),
                    [sys.executable, "-m", "pytest", block.title, "-q", "-p", "no:cacheprovider",
                     "--rootdir", str(folder)],
                    folder, _env(extra))


def start_all(pages: list[str], tmp_root: Path) -> None:
    """Write every page's project and start all the subprocess runs."""
    for page in pages:
        _start_page(page, page_folder(page, tmp_root))


def _result(page: str, what: str, folder: Path) -> tuple[int, str]:
    _start_page(page, folder)
    return _RUNS[(page, what)].result(timeout=SUBPROCESS_TIMEOUT * 2)


def run_python_test_file(block: CodeBlock, folder: Path) -> None:
    """pytest runs the page's test file; every test in it must pass (and some must run)."""
    assert block.title is not None
    code, out = _result(block.path, block.title, folder)
    assert code == 0, f"pytest {block.title} of {block.path} failed:\n{out}"
    assert " passed" in out, out


def run_django_block(block: CodeBlock, folder: Path) -> None:
    """A Django page's block: the assembled project passes `django check`."""
    code, out = _result(block.path, "django check", folder)
    assert code == 0, f"django check of the project of {block.path} failed:\n{out}"


# -- fragments -------------------------------------------------------------------------------

def _toml(text: str) -> object:
    import tomllib  # Python 3.11+

    return tomllib.loads(text)


PARSERS: dict[str, Callable[[str], object]] = {
    "toml": _toml,
    "json": json.loads,
    "ini": lambda text: ConfigParser().read_string(text),
}


def run_fragment(block: CodeBlock) -> None:
    """Configuration fragments must at least parse."""
    if block.lang in ("yaml", "yml"):
        import yaml

        yaml.safe_load(block.source)
        return
    PARSERS[block.lang](block.source)


def page_folder(page: str, tmp_root: Path) -> Path:
    """The folder holding the page's project files (written once per page)."""
    folder = tmp_root / page.replace("/", "__").replace(".", "_")
    if not folder.exists():
        folder.mkdir(parents=True)
        write_project(page_blocks(page), folder)
    return folder


def root() -> Path:
    """The repository root."""
    return ROOT
