"""`mgmt.family` end to end through the emulator: families and their custom attributes,
dependents (the family's size limit enforced), impersonating a dependent (a session JWT
of the dependent that the client verifies, naming the member in `act`) and back."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AssociatedFamily, AuthException, CustomAttribute

IMPERSONATE = "Family Impersonate Dependents"


def _status(call: Any, *args: Any, **kwargs: Any) -> int:
    with pytest.raises(AuthException) as err:
        call(*args, **kwargs)
    return int(err.value.status_code)


def test_families_custom_attributes_update_search_delete(mgmt: Any) -> None:
    data = mgmt.family.create_custom_attributes(
        [CustomAttribute("city", 1, display_name="City"), CustomAttribute("size", 2)]
    )["data"]
    assert [a["name"] for a in data] == ["city", "size"]
    assert data[0]["displayName"] == "City" and data[1]["type"] == 2
    assert _status(mgmt.family.create_custom_attributes, [CustomAttribute("city", 1)]) == 409
    assert _status(mgmt.family.create, "Nobody", custom_attributes={"undefined": 1}) == 400

    fam = mgmt.family.create("Smiths", id="smiths", custom_attributes={"city": "Oslo"},
                             photo="http://p/s.png")["family"]
    assert fam["id"] == "smiths" and fam["customAttributes"] == {"city": "Oslo"}
    assert fam["disabled"] is False and fam["photo"] == "http://p/s.png"
    other = mgmt.family.create("Joneses", custom_attributes={"city": "Rome"})["family"]
    assert other["id"] and other["id"] != "smiths"
    assert _status(mgmt.family.create, "Again", id="smiths") == 409

    changed = mgmt.family.update("smiths", disabled=True)["family"]
    assert changed["name"] == "Smiths" and changed["disabled"] is True  # a patch
    assert _status(mgmt.family.update, "missing", name="x") == 404

    def names(**kwargs: Any) -> list[str]:
        return [f["name"] for f in mgmt.family.search_all(**kwargs)["families"]]

    assert names() == ["Smiths", "Joneses"]
    assert names(names=["Joneses"]) == ["Joneses"]
    assert names(ids=["smiths"]) == ["Smiths"]
    assert names(text="rom") == ["Joneses"]
    assert names(custom_attributes={"city": "Oslo"}) == ["Smiths"]
    assert names(page=1, size=1) == ["Joneses"]

    remaining = mgmt.family.delete_custom_attributes(["size"])["data"]
    assert [a["name"] for a in remaining] == ["city"]
    assert [a["name"] for a in mgmt.family.load_custom_attributes()["data"]] == ["city"]
    mgmt.family.delete(other["id"])
    assert names() == ["Smiths"]
    assert _status(mgmt.family.delete, other["id"]) == 404


def test_settings_and_the_member_limit(mgmt: Any) -> None:
    assert mgmt.family.get_settings() == {
        "enabled": True, "maxFamilyMembers": 10, "allowMultipleFamiliesUsers": False}
    after = mgmt.family.configure_settings(max_family_members=2)
    assert after["maxFamilyMembers"] == 2 and after["enabled"] is True
    assert mgmt.family.get_settings() == after
    mgmt.family.create("Small", id="small")
    kid = mgmt.family.create_dependent("small", name="Ann Small", email="parent@x.io",
                                       family_scoped_attributes={"grade": 3})["user"]
    assert kid["loginIds"] == ["ann-small"] and kid["email"] == "parent@x.io"
    assert kid["dependent"] is True
    assert kid["familyAssociations"][0]["familyScopedAttributes"] == {"grade": 3}
    mgmt.family.create_dependent("small", login_id="bob")
    assert _status(mgmt.family.create_dependent, "small", login_id="carl") == 400  # full
    assert _status(mgmt.family.create_dependent, "nowhere", login_id="dan") == 404
    assert _status(mgmt.user.create, "eve@x.io",
                   family_associations=[AssociatedFamily("small")]) == 400
    mgmt.family.delete_dependent(kid["userId"])
    mgmt.family.create_dependent("small", login_id="carl")

    mgmt.family.configure_settings(enabled=False)
    assert _status(mgmt.family.create, "Off") == 400
    assert _status(mgmt.family.create_dependent, "small", login_id="fay") == 400


def test_impersonate_a_dependent_and_stop(descope_client: Any, mgmt: Any) -> None:
    mgmt.permission.create(IMPERSONATE)
    mgmt.role.create("parent", permission_names=[IMPERSONATE])
    mgmt.role.create("relative")
    mgmt.family.create("Lees", id="lees")
    member = mgmt.user.create(
        "mum@x.io", family_associations=[AssociatedFamily("lees", role_names=["parent"])]
    )["user"]
    mgmt.user.create("aunt@x.io",
                     family_associations=[AssociatedFamily("lees", role_names=["relative"])])
    mgmt.user.create("stranger@x.io")
    kid = mgmt.family.create_dependent("lees", login_id="kid-lee", name="Kid")["user"]

    jwt = mgmt.family.impersonate_dependent("mum@x.io", "kid-lee", selected_family="lees")
    claims = descope_client.validate_session(jwt)
    assert claims["sub"] == kid["userId"]
    assert claims["act"]["sub"] == member["userId"]
    assert descope_client.validate_session(
        mgmt.family.impersonate_dependent(member["userId"], "kid-lee"))["sub"] == kid["userId"]

    back = mgmt.family.stop_impersonation(jwt, custom_claims={"k": "v"}, refresh_duration=600)
    own = descope_client.validate_session(back)
    assert own["sub"] == member["userId"] and own["k"] == "v" and "act" not in own
    assert _status(mgmt.family.stop_impersonation, back) == 400  # not an impersonation JWT
    assert _status(mgmt.family.stop_impersonation, jwt[:-4] + "AAAA") == 400

    assert _status(mgmt.family.impersonate_dependent, "aunt@x.io", "kid-lee") == 403
    assert _status(mgmt.family.impersonate_dependent, "stranger@x.io", "kid-lee") == 403
    assert _status(mgmt.family.impersonate_dependent, "mum@x.io", "mum@x.io") == 404
    assert _status(mgmt.family.impersonate_dependent, "mum@x.io", "kid-lee",
                   selected_family="other") == 400
    assert _status(mgmt.family.delete_dependent, member["userId"]) == 400

    mgmt.family.delete("lees")  # dependents go, members stay without the family
    assert _status(mgmt.user.load, "kid-lee") == 404
    assert mgmt.user.load("mum@x.io")["user"]["familyAssociations"] == []


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    fam = offline_mgmt.family
    for call, args, kwargs in (
        (fam.create, ("",), {}),
        (fam.create, ("n",), {"custom_attributes": "x"}),
        (fam.update, ("",), {}),
        (fam.delete, ("",), {}),
        (fam.search_all, (), {"ids": "abc"}),
        (fam.search_all, (), {"page": "1"}),
        (fam.create_dependent, ("",), {}),
        (fam.create_dependent, ("f",), {"family_scoped_attributes": ["x"]}),
        (fam.delete_dependent, ("",), {}),
        (fam.impersonate_dependent, ("", "kid"), {}),
        (fam.impersonate_dependent, ("mum", ""), {}),
        (fam.stop_impersonation, ("",), {}),
        (fam.configure_settings, (), {"max_family_members": 0}),
        (fam.configure_settings, (), {"enabled": "yes"}),
        (fam.create_custom_attributes, (None,), {}),
        (fam.create_custom_attributes, ([{"name": "x"}],), {}),
        (fam.delete_custom_attributes, ([""],), {}),
    ):
        with pytest.raises(AuthException) as err:
            call(*args, **kwargs)
        assert err.value.status_code == 400
    assert recorder.calls == []
