"""JWT templates (the Node SDK's management.jwtTemplate; our client has no such area) over
raw HTTP: stored, validated, taken from the library, and — once the project's user JWT
template names one — shaping the tokens the emulator issues."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from descope_core.mgmt.types import MgmtLoginOptions

BASE = "/v1/mgmt/jwt/templates"


class _Api:
    def __init__(self, emu: Any) -> None:
        self.emu = emu
        self.auth = {"Authorization": f"Bearer {emu.project_id}:{emu.management_key}"}

    def __call__(self, path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        r = requests.post(self.emu.base_url + BASE + path, json=body, headers=self.auth,
                          timeout=10)
        assert r.status_code == status, (path, r.text)
        data: dict[str, Any] = r.json()
        return data


@pytest.fixture
def api(descope_emulator: Any) -> _Api:
    return _Api(descope_emulator)


def test_templates_are_stored_updated_and_deleted(api: _Api) -> None:
    made = api("/create", {"template": {"name": "Mine", "template": {"plan": "gold"},
                                        "tags": ["a"], "addJti": True}})["template"]
    assert made["id"].startswith("JT") and made["template"] == {"plan": "gold"}
    assert api("/load", {"id": made["id"]})["template"] == made
    assert [t["id"] for t in api("/list", {})["templates"]] == [made["id"]]
    api("/create", {"template": {"name": "Mine"}}, status=409)  # names are unique
    changed = api("/update", {"template": {"id": made["id"], "name": "Renamed",
                                           "template": {}}})["template"]
    assert changed["name"] == "Renamed" and changed["template"] == {} and not changed["addJti"]
    assert api("/load", {"id": made["id"]})["template"]["name"] == "Renamed"
    api("/delete", {"id": made["id"]})
    api("/load", {"id": made["id"]}, status=404)
    api("/delete", {"id": made["id"]}, status=404)
    api("/update", {"template": {"id": "JTmissing", "name": "x"}}, status=404)
    assert api("/list", {})["templates"] == []


@pytest.mark.parametrize("body", [
    {}, {"template": []}, {"template": {"name": ""}}, {"template": {"name": "n", "tags": "x"}},
    {"template": {"name": "n", "template": "x"}}, {"template": {"name": "n", "addJti": 1}},
])
def test_bad_templates_are_refused(api: _Api, body: dict[str, Any]) -> None:
    api("/create", body, status=400)


def test_validate_reports_the_problems(api: _Api) -> None:
    good = api("/create", {"template": {"name": "Good",
                                        "template": {"mail": "{{user.email}}"}}})["template"]
    assert api("/validate", {"id": good["id"]}) == {"valid": True, "issues": []}
    result = api("/validate", {"id": good["id"], "template": {
        "name": "Bad", "authSchema": "weird",
        "template": {"sub": "x", "who": "{{user.password}}", "k" * 61: 1}}})
    assert result["valid"] is False
    paths = {i["path"] for i in result["issues"]}
    assert {"authSchema", "template.sub", "template.who", "template." + "k" * 61} <= paths
    api("/validate", {"id": "JTmissing"}, status=404)
    api("/validate", {}, status=400)


def test_library_entries_become_templates(api: _Api) -> None:
    entries = api("/library/list", {})["entries"]
    assert {"hasura", "supabase"} <= {x["id"] for x in entries}
    entry = api("/library/load", {"id": "supabase"})["entry"]
    assert entry["template"]["role"] == "authenticated"
    api("/library/load", {"id": "missing"}, status=404)
    made = api("/library/apply", {"libraryEntryId": "supabase", "nameOverride": "Supa",
                                  "tagsOverride": ["db"]})["template"]
    assert made["name"] == "Supa" and made["tags"] == ["db"]
    assert made["template"] == entry["template"] and made["source"] == "library:supabase"
    assert api("/load", {"id": made["id"]})["template"] == made
    api("/library/apply", {"libraryId": "missing"}, status=400)
    api("/library/apply", {"libraryEntryId": "missing"}, status=404)


def test_the_projects_user_template_shapes_issued_tokens(
    descope_emulator: Any, descope_client: Any, api: _Api
) -> None:
    mgmt = descope_client.mgmt
    mgmt.user.create("ada@x.io", display_name="Ada", role_names=["Tenant Admin"])
    made = api("/create", {"template": {
        "name": "App", "excludePermissions": True, "addJti": True, "overrideSubject": True,
        "emptyClaimPolicy": "delete", "omitCustomClaimsFromDSR": True,
        "template": {"mail": "{{user.email}}", "who": "{{user.name}}", "tier": "gold",
                     "sub": "{{user.email}}", "phone": "{{user.phone}}", "exp": 1}}})["template"]
    before = mgmt.jwt.sign_in("ada@x.io")["sessionToken"]
    assert "mail" not in before and before["permissions"]  # not applied until selected
    descope_emulator.settings(userJwtTemplateId=made["id"])
    resp = mgmt.jwt.sign_in("ada@x.io", MgmtLoginOptions(custom_claims={"c": 1}))
    session = resp["sessionToken"]
    assert session["mail"] == "ada@x.io" and session["who"] == "Ada"
    assert session["tier"] == "gold" and "phone" not in session  # empty: deleted
    assert session["sub"] == "ada@x.io" and session["dsub"] == resp["user"]["userId"]
    assert resp["userId"] == resp["user"]["userId"]  # the SDKs prefer dsub
    assert "permissions" not in session and session["roles"] == ["Tenant Admin"]
    assert session["jti"] and session["exp"] != 1 and session["c"] == 1
    refresh = resp["refreshSessionToken"]
    assert "mail" not in refresh and refresh["sub"] == resp["user"]["userId"]
    refreshed = descope_client.refresh_session(refresh["jwt"])["sessionToken"]
    assert refreshed["mail"] == "ada@x.io"
    api("/delete", {"id": made["id"]})  # a deleted template no longer applies
    assert "mail" not in mgmt.jwt.sign_in("ada@x.io")["sessionToken"]
