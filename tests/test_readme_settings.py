"""The README's Settings table names every `DESCOPE_*` setting the code reads (framework
settings, Flask/Django defaults, environment variables), so a new one cannot go
undocumented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from descope_core import config

README = Path(__file__).resolve().parents[1] / "README.md"


def table_settings() -> set[str]:
    text = README.read_text()
    section = text.split("## Settings", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(DESCOPE_[A-Z_]+)`", section, flags=re.M))


def code_settings() -> set[str]:
    names = set(config.FRAMEWORK_SETTINGS)
    names |= {value for name, value in vars(config).items() if name.startswith("ENV_")}
    try:
        from descope_flask.extension import _DEFAULTS as flask_defaults

        names |= set(flask_defaults)
    except ImportError:
        pass
    try:
        from descope_django.apps import SETTINGS_DEFAULTS

        names |= set(SETTINGS_DEFAULTS)
    except ImportError:
        pass
    return names


def test_every_setting_is_in_the_readme_table() -> None:
    documented = table_settings()
    assert documented, "README has no Settings table"
    missing = code_settings() - documented - {"DESCOPE_BASE_URI"}  # an alias, in its row
    assert not missing, f"add to README's Settings table: {sorted(missing)}"
    assert "DESCOPE_BASE_URI" in README.read_text()


def test_the_table_names_nothing_the_code_does_not_read() -> None:
    pytest.importorskip("flask")
    pytest.importorskip("django")
    stale = table_settings() - code_settings()
    assert not stale, f"README documents settings nothing reads: {sorted(stale)}"
