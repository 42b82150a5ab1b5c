"""`client.mgmt.family`: families, their dependents (users without a sign-in of their
own) and impersonating a dependent, the project's family settings and the custom
attribute definitions of the family entity."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import (
    M,
    MgmtArea,
    check_dict,
    check_id,
    check_id_list,
    check_int,
    check_opt_bool,
    check_opt_str,
    check_str_list,
    invalid,
    put_given,
)
from .types import CustomAttribute, to_dict_list


def _jwt(data: Any) -> str:
    """The `jwt` member of an answer (`""` when absent)."""
    return str(data.get("jwt", "") or "") if isinstance(data, dict) else ""


def _opt_int(value: Any, name: str) -> int:
    return check_int(value, name)


def _family_fields(
    body: dict[str, Any], name: str | None, custom_attributes: Any, photo: Any, disabled: Any
) -> dict[str, Any]:
    put_given(body, check_opt_str, ("name", name, "name"), ("photo", photo, "photo"))
    put_given(body, check_dict, ("customAttributes", custom_attributes, "custom_attributes"))
    put_given(body, check_opt_bool, ("disabled", disabled, "disabled"))
    return body


class Family(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(
        self,
        name: str,
        id: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        photo: str | None = None,
        disabled: bool | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a family.

        Args:
            name: the family's name.
            id: optional family id (generated when omitted).
            custom_attributes: values of family custom attributes (defined first with
                `create_custom_attributes`), keyed by attribute name.
            photo: optional URL of the family's photo.
            disabled: optional, whether the family is disabled.

        Returns:
            `{"family": {"id", "name", "customAttributes", "disabled", "photo", "createdTime"}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), a taken id, or refused.
        """
        body: dict[str, Any] = {"name": check_id(name, "name")}
        put_given(body, check_id, ("familyId", id, "id"))
        return self._post(
            "/v1/mgmt/family/create", _family_fields(body, None, custom_attributes, photo, disabled)
        )

    @api
    def update(
        self,
        id: str,
        name: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        photo: str | None = None,
        disabled: bool | None = None,
    ) -> Call[dict[str, Any]]:
        """Change the given fields of a family (`custom_attributes` replaces them all).

        Args:
            id: the family's id.
            name: the family's name.
            custom_attributes: custom attribute values by name.
            photo: a photo URL.
            disabled: whether it is disabled.

        Returns:
            `{"family": {...}}` after the change.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        body: dict[str, Any] = {"id": check_id(id, "id")}
        return self._post(
            "/v1/mgmt/family/update", _family_fields(body, name, custom_attributes, photo, disabled)
        )

    @api
    def delete(self, id: str) -> Call[None]:
        """Delete a family, its dependents, and every member's association with it.

        Args:
            id: the family's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/family/delete", {"id": check_id(id, "id")}).map(discard)

    @api
    def search_all(
        self,
        ids: list[str] | None = None,
        names: list[str] | None = None,
        text: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        page: int | None = None,
        size: int | None = None,
    ) -> Call[dict[str, Any]]:
        """Search families (every family when nothing is given).

        Args:
            ids: family ids to keep.
            names: family names to keep.
            text: free text found in a family's id, name or attribute values.
            custom_attributes: attribute values a family must have.
            page: page number, from 0.
            size: page size.

        Returns:
            `{"families": [...]}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        body: dict[str, Any] = {}
        put_given(body, check_str_list, ("familyIds", ids, "ids"), ("familyNames", names, "names"))
        put_given(body, check_opt_str, ("freeText", text, "text"))
        put_given(body, check_dict, ("customAttributes", custom_attributes, "custom_attributes"))
        put_given(body, _opt_int, ("page", page, "page"), ("size", size, "size"))
        return self._post("/v1/mgmt/family/search", body)

    @api
    def create_dependent(
        self,
        family_id: str,
        login_id: str | None = None,
        name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        given_name: str | None = None,
        middle_name: str | None = None,
        family_name: str | None = None,
        picture: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        family_scoped_attributes: dict[str, Any] | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a dependent (a user without a sign-in of their own) in a family.

        Args:
            family_id: the family.
            login_id: optional login id (derived from the name when omitted).
            name, email, phone, given_name, middle_name, family_name, picture: the profile.
            custom_attributes: the user's custom attribute values.
            family_scoped_attributes: the dependent's family-scoped attribute values in this
                family, `{<attribute name>: <value>}`.

        Returns:
            `{"user": {...}}`, the dependent.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown family, the family is
                full (`maxFamilyMembers`), or refused.
        """
        body: dict[str, Any] = {"familyId": check_id(family_id, "family_id")}
        put_given(
            body,
            check_opt_str,
            ("loginId", login_id, "login_id"),
            ("name", name, "name"),
            ("email", email, "email"),
            ("phone", phone, "phone"),
            ("givenName", given_name, "given_name"),
            ("middleName", middle_name, "middle_name"),
            ("familyName", family_name, "family_name"),
            ("picture", picture, "picture"),
        )
        put_given(body, check_dict, ("customAttributes", custom_attributes, "custom_attributes"))
        scoped = check_dict(family_scoped_attributes, "family_scoped_attributes")
        if scoped is not None:
            body["familyScopedAttributes"] = {family_id: scoped}
        return self._post("/v1/mgmt/family/dependent/create", body)

    @api
    def delete_dependent(self, user_id: str) -> Call[None]:
        """Delete a dependent (members leave a family with `user.remove_families`).

        Args:
            user_id: the user's id (not the login id).

        Raises:
            AuthException: `user_id` is empty (nothing is sent), not a dependent, or refused.
        """
        return self._post(
            "/v1/mgmt/family/dependent/delete", {"userId": check_id(user_id, "user_id")}
        ).map(discard)

    @api
    def impersonate_dependent(
        self,
        impersonator_user_id_or_login_id: str,
        dependent_login_id: str,
        selected_family: str | None = None,
    ) -> Call[str]:
        """A session JWT of a dependent, acting for a member of the dependent's family.

        Args:
            impersonator_user_id_or_login_id: the member (user id or login id).
            dependent_login_id: the dependent's login id.
            selected_family: optional; when set, it must be the dependent's family.

        Returns:
            The dependent's JWT (its `act` claim names the member).

        Raises:
            AuthException: an empty id (nothing is sent), the member is not in the family or
                lacks the permission, or refused.
        """
        if not impersonator_user_id_or_login_id:
            invalid("impersonator_id cannot be empty")
        if not dependent_login_id:
            invalid("login_id cannot be empty")
        body: dict[str, Any] = {
            "impersonatorUserIdOrLoginId": check_id(
                impersonator_user_id_or_login_id, "impersonator_user_id_or_login_id"
            ),
            "dependentLoginId": check_id(dependent_login_id, "dependent_login_id"),
        }
        put_given(body, check_id, ("selectedFamily", selected_family, "selected_family"))
        return self._post("/v1/mgmt/family/impersonate", body).map(_jwt)

    @api
    def stop_impersonation(
        self,
        jwt: str,
        custom_claims: dict[str, Any] | None = None,
        refresh_duration: int | None = None,
    ) -> Call[str]:
        """Stop impersonating a dependent: a JWT of the impersonating member again.

        Args:
            jwt: the impersonation JWT (from `impersonate_dependent`).
            custom_claims: optional claims added to the new JWT.
            refresh_duration: optional validity of the new JWT, in seconds.

        Raises:
            AuthException: `jwt` is empty (nothing is sent), not an impersonation JWT, or
                refused.
        """
        if not jwt:
            invalid("jwt cannot be empty")
        body: dict[str, Any] = {"jwt": check_id(jwt, "jwt")}
        put_given(body, check_dict, ("customClaims", custom_claims, "custom_claims"))
        put_given(body, _opt_int, ("refreshDuration", refresh_duration, "refresh_duration"))
        return self._post("/v1/mgmt/family/impersonate/stop", body).map(_jwt)

    @api
    def get_settings(self) -> Call[dict[str, Any]]:
        """The project's family settings.

        Returns:
            `{"enabled": bool, "maxFamilyMembers": int, "allowMultipleFamiliesUsers": bool}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/family/settings")

    @api
    def configure_settings(
        self,
        enabled: bool | None = None,
        max_family_members: int | None = None,
        allow_multiple_families_users: bool | None = None,
    ) -> Call[dict[str, Any]]:
        """Change the given family settings; returns the settings after the change.

        Args:
            enabled: whether family accounts are enabled.
            max_family_members: the most members (dependents included) of one family (>= 1).
            allow_multiple_families_users: whether a user may belong to several families.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        body: dict[str, Any] = {}
        put_given(body, check_opt_bool, ("enabled", enabled, "enabled"))
        if max_family_members is not None:
            body["maxFamilyMembers"] = check_int(
                max_family_members, "max_family_members", minimum=1
            )
        put_given(
            body,
            check_opt_bool,
            ("allowMultipleFamiliesUsers", allow_multiple_families_users,
             "allow_multiple_families_users"),
        )
        return self._post("/v1/mgmt/family/settings", body)

    @api
    def load_custom_attributes(self) -> Call[dict[str, Any]]:
        """The custom attribute definitions of the family entity, as `{"data": [...]}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/family/customattributes")

    @api
    def create_custom_attributes(
        self, attributes: list[CustomAttribute]
    ) -> Call[dict[str, Any]]:
        """Define custom attributes of the family entity; returns all definitions after.

        Args:
            attributes: definitions (`CustomAttribute`).

        Raises:
            AuthException: a bad argument (nothing is sent), a taken name, or refused.
        """
        if attributes is None:
            invalid("attributes must be a list of CustomAttribute")
        return self._post(
            "/v1/mgmt/family/customattribute/create",
            {"attributes": to_dict_list(attributes, CustomAttribute, "attributes")},
        )

    @api
    def delete_custom_attributes(self, names: list[str]) -> Call[dict[str, Any]]:
        """Delete custom attribute definitions of the family entity; returns the remaining.

        Args:
            names: names.

        Raises:
            AuthException: a bad argument (nothing is sent), or refused.
        """
        return self._post(
            "/v1/mgmt/family/customattribute/delete", {"names": check_id_list(names, "names")}
        )
