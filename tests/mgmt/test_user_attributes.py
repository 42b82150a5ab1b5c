"""User custom attribute definitions end to end: once the project defines attributes, a
user's values must name a defined attribute and fit its type (create, update, patch,
batch patch, `update_custom_attribute`, import); the family-scoped definitions guard the
`familyScopedAttributes` of family memberships; adding and removing a user's families."""

from __future__ import annotations

from typing import Any

import pytest

from descope_core import AssociatedFamily, AuthException, CustomAttribute, UserObj


def _status(call: Any, *args: Any, **kwargs: Any) -> int:
    with pytest.raises(AuthException) as err:
        call(*args, **kwargs)
    return int(err.value.status_code)


def _names(resp: dict[str, Any]) -> list[str]:
    return [a["name"] for a in resp["data"]]


def test_definitions_create_load_delete(mgmt: Any) -> None:
    assert mgmt.user.load_custom_attributes() == {"data": []}
    out = mgmt.user.create_custom_attribute("plan", "Plan", "string", required=True,
                                            options=None)
    assert out["data"] == [{"name": "plan", "displayName": "Plan", "type": "string",
                            "required": True}]
    mgmt.user.create_custom_attribute("seats", "Seats", "number")
    mgmt.user.create_custom_attribute("tier", "Tier", "singleSelect", options=["a", "b"])
    assert _names(mgmt.user.load_custom_attributes()) == ["plan", "seats", "tier"]
    assert _status(mgmt.user.create_custom_attribute, "plan", "Again", "string") == 409
    assert _status(mgmt.user.create_custom_attribute, "x", "X", "colour") == 400
    assert _status(mgmt.user.create_custom_attribute, "y" * 61, "Y", "string") == 400
    assert _names(mgmt.user.delete_custom_attribute("seats")) == ["plan", "tier"]
    assert _names(mgmt.user.delete_custom_attribute("never-defined")) == ["plan", "tier"]


def test_values_must_be_defined_and_typed_once_defined(mgmt: Any) -> None:
    mgmt.user.create("early@x.io", custom_attributes={"anything": 1})  # no definitions yet
    mgmt.user.create_custom_attribute("plan", "Plan", "string")
    mgmt.user.create_custom_attribute("seats", "Seats", "number")
    mgmt.user.create_custom_attribute("beta", "Beta", "boolean")
    mgmt.user.create_custom_attribute("tier", "Tier", "singleSelect", options=["a", "b"])

    user = mgmt.user.create("ann@x.io", custom_attributes={"plan": "pro", "seats": 3})["user"]
    assert user["customAttributes"] == {"plan": "pro", "seats": 3}
    assert _status(mgmt.user.create, "bob@x.io", custom_attributes={"nope": "x"}) == 400
    assert _status(mgmt.user.create, "bob@x.io", custom_attributes={"seats": "three"}) == 400
    assert _status(mgmt.user.load, "bob@x.io") == 404  # nothing was created

    with pytest.raises(AuthException) as err:
        mgmt.user.update_custom_attribute("ann@x.io", "nope", "x")
    assert err.value.status_code == 400 and "nope" in str(err.value)
    assert _status(mgmt.user.update_custom_attribute, "ann@x.io", "beta", "yes") == 400
    assert _status(mgmt.user.update_custom_attribute, "ann@x.io", "tier", "c") == 400
    mgmt.user.update_custom_attribute("ann@x.io", "beta", True)
    mgmt.user.update_custom_attribute("ann@x.io", "tier", "b")
    assert mgmt.user.load("ann@x.io")["user"]["customAttributes"] == {
        "plan": "pro", "seats": 3, "beta": True, "tier": "b"}

    assert _status(mgmt.user.patch, "ann@x.io", custom_attributes={"seats": True}) == 400
    mgmt.user.patch("ann@x.io", custom_attributes={"seats": 5, "plan": None})
    assert mgmt.user.load("ann@x.io")["user"]["customAttributes"] == {"seats": 5, "plan": None}

    mgmt.user.create("cy@x.io")
    out = mgmt.user.patch_batch([UserObj("ann@x.io", custom_attributes={"seats": 9}),
                                 UserObj("cy@x.io", custom_attributes={"ghost": 1})])
    assert [u["loginIds"][0] for u in out["patchedUsers"]] == ["ann@x.io"]
    assert len(out["failedUsers"]) == 1 and "ghost" in out["failedUsers"][0]["failure"]

    mgmt.user.delete_custom_attribute("seats")  # a deleted attribute can no longer be set
    assert _status(mgmt.user.update_custom_attribute, "ann@x.io", "seats", 1) == 400


