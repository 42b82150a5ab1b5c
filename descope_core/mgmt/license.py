"""`client.mgmt.license`."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call
from ._base import M, MgmtArea


class License(MgmtArea[M]):
    __slots__ = ()

    @api
    def get(self) -> Call[dict[str, Any]]:
        """The project's license (rate-limit tier and features).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/license")
