"""Raw HTTP against the family and analytics routes: malformed bodies and wrong types get
a Descope-shaped 400 (never a 500), and calls without the management key a 401."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Api, assert_error


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/mgmt/family/create", {}),
    ("/v1/mgmt/family/create", {"name": 5}),
    ("/v1/mgmt/family/create", {"name": "n", "customAttributes": []}),
    ("/v1/mgmt/family/create", {"name": "n", "customAttributes": {"undefined": 1}}),
    ("/v1/mgmt/family/update", {"id": ["x"]}),
    ("/v1/mgmt/family/search", {"familyIds": "x"}),
    ("/v1/mgmt/family/search", {"page": -1, "size": 2}),
    ("/v1/mgmt/family/dependent/create", {"familyId": "f", "familyScopedAttributes": {"g": {}}}),
    ("/v1/mgmt/family/dependent/create", {"familyId": "f", "familyScopedAttributes": {"f": 1}}),
    ("/v1/mgmt/family/impersonate", {"impersonatorUserIdOrLoginId": "a"}),
    ("/v1/mgmt/family/impersonate/stop", {"jwt": "not.a.jwt"}),
    ("/v1/mgmt/family/impersonate/stop", {"jwt": "x", "refreshDuration": "1"}),
    ("/v1/mgmt/family/settings", {"maxFamilyMembers": 0}),
    ("/v1/mgmt/family/settings", {"enabled": "yes"}),
    ("/v1/mgmt/family/customattribute/create", {"attributes": [{"name": "a", "type": "1"}]}),
    ("/v1/mgmt/family/customattribute/create", {"attributes": [{"type": 1}]}),
    ("/v1/mgmt/family/customattribute/create", {"attributes": "a"}),
    ("/v1/mgmt/family/customattribute/delete", {"names": [1]}),
    ("/v1/mgmt/analytics/search", {"groupByCreated": "fortnight"}),
    ("/v1/mgmt/analytics/search", {"from": 10, "to": 5}),
    ("/v1/mgmt/analytics/search", {"actions": "LoginSucceed"}),
    ("/v1/mgmt/analytics/search", {"groupByMethod": 1}),
])
def test_bad_bodies_are_400(api: Api, path: str, body: dict[str, Any]) -> None:
    assert_error(api.post(path, body, mgmt=True), 400)


def test_management_key_required(api: Api) -> None:
    assert_error(api.post("/v1/mgmt/family/create", {"name": "n"}), 401)
    assert_error(api.get("/v1/mgmt/family/settings"), 401)
    assert_error(api.post("/v1/mgmt/analytics/search", {}), 401)