def test_family_scoped_definitions_guard_memberships(mgmt: Any) -> None:
    assert mgmt.user.load_family_scoped_custom_attributes() == {"data": []}
    out = mgmt.user.create_family_scoped_custom_attributes(
        [CustomAttribute("nick", 1, display_name="Nick"), CustomAttribute("age", 2)])
    assert _names(out) == ["nick", "age"]
    assert _status(mgmt.user.create_family_scoped_custom_attributes,
                   [CustomAttribute("nick", 1)]) == 409
    assert _status(mgmt.user.create_family_scoped_custom_attributes,
                   [CustomAttribute("bad", 99)]) == 400
    assert mgmt.user.load_custom_attributes() == {"data": []}  # kept apart

    mgmt.family.create("Lees", id="lees")
    mgmt.user.create("mum@x.io")
    assert _status(mgmt.user.add_families, "mum@x.io",
                   [AssociatedFamily("lees", family_scoped_attributes={"shoe": 40})]) == 400
    assert _status(mgmt.user.add_families, "mum@x.io",
                   [AssociatedFamily("lees", family_scoped_attributes={"age": "old"})]) == 400
    mgmt.user.add_families("mum@x.io", [AssociatedFamily("lees", family_scoped_attributes={
        "nick": "Mum", "age": 40})])
    assert _names(mgmt.user.delete_family_scoped_custom_attributes(["age"])) == ["nick"]
    assert [a["name"] for a in mgmt.user.load_family_scoped_custom_attributes()["data"]] == [
        "nick"]


def test_add_and_remove_families(mgmt: Any) -> None:
    mgmt.role.create("parent")
    mgmt.family.create("Lees", id="lees")
    mgmt.family.create("Kims", id="kims")
    mgmt.user.create("mum@x.io")
    user = mgmt.user.add_families("mum@x.io", [AssociatedFamily("lees", ["parent"], {"k": 1})])
    assert user["user"]["familyAssociations"] == [
        {"familyId": "lees", "roleNames": ["parent"], "familyScopedAttributes": {"k": 1}}]
    # adding a family again without roles / attributes keeps the ones it has
    mgmt.user.add_families("mum@x.io", [AssociatedFamily("lees")])
    assert mgmt.user.load("mum@x.io")["user"]["familyAssociations"][0]["roleNames"] == [
        "parent"]
    assert mgmt.family.search_all(ids=["lees"])["families"][0]["id"] == "lees"
    # one family per user unless the settings allow more
    assert _status(mgmt.user.add_families, "mum@x.io", [AssociatedFamily("kims")]) == 400
    mgmt.family.configure_settings(allow_multiple_families_users=True)
    mgmt.user.add_families("mum@x.io", [AssociatedFamily("kims")])
    assert _status(mgmt.user.add_families, "mum@x.io", [AssociatedFamily("nowhere")]) == 404
    assert _status(mgmt.user.add_families, "nobody@x.io", [AssociatedFamily("lees")]) == 404

    out = mgmt.user.remove_families("mum@x.io", ["lees"])
    assert [a["familyId"] for a in out["user"]["familyAssociations"]] == ["kims"]
    kid = mgmt.family.create_dependent("kims", login_id="kid")["user"]
    assert kid["dependent"] is True
    assert _status(mgmt.user.remove_families, "kid", ["kims"]) == 400
    assert _status(mgmt.user.add_families, "kid", [AssociatedFamily("lees")]) == 400


def test_bad_arguments_send_nothing(offline_mgmt: Any, recorder: Any) -> None:
    user = offline_mgmt.user
    for call, args in (
        (user.create_custom_attribute, ("", "N", "string")),
        (user.create_custom_attribute, ("n", "N", 5)),
        (user.delete_custom_attribute, ("",)),
        (user.create_family_scoped_custom_attributes, (None,)),
        (user.delete_family_scoped_custom_attributes, ("nick",)),
        (user.add_families, ("", [AssociatedFamily("f")])),
        (user.add_families, ("a@x.io", None)),
        (user.remove_families, ("a@x.io", "f1")),
        (user.update_custom_attribute, ("a@x.io", "", "v")),
    ):
        with pytest.raises(AuthException):
            call(*args)
    assert recorder.calls == []


def test_definitions_travel_in_the_project_file(descope_emulator: Any, mgmt: Any) -> None:
    assert "userCustomAttributes" not in descope_emulator.export_project()
    mgmt.user.create_custom_attribute("plan", "Plan", "string")
    mgmt.user.create_family_scoped_custom_attributes([CustomAttribute("nick", 1)])
    doc = descope_emulator.export_project()
    assert [a["name"] for a in doc["userCustomAttributes"]] == ["plan"]
    descope_emulator.reset()
    assert mgmt.user.load_custom_attributes() == {"data": []}
    descope_emulator.load_project(doc)
    assert _names(mgmt.user.load_custom_attributes()) == ["plan"]
    assert _names(mgmt.user.load_family_scoped_custom_attributes()) == ["nick"]
    assert _status(mgmt.user.create, "x@x.io", custom_attributes={"other": 1}) == 400
    assert descope_emulator.export_project() == doc
    with pytest.raises(AssertionError, match="answered 400"):
        descope_emulator.load_project({**doc, "userCustomAttributes": [{"name": "bad"}]})
