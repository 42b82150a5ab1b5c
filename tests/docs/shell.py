"""Checks of the documentation's shell commands, one rule per program.

A shell block is not run (it would install packages, start servers or wait for Ctrl-C),
but every command in it is checked against what it names, so a renamed extra, script,
module, option or setting fails the suite:

* `pip install ...`: every extra exists in pyproject.toml; a named package is installed.
* `./scripts/x.sh --opt`: the script exists, is executable and handles `--opt`.
* `python -m mod --opt`, `uvicorn`, `gunicorn`, `flask`, `mkdocs`, `pytest`: the program
  or module exists and its `--help` lists every option the command uses.
* `export DESCOPE_X=...` / `DESCOPE_X=... cmd`: a setting the client reads.
* `redis-server`, `apt-get`, `cd`, `curl` (with a URL of the emulator's routes): the
  program exists / the path is served.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from .blocks import ROOT

# environment names the apps of the docs read besides the DESCOPE_* settings
APP_ENVIRONMENT = {"FLASK_SECRET_KEY", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "APP_PUBLIC_URL",
                   "DJANGO_SETTINGS_MODULE", "CI", "PYTHON"}


def commands(source: str) -> list[str]:
    """The commands of a shell block: comments and prompts dropped, continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", source)
    out = []
    for raw in joined.splitlines():
        line = raw.strip()
        if line.startswith("$ "):
            line = line[2:]
        if not line or line.startswith("#"):
            continue
        for part in re.split(r"\s*(?:&&|\|\||;)\s*", line):
            if part:
                out.append(part)
    return out


