"""The Settings page's table (docs/settings.md) names every `DESCOPE_*` setting the code reads (framework
settings, Flask/Django defaults, environment variables), so a new one cannot go
undocumented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from descope_core import config

PAGE = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def table_settings() -> set[str]:
    return set(re.findall(r"^\| `(DESCOPE_[A-Z_]+)`", PAGE.read_text(), flags=re.M))


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


def test_every_setting_is_in_the_settings_table() -> None:
    documented = table_settings()
    assert documented, "docs/settings.md has no settings table"
    missing = code_settings() - documented - {"DESCOPE_BASE_URI"}  # an alias, in its row
    assert not missing, f"add to the table of docs/settings.md: {sorted(missing)}"
    assert "DESCOPE_BASE_URI" in PAGE.read_text()


def test_the_table_names_nothing_the_code_does_not_read() -> None:
    pytest.importorskip("flask")
    pytest.importorskip("django")
    stale = table_settings() - code_settings()
    assert not stale, f"docs/settings.md documents settings nothing reads: {sorted(stale)}"
