"""`client.mgmt.scope_claim_mapping`: which claims a token carries for each OAuth scope."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_dict_list


class ScopeClaimMapping(MgmtArea[M]):
    __slots__ = ()

    @api
    def get(self) -> Call[dict[str, Any]]:
        """The project's mappings, as `{"mappings": [{"scope", "claims", "description"}]}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._post("/v1/mgmt/scopeClaimMapping/get", {})

    @api
    def set(self, mappings: list[dict[str, Any]]) -> Call[None]:
        """Replace every mapping.

        Args:
            mappings: entries shaped as `get` answers them (`scope`, `claims`, `description`).

        Raises:
            AuthException: `mappings` is not a list of dicts (nothing is sent), or refused.
        """
        return self._post(
            "/v1/mgmt/scopeClaimMapping/set", {"mappings": check_dict_list(mappings, "mappings")}
        ).map(discard)

    @api
    def delete(self) -> Call[None]:
        """Remove every mapping.

        Raises:
            AuthException: Descope refused.
        """
        return self._post("/v1/mgmt/scopeClaimMapping/delete", {}).map(discard)
