"""`mgmt.outbound_scim` end to end through the emulator: one configuration per outbound
application, every change raises its version, an update with a stale version is refused,
deleting the configuration (or the app) removes it."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AuthException


def test_configuration_versions_guard_updates(mgmt: Any) -> None:
    scim = mgmt.outbound_scim
    app_id = mgmt.outbound_application.create_application("HR", id="hr")["app"]["id"]
    with pytest.raises(AuthException) as err:
        scim.create_configuration("unknown-app", {"baseUrl": "http://scim"})
    assert err.value.status_code == 404
    config = scim.create_configuration(app_id, {"baseUrl": "http://scim"})["configuration"]
    assert (config["appId"], config["version"], config["enabled"]) == (app_id, 1, False)
    with pytest.raises(AuthException) as err:
        scim.create_configuration(app_id)
    assert err.value.status_code == 409

    config = scim.update_configuration(app_id, 1, {"baseUrl": "http://scim2"})["configuration"]
    assert config["version"] == 2 and config["configuration"] == {"baseUrl": "http://scim2"}
    with pytest.raises(AuthException) as err:  # version 1 is stale now
        scim.update_configuration(app_id, 1, {"baseUrl": "http://lost"})
    assert err.value.status_code == 409
    enabled = scim.set_enabled(app_id, True)["configuration"]
    assert enabled["enabled"] is True and enabled["version"] == 3
    loaded = scim.load_configuration(app_id)["configuration"]
    assert loaded == enabled and loaded["configuration"] == {"baseUrl": "http://scim2"}

    scim.delete_configuration(app_id)
    with pytest.raises(AuthException) as err:
        scim.load_configuration(app_id)
    assert err.value.status_code == 404
    with pytest.raises(AuthException) as err:
        scim.delete_configuration(app_id)
    assert err.value.status_code == 404

    scim.create_configuration(app_id)
    mgmt.outbound_application.delete_application(app_id)  # takes its configuration along
    mgmt.outbound_application.create_application("HR", id="hr")
    with pytest.raises(AuthException) as err:
        scim.load_configuration(app_id)
    assert err.value.status_code == 404


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    scim = offline_mgmt.outbound_scim
    for call in (
        lambda: scim.create_configuration(""),
        lambda: scim.create_configuration("a", "config"),
        lambda: scim.update_configuration("a", "2"),
        lambda: scim.update_configuration("a", True),
        lambda: scim.load_configuration(""),
        lambda: scim.set_enabled("a", "yes"),
        lambda: scim.delete_configuration(None),
    ):
        with pytest.raises(AuthException) as err:
            call()
        assert err.value.status_code == 400
    assert recorder.calls == []
