"""Raw HTTP against the FGA details / mappable / dry-run routes, the by-id permission
calls, the Node SDK's list path forms and outbound templates: malformed bodies get a
Descope-shaped 400 (never a 500), unknown objects 404, calls without the key 401."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from .conftest import Api, assert_error

SCHEMA = "model AuthZ 1.0\n\ntype user\n\ntype doc\n  relation owner: user\n"


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/mgmt/fga/schema/dryrun", {}),
    ("/v1/mgmt/fga/schema/dryrun", {"dsl": 5}),
    ("/v1/mgmt/fga/schema/dryrun", {"dsl": "type doc\n  relation owner: nosuchtype\n"}),
    ("/v1/mgmt/fga/resources/save", {}),
    ("/v1/mgmt/fga/resources/save", {"resourcesDetails": [{"resourceId": "d1"}]}),
    ("/v1/mgmt/fga/resources/save", {"resourcesDetails": [
        {"resourceId": "d1", "resourceType": "doc", "displayName": 7}]}),
    ("/v1/mgmt/fga/resources/load", {"resourceIdentifiers": "d1"}),
    ("/v1/mgmt/fga/resources/load", {"resourceIdentifiers": [{"resourceType": ""}]}),
    ("/v1/mgmt/fga/mappable/resources", {"resourcesQueries": [{"type": "doc"}]}),
    ("/v1/mgmt/fga/mappable/resources", {"tenantId": "t1", "resourcesQueries": [{"type": 1}]}),
    ("/v1/mgmt/fga/mappable/resources", {"tenantId": "t1", "resourcesQueries": [
        {"type": "doc", "queries": "x"}]}),
    ("/v1/mgmt/fga/mappable/resources", {"tenantId": "t1", "resourcesQueries": [],
                                         "resourcesLimit": "many"}),
    ("/v1/mgmt/fga/mappable/resources", {"tenantId": "t1", "resourcesQueries": [],
                                         "resourcesLimit": "-1"}),
    ("/v1/mgmt/authz/re/deleteresourcesrelations", {}),
    ("/v1/mgmt/authz/re/deleteresourcesrelations", {"resources": "d1"}),
    ("/v1/mgmt/permission/delete", {"id": 5}),
    ("/v1/mgmt/permission/delete/batch", {"ids": "x"}),
    ("/v1/mgmt/permission/update", {"id": "x", "newName": 3}),
    ("/v1/mgmt/outbound/app/create/bytemplate", {}),
    ("/v1/mgmt/outbound/app/create/bytemplate", {"templateId": "no-such-provider"}),
    ("/v1/mgmt/outbound/app/create/bytemplate", {"templateId": "google", "pkce": "yes"}),
])
def test_bad_bodies_are_400(api: Api, path: str, body: dict[str, Any]) -> None:
    api.ok(api.post("/v1/mgmt/tenant/create", {"name": "T", "id": "t1"}, mgmt=True))
    api.ok(api.post("/v1/mgmt/fga/schema", {"dsl": SCHEMA}, mgmt=True))
    assert_error(api.post(path, body, mgmt=True), 400)


def test_unknown_objects_are_404(api: Api) -> None:
    api.ok(api.post("/v1/mgmt/fga/schema", {"dsl": SCHEMA}, mgmt=True))
    assert_error(api.get("/v1/mgmt/fga/mappable/schema?tenantId=nope", mgmt=True), 404)
    assert_error(api.post("/v1/mgmt/fga/mappable/resources",
                          {"tenantId": "nope", "resourcesQueries": []}, mgmt=True), 404)
    assert_error(api.post("/v1/mgmt/permission/delete", {"id": "PM2nope"}, mgmt=True), 404)
    assert_error(api.post("/v1/mgmt/role/delete", {"id": "RL2nope"}, mgmt=True), 404)
    assert_error(api.get("/v1/mgmt/list/L2nope", mgmt=True), 404)
    assert_error(api.get("/v1/mgmt/list/name/nope", mgmt=True), 404)


def test_list_path_forms_answer_the_list(api: Api) -> None:
    made = api.ok(api.post("/v1/mgmt/list", {"name": "my list", "type": "texts",
                                             "data": ["a"]}, mgmt=True))["list"]
    by_id = api.ok(api.get(f"/v1/mgmt/list/{made['id']}", mgmt=True))["list"]
    by_name = api.ok(api.get("/v1/mgmt/list/name/my%20list", mgmt=True))["list"]
    assert by_id == by_name == made
    assert api.ok(api.get("/v1/mgmt/list/all", mgmt=True))["lists"] == [made]  # not an id


def test_management_key_required(api: Api) -> None:
    assert_error(api.post("/v1/mgmt/fga/schema/dryrun", {"dsl": SCHEMA}), 401)
    assert_error(api.get("/v1/mgmt/fga/mappable/schema?tenantId=t1"), 401)
    assert_error(api.post("/v1/mgmt/fga/resources/load", {"resourceIdentifiers": []}), 401)
    assert_error(api.post("/v1/mgmt/authz/re/deleteresourcesrelations", {"resources": ["d"]}),
                 401)
    assert_error(api.get("/v1/mgmt/list/name/x"), 401)


def test_only_the_token_endpoint_reads_forms(api: Api) -> None:
    """A form body is JSON-malformed everywhere else (no cross-site form can post there)."""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    emu = api.emu
    resp = requests.post(emu.url("/v1/mgmt/permission/create"), data="name=x", headers={
        **form, "Authorization": f"Bearer {emu.project_id}:{emu.management_key}"}, timeout=30)
    assert_error(resp, 400)
    token = requests.post(emu.url("/oauth2/v1/apps/token"), data="grant_type=client_credentials",
                          headers=form, timeout=30)
    assert_error(token, 401)  # read as a form: the client credentials are what is missing
