"""`client.mgmt.engine`: engines, each with a secret shown only at creation and rotation."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_id


class Engine(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(self, name: str) -> Call[dict[str, Any]]:
        """Create an engine.

        Args:
            name: the engine's display name.

        Returns:
            `{"engine": {...}}`, the only answer (with `rotate_secret`'s) holding the secret.

        Raises:
            AuthException: `name` is empty (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/engine/create", {"name": check_id(name, "name")})

    @api
    def update(self, id: str, name: str) -> Call[dict[str, Any]]:
        """Rename an engine.

        Args:
            id: the engine's id.
            name: the engine's name.

        Raises:
            AuthException: an empty argument (nothing is sent), unknown id, or refused.
        """
        return self._post(
            "/v1/mgmt/engine/update", {"id": check_id(id, "id"), "name": check_id(name, "name")}
        )

    @api
    def delete(self, id: str) -> Call[None]:
        """Delete an engine.

        Args:
            id: the engine's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/engine/delete", {"id": check_id(id, "id")}).map(discard)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load an engine (without its secret).

        Args:
            id: the engine's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._get("/v1/mgmt/engine/load", id=check_id(id, "id"))

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        """Every engine of the project, as `{"engines": [...]}` (no secrets).

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/engines/load")

    @api
    def rotate_secret(self, id: str) -> Call[dict[str, Any]]:
        """Replace an engine's secret; the old one stops working at once.

        Args:
            id: the engine's id.

        Returns:
            `{"secret": <the new secret>}`.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/engine/rotate", {"id": check_id(id, "id")})
