"""`client.mgmt.license`."""

from __future__ import annotations

from typing import Any

from ._base import MgmtArea


class License(MgmtArea):
    __slots__ = ()

    def get(self) -> dict[str, Any]:
        return self._get("/v1/mgmt/license")
