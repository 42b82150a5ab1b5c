"""Flask's and Django's `DESCOPE_*` client settings and their defaults come from the core's
one option table, so a changed default reaches every framework."""

from __future__ import annotations

import pytest

from descope_core.config import FRAMEWORK_SETTINGS, OPTION_DEFAULTS, framework_setting_defaults


def test_flask_defaults_are_the_table() -> None:
    pytest.importorskip("flask")
    from descope_flask.extension import _DEFAULTS

    for setting, default in framework_setting_defaults().items():
        assert _DEFAULTS[setting] == default, setting


def test_django_defaults_are_the_table() -> None:
    pytest.importorskip("django")
    from descope_django.apps import SETTINGS_DEFAULTS

    for setting, default in framework_setting_defaults().items():
        assert SETTINGS_DEFAULTS[setting] == default, setting


def test_every_framework_setting_names_a_client_option() -> None:
    assert set(FRAMEWORK_SETTINGS.values()) <= set(OPTION_DEFAULTS)
    assert FRAMEWORK_SETTINGS["DESCOPE_COOKIE_SECURE"] == "cookie_secure"
