"""Analytics search (``descope_core/mgmt/analytics.py``, ``client.mgmt.analytics``)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import errors
from ..domain.analytics import AnalyticsQuery, check_bucket
from ..web.body import get_bool, get_int, get_str_list, opt_str, read_json
from ..web.credentials import require_management
from ..web.responses import ok

_GROUPS = {"groupByAction": "action", "groupByDevice": "device", "groupByMethod": "method",
           "groupByGeo": "geo", "groupByTenant": "tenant", "groupByReferrer": "referrer"}


async def search(request: Request) -> Response:
    """POST /v1/mgmt/analytics/search"""
    e = require_management(request)
    body = await read_json(request)
    from_ms = get_int(body, "from")
    to_ms = get_int(body, "to") or int(e.now() * 1000) + 1000
    if from_ms < 0 or body.get("to") and from_ms > to_ms:
        raise errors.INVALID_REQUEST("'from' must not be negative nor after 'to'")
    query = AnalyticsQuery(
        from_ms=from_ms,
        to_ms=to_ms,
        actions=get_str_list(body, "actions"),
        excluded_actions=get_str_list(body, "excludedActions"),
        devices=get_str_list(body, "devices"),
        methods=get_str_list(body, "methods"),
        geos=get_str_list(body, "geos"),
        tenants=get_str_list(body, "tenants"),
        group_by=[dim for key, dim in _GROUPS.items() if get_bool(body, key)],
        bucket=check_bucket(opt_str(body, "groupByCreated")),
    )
    return ok({"analytics": query.run(e)})
