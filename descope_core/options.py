"""Option objects with the official SDK's constructor arguments and wire form (auth.md §0.4)."""

from __future__ import annotations

from typing import Any


class LoginOptions:
    def __init__(
        self,
        stepup: bool = False,
        mfa: bool = False,
        revoke_other_sessions: bool | None = None,
        custom_claims: dict[str, Any] | None = None,
        template_options: dict[str, str] | None = None,
        template_id: str | None = None,
        locale: str | None = None,
    ) -> None:
        self.stepup = stepup
        self.mfa = mfa
        self.revoke_other_sessions = revoke_other_sessions
        self.custom_claims = custom_claims
        self.template_options = template_options
        self.template_id = template_id
        self.locale = locale

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stepup": self.stepup,
            "customClaims": self.custom_claims,
            "mfa": self.mfa,
        }
        if self.revoke_other_sessions is not None:
            out["revokeOtherSessions"] = self.revoke_other_sessions
        if self.template_options is not None:
            out["templateOptions"] = self.template_options
        if self.template_id is not None:
            out["templateId"] = self.template_id
        if self.locale is not None:
            out["locale"] = self.locale
        return out

    def __repr__(self) -> str:
        return f"LoginOptions(stepup={self.stepup}, mfa={self.mfa})"


class SignUpOptions:
    def __init__(
        self,
        revoke_other_sessions: bool | None = None,
        custom_claims: dict[str, Any] | None = None,
        template_options: dict[str, str] | None = None,
        template_id: str | None = None,
    ) -> None:
        self.revoke_other_sessions = revoke_other_sessions
        self.custom_claims = custom_claims
        self.template_options = template_options
        self.template_id = template_id

    def to_dict(self) -> dict[str, Any]:
        """The sign-up `loginOptions` (only keys whose value is not None)."""
        out: dict[str, Any] = {}
        if self.custom_claims is not None:
            out["customClaims"] = self.custom_claims
        if self.template_id is not None:
            out["templateId"] = self.template_id
        if self.template_options is not None:
            out["templateOptions"] = self.template_options
        if self.revoke_other_sessions is not None:
            out["revokeOtherSessions"] = self.revoke_other_sessions
        return out

    def to_sign_up_or_in(self) -> dict[str, Any]:
        """The sign-up-or-in mapping: a LoginOptions from claims and template fields."""
        return LoginOptions(
            custom_claims=self.custom_claims,
            template_options=self.template_options,
            template_id=self.template_id,
        ).to_dict()


class AccessKeyLoginOptions:
    def __init__(
        self, custom_claims: dict[str, Any] | None = None, selected_tenant: str | None = None
    ) -> None:
        self.custom_claims = custom_claims
        self.selected_tenant = selected_tenant

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.custom_claims is not None:
            out["customClaims"] = self.custom_claims
        if self.selected_tenant is not None:
            out["selectedTenant"] = self.selected_tenant
        return out


class AssociatedTenant:
    """A tenant a user belongs to, with role names (or ids) inside it."""

    def __init__(
        self,
        tenant_id: str,
        role_names: list[str] | None = None,
        role_ids: list[str] | None = None,
    ) -> None:
        self.tenant_id = tenant_id
        self.role_names = list(role_names) if role_names is not None else []
        self.role_ids = list(role_ids) if role_ids is not None else []

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"tenantId": self.tenant_id, "roleNames": list(self.role_names)}
        if self.role_ids:
            out["roleIds"] = list(self.role_ids)
        return out

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, AssociatedTenant)
            and self.tenant_id == other.tenant_id
            and self.role_names == other.role_names
            and self.role_ids == other.role_ids
        )

    def __hash__(self) -> int:
        return hash((self.tenant_id, tuple(self.role_names), tuple(self.role_ids)))

    def __repr__(self) -> str:
        return f"AssociatedTenant({self.tenant_id!r}, {self.role_names!r})"
