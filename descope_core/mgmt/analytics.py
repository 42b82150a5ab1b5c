"""`client.mgmt.analytics`: counts of the project's authentication events, filtered and
grouped (by action, device, method, geo, tenant, referrer and time bucket)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..api import api
from ..calls import Call
from ._base import M, MgmtArea, check_bool, check_opt_str, check_str_list, epoch_ms


class Analytics(MgmtArea[M]):
    __slots__ = ()

    @api
    def search(
        self,
        actions: list[str] | None = None,
        excluded_actions: list[str] | None = None,
        from_ts: _dt.datetime | None = None,
        to_ts: _dt.datetime | None = None,
        devices: list[str] | None = None,
        methods: list[str] | None = None,
        geos: list[str] | None = None,
        tenants: list[str] | None = None,
        group_by_action: bool = False,
        group_by_device: bool = False,
        group_by_method: bool = False,
        group_by_geo: bool = False,
        group_by_tenant: bool = False,
        group_by_referrer: bool = False,
        group_by_created: str | None = None,
    ) -> Call[dict[str, Any]]:
        """Analytics records matching the filters, grouped by the chosen dimensions.

        Args:
            actions: actions to keep (`LoginSucceed`, ...).
            excluded_actions: actions to drop.
            from_ts, to_ts: the time window (datetimes).
            devices: `Bot`/`Mobile`/`Desktop`/`Tablet`/`Unknown`.
            methods: `otp`/`totp`/`magiclink`/`oauth`/`saml`/`password`/...
            geos: country codes.
            tenants: tenant ids.
            group_by_action, group_by_device, group_by_method, group_by_geo,
                group_by_tenant, group_by_referrer: count per value of that dimension.
            group_by_created: a time bucket, `h`/`d`/`w`/`m`/`q`.

        Returns:
            `{"analytics": [...]}`: one record per group, each with its `count`.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        body: dict[str, Any] = {
            "actions": check_str_list(actions, "actions", default_empty=True),
            "excludedActions": check_str_list(
                excluded_actions, "excluded_actions", default_empty=True
            ),
            "devices": check_str_list(devices, "devices", default_empty=True),
            "methods": check_str_list(methods, "methods", default_empty=True),
            "geos": check_str_list(geos, "geos", default_empty=True),
            "tenants": check_str_list(tenants, "tenants", default_empty=True),
            "groupByAction": check_bool(group_by_action, "group_by_action"),
            "groupByDevice": check_bool(group_by_device, "group_by_device"),
            "groupByMethod": check_bool(group_by_method, "group_by_method"),
            "groupByGeo": check_bool(group_by_geo, "group_by_geo"),
            "groupByTenant": check_bool(group_by_tenant, "group_by_tenant"),
            "groupByReferrer": check_bool(group_by_referrer, "group_by_referrer"),
        }
        if from_ts is not None:
            body["from"] = epoch_ms(from_ts, "from_ts")
        if to_ts is not None:
            body["to"] = epoch_ms(to_ts, "to_ts")
        if group_by_created is not None:
            body["groupByCreated"] = check_opt_str(group_by_created, "group_by_created")
        return self._post("/v1/mgmt/analytics/search", body)
