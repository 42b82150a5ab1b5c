"""IP, text and JSON lists (``descope_core/mgmt/list.py``, ``client.mgmt.list``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain import lists
from ..web.body import get_bool, get_obj_list, get_str, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok


async def create(request: Request) -> Response:
    """POST /v1/mgmt/list"""
    e = require_management(request)
    body = await read_json(request)
    found = lists.save(e, None, get_str(body, "name"), get_str(body, "type"),
                       opt_str(body, "description"), body.get("data"))
    return ok({"list": found})


async def update(request: Request) -> Response:
    """POST /v1/mgmt/list/update"""
    e = require_management(request)
    body = await read_json(request)
    found = lists.save(e, get_str(body, "id"), get_str(body, "name"), get_str(body, "type"),
                       opt_str(body, "description"), body.get("data"))
    return ok({"list": found})


async def delete(request: Request) -> Response:
    """POST /v1/mgmt/list/delete"""
    e = require_management(request)
    body = await read_json(request)
    lists.delete(e, get_str(body, "id"))
    return ok({})


async def load(request: Request) -> Response:
    """GET /v1/mgmt/list?id= (the Python SDK) or /v1/mgmt/list/{id} (the Node SDK)."""
    e = require_management(request)
    params = {**request.query_params, **request.path_params}
    return ok({"list": lists.require(e, get_str(params, "id"))})


async def load_by_name(request: Request) -> Response:
    """GET /v1/mgmt/list/name?name= (the Python SDK) or /v1/mgmt/list/name/{name} (Node)."""
    e = require_management(request)
    name = get_str({**request.query_params, **request.path_params}, "name")
    found = lists.by_name(e, name)
    if found is None:
        raise errors.LIST_NOT_FOUND(f"List '{name}' not found")
    return ok({"list": found})


async def load_all(request: Request) -> Response:
    """GET /v1/mgmt/list/all"""
    e = require_management(request)
    return ok({"lists": e.store.records.all(lists.LIST)})


async def import_lists(request: Request) -> Response:
    """POST /v1/mgmt/list/import"""
    e = require_management(request)
    body = await read_json(request)
    lists.import_lists(e, get_obj_list(body, "lists", required=True))
    return ok({})


async def add_ips(request: Request) -> Response:
    """POST /v1/mgmt/list/ip/add"""
    e = require_management(request)
    body = await read_json(request)
    lists.change(e, get_str(body, "id"), lists.IPS, get_str_list(body, "ips"), [])
    return ok({})


async def remove_ips(request: Request) -> Response:
    """POST /v1/mgmt/list/ip/remove"""
    e = require_management(request)
    body = await read_json(request)
    lists.change(e, get_str(body, "id"), lists.IPS, [], get_str_list(body, "ips"))
    return ok({})


async def check_ip(request: Request) -> Response:
    """POST /v1/mgmt/list/ip/check"""
    e = require_management(request)
    body = await read_json(request)
    return ok({"exists": lists.has_ip(e, get_str(body, "id"), get_str(body, "ip"))})


async def add_texts(request: Request) -> Response:
    """POST /v1/mgmt/list/text/add"""
    e = require_management(request)
    body = await read_json(request)
    lists.change(e, get_str(body, "id"), lists.TEXTS, get_str_list(body, "texts"), [])
    return ok({})


async def remove_texts(request: Request) -> Response:
    """POST /v1/mgmt/list/text/remove"""
    e = require_management(request)
    body = await read_json(request)
    lists.change(e, get_str(body, "id"), lists.TEXTS, [], get_str_list(body, "texts"))
    return ok({})


async def check_text(request: Request) -> Response:
    """POST /v1/mgmt/list/text/check (one `text`, or `texts` with `matchAll`)"""
    e = require_management(request)
    body = await read_json(request)
    if "texts" in body:
        texts = get_str_list(body, "texts")
        match_all = get_bool(body, "matchAll")
    else:
        texts, match_all = [get_str(body, "text")], False
    return ok({"exists": lists.has_texts(e, get_str(body, "id"), texts, match_all)})


async def clear(request: Request) -> Response:
    """POST /v1/mgmt/list/clear"""
    e = require_management(request)
    body = await read_json(request)
    lists.clear(e, get_str(body, "id"))
    return ok({})
