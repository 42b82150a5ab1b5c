"""`client.mgmt.flow`: flows, screens and the project theme as JSON documents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import api
from ..calls import Call
from ._base import M, MgmtArea, check_id, check_str_list, invalid


class Flow(MgmtArea[M]):
    __slots__ = ()

    @api
    def list_flows(self) -> Call[dict[str, Any]]:
        return self._post("/v1/mgmt/flow/list")  # no body at all

    @api
    def delete_flows(self, flow_ids: list[str]) -> Call[dict[str, Any]]:
        ids = check_str_list(flow_ids, "flow_ids")
        if not ids:
            invalid("flow_ids must be a non-empty list")
        return self._post("/v1/mgmt/flow/delete", {"ids": ids})

    @api
    def export_flow(self, flow_id: str) -> Call[dict[str, Any]]:
        return self._post("/v1/mgmt/flow/export", {"flowId": check_id(flow_id, "flow_id")})

    @api
    def import_flow(
        self,
        flow_id: str | None = None,
        flow: dict[str, Any] | None = None,
        screens: list[dict[str, Any]] | None = None,
        *,
        theme: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """Import a flow and its screens.

        The seed README imports a theme with `import_flow(theme={...})`; that form is
        accepted and does what `import_theme` does.
        """
        if theme is not None and flow_id is None and flow is None and screens is None:
            return self._import_theme(theme)
        if not isinstance(flow, Mapping):
            invalid("flow must be a dict")
        if screens is None or not isinstance(screens, list):
            invalid("screens must be a list")
        return self._post(
            "/v1/mgmt/flow/import",
            {"flowId": check_id(flow_id, "flow_id"), "flow": dict(flow), "screens": screens},
        )

    @api
    def export_theme(self) -> Call[dict[str, Any]]:
        return self._post("/v1/mgmt/theme/export", {})

    @api
    def import_theme(self, theme: dict[str, Any]) -> Call[dict[str, Any]]:
        return self._import_theme(theme)

    def _import_theme(self, theme: dict[str, Any]) -> Call[dict[str, Any]]:
        if not isinstance(theme, Mapping):
            invalid("theme must be a dict")
        return self._post("/v1/mgmt/theme/import", {"theme": dict(theme)})
