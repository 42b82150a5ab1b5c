"""`client.mgmt.flow`: flows, screens and the project theme as JSON documents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..api import api
from ..calls import Call
from ._base import M, MgmtArea, check_id, check_str_list, invalid
from .types import FlowRunOptions


class Flow(MgmtArea[M]):
    __slots__ = ()

    @api
    def list_flows(self) -> Call[dict[str, Any]]:
        """Every flow of the project, as `{"flows": [...], "total"}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/flow/list")  # no body at all

    @api
    def delete_flows(self, flow_ids: list[str]) -> Call[dict[str, Any]]:
        """Delete flows by id.

        Args:
            flow_ids: the flows' ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        ids = check_str_list(flow_ids, "flow_ids")
        if not ids:
            invalid("flow_ids must be a non-empty list")
        return self._post("/v1/mgmt/flow/delete", {"ids": ids})

    @api
    def export_flow(self, flow_id: str) -> Call[dict[str, Any]]:
        """Export a flow and its screens.

        Args:
            flow_id: the flow's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
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

        Args:
            flow_id: the flow's id.
            flow: the flow document.
            screens: its screens.
            theme: the theme document.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
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
        """Export the project's theme.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/theme/export", {})

    @api
    def import_theme(self, theme: dict[str, Any]) -> Call[dict[str, Any]]:
        """Replace the project's theme.

        Args:
            theme: the theme document.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._import_theme(theme)

    def _import_theme(self, theme: dict[str, Any]) -> Call[dict[str, Any]]:
        if not isinstance(theme, Mapping):
            invalid("theme must be a dict")
        return self._post("/v1/mgmt/theme/import", {"theme": dict(theme)})

    @api
    def run_flow(
        self, flow_id: str, options: FlowRunOptions | dict[str, Any] | None = None
    ) -> Call[dict[str, Any]]:
        """Run a flow to its end from the backend and return its result.

        Args:
            flow_id: the flow.
            options: its input, preview mode and tenant (`FlowRunOptions`, or a dict with
                the wire names `input`, `preview`, `tenant`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/flow/run", _run_body(flow_id, options))

    @api
    def run_flow_async(
        self, flow_id: str, options: FlowRunOptions | dict[str, Any] | None = None
    ) -> Call[dict[str, Any]]:
        """Start a flow and return at once; poll `get_flow_async_result(executionId)`.

        Args:
            flow_id: the flow's id.
            options: the flow's input (`FlowRunOptions` or a dict).

        Returns:
            The started execution, with its `executionId`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/flow/async/run", _run_body(flow_id, options))

    @api
    def get_flow_async_result(self, execution_id: str) -> Call[dict[str, Any]]:
        """The state of an execution started by `run_flow_async` (and its result once done).

        Args:
            execution_id: the id `run_flow_async` returned.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/flow/async/result", {"executionId": check_id(execution_id, "execution_id")}
        )


def _run_body(flow_id: Any, options: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"flowId": check_id(flow_id, "flow_id")}
    if options is None:
        return body
    if isinstance(options, dict):
        options = FlowRunOptions.from_dict(options)
    if not isinstance(options, FlowRunOptions):
        invalid("options must be a FlowRunOptions or a dict")
    body.update(options.to_dict())
    return body