def _words(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        check_env_name(words.pop(0).split("=", 1)[0])
    return words


def check_env_name(name: str) -> None:
    """A `DESCOPE_*` variable must be one the client reads (or an app's own name)."""
    from descope_core import config

    known = {v for k, v in vars(config).items() if k.startswith("ENV_")}
    known |= set(config.FRAMEWORK_SETTINGS)
    if name.startswith("DESCOPE_"):
        assert name in known, f"{name} is not a setting descope-suite reads"
    else:
        assert name in APP_ENVIRONMENT, f"environment variable {name} is not documented anywhere"


@cache
def _extras() -> frozenset[str]:
    """The extras pyproject.toml declares (read by the installed metadata, Python 3.10 too)."""
    from importlib.metadata import metadata

    return frozenset(metadata("descope-suite").get_all("Provides-Extra") or ())


def _installed(name: str) -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(name)
    except PackageNotFoundError:
        return False
    return True


def check_pip(words: list[str]) -> None:
    """`pip install` / `pip wheel`: extras exist, plain names are installed here."""
    assert len(words) >= 2 and words[1] in ("install", "wheel"), f"pip {words[1:]}"
    if words[1] == "wheel":
        assert (ROOT / "pyproject.toml").exists()
        return
    for word in words[2:]:
        if word.startswith("-"):
            continue
        spec = re.fullmatch(r"(?P<name>[^\[\]=<>]+)(?:\[(?P<extras>[^\]]+)\])?(?P<pin>.*)", word)
        assert spec, word
        for extra in filter(None, (spec["extras"] or "").split(",")):
            assert extra.strip() in _extras(), f"pyproject.toml has no extra {extra!r}"
        name = spec["name"]
        if name in (".", "descope-suite") or name.endswith(".whl") or "/" in name:
            continue
        assert _installed(name), f"{name} is not installed by the test extras"


@cache
def _help(program: tuple[str, ...]) -> str:
    """The `--help` text of a program (cached: options are looked up many times)."""
    result = subprocess.run(
        [*program, "--help"], capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return result.stdout + result.stderr


def _options(words: list[str]) -> list[str]:
    return [w.split("=", 1)[0] for w in words if w.startswith("--")]


def check_help(program: tuple[str, ...], words: list[str]) -> None:
    """Every `--option` of the command appears in the program's `--help`."""
    text = _help(program)
    for option in _options(words):
        assert re.search(re.escape(option) + r"\b", text), (
            f"{' '.join(program)} --help does not list {option}"
        )


def check_python(words: list[str]) -> None:
    """`python -m module ...` or `python path/to/script.py ...`."""
    if words[1] == "-m":
        module = words[2]
        assert importlib.util.find_spec(module) is not None, f"no module {module}"
        check_help((sys.executable, "-m", module), words[3:])
        return
    script = words[1]
    assert (ROOT / script).exists() or script.endswith(".py"), f"no script {script}"


def check_script(words: list[str]) -> None:
    """`./scripts/x.sh --opt`: executable, and the script reads the option."""
    path = ROOT / words[0]
    assert path.is_file(), f"no file {words[0]}"
    assert os.access(path, os.X_OK), f"{words[0]} is not executable"
    text = path.read_text()
    launcher = (ROOT / "example_apps" / "launch.py")
    if launcher.exists():
        text += launcher.read_text()
    for word in words[1:]:
        if word.startswith("--"):
            assert word.split("=", 1)[0] in text, f"{words[0]} has no option {word}"


# programs whose first plain word is a subcommand with options of its own
SUBCOMMANDS = {"flask", "mkdocs"}


def check_program(words: list[str]) -> None:
    """Programs installed in the venv: their `--help` (and their subcommand's) lists the
    options used."""
    name = words[0]
    exe = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert exe, f"{name} is not installed"
    program: tuple[str, ...] = (exe,)
    if name in SUBCOMMANDS:
        rest = iter(words[1:])
        for word in rest:
            if word.startswith("--"):
                if "=" not in word and name == "flask" and word == "--app":
                    next(rest, None)  # its value
                continue
            assert word in _help(program), f"{name} has no command {word}"
            text = _help(program) + _help((exe, word))
            for option in _options(words[1:]):
                assert re.search(re.escape(option) + r"\b", text), f"{name} {word}: no {option}"
            return
    check_help(program, words[1:])


def check_app_target(target: str, page_files: dict[str, str]) -> None:
    """`module:attribute` (uvicorn, gunicorn, `flask --app`) names a file of the page (or an
    importable module) that defines the attribute."""
    module, _, attribute = target.partition(":")
    attribute = attribute.split("(", 1)[0]
    source = page_files.get(module.replace(".", "/") + ".py")
    if source is None:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin, f"{target}: no module {module} on the page or installed"
        source = Path(spec.origin).read_text(encoding="utf-8")
    if attribute:
        assert re.search(rf"^(?:async def|def|class)\s+{attribute}\b|^{attribute}\s*[:=]",
                         source, flags=re.M), f"{target}: {module} defines no {attribute}"


def _app_targets(words: list[str]) -> list[str]:
    if words[0] == "flask":
        return [w.split("=", 1)[1] for w in words if w.startswith("--app=")] + [
            words[i + 1] for i, w in enumerate(words[:-1]) if w == "--app"]
    return [w for w in words[1:] if not w.startswith("-") and ":" in w and "/" not in w]


def check_command(command: str, page_files: dict[str, str] | None = None) -> None:
    """Check one command; an unknown program fails (add a rule or mark the block).
    `page_files` are the files the page writes (title -> source), for app targets."""
    words = _words(command)
    if not words:
        return
    program = words[0]
    if program == "export":
        for word in words[1:]:
            check_env_name(word.split("=", 1)[0])
    elif program in ("pip", "pip3") or words[:3] in (["python", "-m", "pip"],
                                                     [".venv/bin/python", "-m", "pip"]):
        check_pip(words[2:] if words[0] != "pip" and words[0] != "pip3" else words)
    elif program.endswith("python") or program.endswith("python3"):
        check_python(words)
    elif program.startswith("./scripts/"):
        check_script(words)
    elif program.startswith(".venv/bin/"):
        check_command(" ".join(shlex.quote(w) for w in [program.rsplit("/", 1)[1], *words[1:]]))
    elif program in ("uvicorn", "gunicorn", "flask", "mkdocs", "pytest", "descope-emulator"):
        check_program(words)
        if program in ("uvicorn", "gunicorn", "flask"):
            for target in _app_targets(words):
                check_app_target(target, page_files or {})
    elif program in ("cd", "source", ". "):
        pass
    elif program in ("redis-server", "apt-get", "chromium", "node", "npm"):
        assert shutil.which(program) or program == "apt-get", f"{program} is not on this machine"
    else:
        raise AssertionError(f"no check for the command {program!r}: add a rule in {__file__}")
