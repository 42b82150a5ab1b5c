"""`client.mgmt.jwt`: custom claims and impersonation."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call
from ._base import M, MgmtArea, check_bool, check_dict, check_id, check_int, check_opt_str


def _jwt_of(data: dict[str, Any]) -> str:
    return str(data.get("jwt", ""))


class JWT(MgmtArea[M]):
    __slots__ = ()

    @api
    def update_jwt(self, jwt: str, custom_claims: dict[str, Any], refresh_duration: int = 0) -> Call[str]:
        """Re-sign `jwt` with `custom_claims` added; returns the new JWT."""
        return self._post(
            "/v1/mgmt/jwt/update",
            {
                "jwt": check_id(jwt, "jwt"),
                "customClaims": check_dict(custom_claims, "custom_claims"),
                "refreshDuration": check_int(refresh_duration or 0, "refresh_duration"),
            },
        ).map(_jwt_of)

    @api
    def impersonate(
        self,
        impersonator_id: str,
        login_id: str,
        validate_consent: bool,
        custom_claims: dict[str, Any] | None = None,
        tenant_id: str | None = None,
        refresh_duration: int | None = None,
        stepup: bool | None = None,
    ) -> Call[str]:
        """A refresh JWT of `login_id`, issued on behalf of `impersonator_id`."""
        return self._post(
            "/v1/mgmt/impersonate",
            {
                "loginId": check_id(login_id, "login_id"),
                "impersonatorId": check_id(impersonator_id, "impersonator_id"),
                "validateConsent": check_bool(validate_consent, "validate_consent"),
                "customClaims": check_dict(custom_claims, "custom_claims"),
                "selectedTenant": check_opt_str(tenant_id, "tenant_id"),
                "refreshDuration": (
                    None
                    if refresh_duration is None
                    else check_int(refresh_duration, "refresh_duration")
                ),
                "stepup": stepup,
            },
        ).map(_jwt_of)
