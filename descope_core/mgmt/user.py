"""`client.mgmt.user`, including the test-user helpers."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..api import api
from ..calls import Call, discard, read_list
from ..constants import DeliveryMethod
from ._base import (
    M,
    MgmtArea,
    check_bool,
    check_dict,
    check_id,
    check_id_list,
    check_int,
    check_opt_bool,
    check_opt_str,
    check_str,
    check_str_list,
    epoch_ms,
    invalid,
)
from .types import (
    AssociatedFamily,
    AssociatedTenant,
    CreateUserObj,
    CustomAttribute,
    Sort,
    UserObj,
    UserPassword,
    associated_families_to_list,
    associated_tenants_to_list,
    check_status,
    to_dict_list,
)

_DELIVERY = {
    DeliveryMethod.EMAIL: "email",
    DeliveryMethod.SMS: "sms",
    DeliveryMethod.VOICE: "voice",
    DeliveryMethod.WHATSAPP: "whatsapp",
    DeliveryMethod.EMBEDDED: "Embedded",
}


def delivery_method(method: Any) -> str:
    if not isinstance(method, DeliveryMethod) or method not in _DELIVERY:
        invalid("unknown delivery method")
    return _DELIVERY[method]


def login_options_dict(options: Any) -> dict[str, Any]:
    """`LoginOptions` (or a plain dict of the same wire keys) as the JSON object."""
    if options is None:
        return {}
    if isinstance(options, Mapping):
        return dict(options)
    to_dict = getattr(options, "to_dict", None)
    if not callable(to_dict) or not hasattr(options, "stepup"):
        invalid("login_options must be a LoginOptions")
    body: dict[str, Any] = to_dict()
    return body


def _user_body(u: UserObj, test: bool) -> dict[str, Any]:
    """The user fields create, invite, update and invite_batch all send."""
    body: dict[str, Any] = {
        "loginId": check_id(u.login_id, "login_id"),
        "email": check_opt_str(u.email, "email"),
        "phone": check_opt_str(u.phone, "phone"),
        "displayName": check_opt_str(u.display_name, "display_name"),
        "roleNames": check_str_list(u.role_names, "role_names", default_empty=True),
        "userTenants": associated_tenants_to_list(u.user_tenants, "user_tenants"),
        "test": test,
        "picture": check_opt_str(u.picture, "picture"),
        "customAttributes": check_dict(u.custom_attributes, "custom_attributes"),
        "additionalLoginIds": check_str_list(u.additional_login_ids, "additional_login_ids"),
        "ssoAppIDs": check_str_list(u.sso_app_ids, "sso_app_ids"),
    }
    for key, value, name in (
        ("givenName", u.given_name, "given_name"),
        ("middleName", u.middle_name, "middle_name"),
        ("familyName", u.family_name, "family_name"),
    ):
        if value is not None:
            body[key] = check_str(value, name)
    for key, flag, name in (
        ("verifiedEmail", u.verified_email, "verified_email"),
        ("verifiedPhone", u.verified_phone, "verified_phone"),
    ):
        if flag is not None:
            body[key] = check_bool(flag, name)
    if u.family_associations is not None:
        body["familyAssociations"] = associated_families_to_list(
            u.family_associations, "family_associations"
        )
    return body


def _patch_body(u: UserObj, test: bool) -> dict[str, Any]:
    """`patch` and each entry of `patch_batch`: only the fields that are given."""
    body: dict[str, Any] = {"loginId": check_id(u.login_id, "login_id")}
    for key, value, name in (
        ("email", u.email, "email"),
        ("phone", u.phone, "phone"),
        ("displayName", u.display_name, "display_name"),
        ("givenName", u.given_name, "given_name"),
        ("middleName", u.middle_name, "middle_name"),
        ("familyName", u.family_name, "family_name"),
    ):
        if value is not None:
            body[key] = check_str(value, name)
    if u.role_names is not None:
        body["roleNames"] = check_str_list(u.role_names, "role_names")
    if u.user_tenants is not None:
        body["userTenants"] = associated_tenants_to_list(u.user_tenants, "user_tenants")
    if u.picture is not None:
        body["picture"] = check_str(u.picture, "picture")
    if u.custom_attributes is not None:
        body["customAttributes"] = check_dict(u.custom_attributes, "custom_attributes")
    if u.verified_email is not None:
        body["verifiedEmail"] = check_bool(u.verified_email, "verified_email")
    if u.verified_phone is not None:
        body["verifiedPhone"] = check_bool(u.verified_phone, "verified_phone")
    if u.sso_app_ids is not None:
        body["ssoAppIds"] = check_str_list(u.sso_app_ids, "sso_app_ids")
    status = check_status(u.status)
    if status is not None:
        body["status"] = status
    if test:
        body["test"] = True
    if u.family_associations is not None:
        body["familyAssociations"] = associated_families_to_list(
            u.family_associations, "family_associations"
        )
    return body


def _user_objs(users: Any) -> list[UserObj]:
    if isinstance(users, (str, bytes)) or not isinstance(users, Iterable):
        invalid("users must be a list of UserObj")
    out = list(users)
    if not out:
        invalid("users must not be empty")
    for user in out:
        if not isinstance(user, UserObj):
            invalid("users must be a list of UserObj")
    return out


def _batch_user(user: Any) -> dict[str, Any]:
    if not isinstance(user, UserObj):
        invalid("users must be a list of UserObj")
    body = _user_body(user, False)
    if body["ssoAppIDs"] is None:
        body["ssoAppIDs"] = []
    password = user.password
    if isinstance(password, str):
        body["password"] = password
    elif isinstance(password, UserPassword):
        if password.cleartext is not None:
            body["password"] = check_str(password.cleartext, "password.cleartext")
        if password.hashed is not None:
            body["hashedPassword"] = password.hashed.to_dict()
    elif password is not None:
        invalid("password must be a UserPassword")
    if user.seed is not None:
        body["seed"] = check_str(user.seed, "seed")
    status = check_status(user.status)
    if status is not None:
        body["status"] = status
    return body


def _status_extra(status: Any) -> dict[str, Any]:
    checked = check_status(status)
    return {"status": checked} if checked else {}


def _tenant_role_filter(value: Any, name: str) -> dict[str, Any] | None:
    """`{"t1": ["r1"]}` or `{"t1": {"values": [...], "and": bool}}` as the wire shape."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        invalid(f"{name} must be a dict")
    out: dict[str, Any] = {}
    for tenant, spec in value.items():
        if isinstance(spec, Mapping):
            out[tenant] = {
                "values": check_str_list(spec.get("values"), name, default_empty=True),
                "and": bool(spec.get("and", False)),
            }
        elif hasattr(spec, "values") and hasattr(spec, "and_"):
            out[tenant] = {"values": list(spec.values), "and": bool(spec.and_)}
        else:
            out[tenant] = {"values": check_str_list(spec, name, default_empty=True), "and": False}
    return out


@dataclass(frozen=True)
class _SearchFilters:
    """The optional filters of both user searches; each is sent only when given."""

    custom_attributes: Any = None
    statuses: Any = None
    emails: Any = None
    phones: Any = None
    sso_app_ids: Any = None
    sort: Any = None
    text: Any = None
    login_ids: Any = None
    from_created_time: Any = None
    to_created_time: Any = None
    from_modified_time: Any = None
    to_modified_time: Any = None
    user_ids: Any = None
    tenant_role_ids: Any = None
    tenant_role_names: Any = None
    family_ids: Any = None
    dependent: Any = None
    lock_reasons: Any = None
    temp_lock_reasons: Any = None

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.statuses is not None:
            statuses = check_str_list(self.statuses, "statuses") or []
            body["statuses"] = [check_status(s, "statuses") for s in statuses]
        for key, value, name in (
            ("emails", self.emails, "emails"),
            ("phones", self.phones, "phones"),
            ("ssoAppIds", self.sso_app_ids, "sso_app_ids"),
            ("loginIds", self.login_ids, "login_ids"),
            ("userIds", self.user_ids, "user_ids"),
        ):
            if value is not None:
                body[key] = check_str_list(value, name)
        if self.custom_attributes is not None:
            body["customAttributes"] = check_dict(self.custom_attributes, "custom_attributes")
        if self.text is not None:
            body["text"] = check_str(self.text, "text")
        if self.sort is not None:
            body["sort"] = to_dict_list(self.sort, Sort, "sort")
        for key, value, name in (
            ("fromCreatedTime", self.from_created_time, "from_created_time"),
            ("toCreatedTime", self.to_created_time, "to_created_time"),
            ("fromModifiedTime", self.from_modified_time, "from_modified_time"),
            ("toModifiedTime", self.to_modified_time, "to_modified_time"),
        ):
            if value is not None:
                body[key] = epoch_ms(value, name)
        for key, value, name in (
            ("tenantRoleIds", self.tenant_role_ids, "tenant_role_ids"),
            ("tenantRoleNames", self.tenant_role_names, "tenant_role_names"),
        ):
            if value is not None:
                body[key] = _tenant_role_filter(value, name)
        if self.family_ids is not None:
            body["familyIds"] = check_str_list(self.family_ids, "family_ids")
        if self.dependent is not None:
            body["dependent"] = check_bool(self.dependent, "dependent")
        if self.lock_reasons is not None:
            body["lockReasons"] = check_str_list(self.lock_reasons, "lock_reasons")
        if self.temp_lock_reasons is not None:
            body["tempLockReasons"] = check_str_list(self.temp_lock_reasons, "temp_lock_reasons")
        return body


def _token_of(data: dict[str, Any]) -> str:
    return str(data.get("token", ""))


class User(MgmtArea[M]):
    __slots__ = ()

    # -- create / invite ------------------------------------------------------------

    def _create(
        self,
        path: str,
        user: UserObj,
        invite_url: str | None,
        *,
        test: bool,
        extra: dict[str, Any],
        invite: bool = False,
    ) -> Call[dict[str, Any]]:
        """`extra` is checked by the caller first, so its errors win, as they always did."""
        body = _user_body(user, test)
        body["invite"] = invite
        if invite_url is not None:
            body["inviteUrl"] = check_str(invite_url, "invite_url")
        body.update(extra)
        return self._post(path, body)

    @api
    def create(
        self,
        login_id: str,
        email: str | None = None,
        phone: str | None = None,
        display_name: str | None = None,
        given_name: str | None = None,
        middle_name: str | None = None,
        family_name: str | None = None,
        role_names: list[str] | None = None,
        user_tenants: list[AssociatedTenant] | None = None,
        picture: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        verified_email: bool | None = None,
        verified_phone: bool | None = None,
        invite_url: str | None = None,
        additional_login_ids: list[str] | None = None,
        sso_app_ids: list[str] | None = None,
        status: str | None = None,
        family_associations: list[AssociatedFamily] | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a user.

        Args:
            login_id: the user's login id.
            email, phone, display_name, given_name, middle_name, family_name,
                picture: the user's profile fields.
            role_names: project roles.
            user_tenants: tenants with the user's roles in each (`AssociatedTenant`).
            custom_attributes: custom attribute values by name.
            verified_email, verified_phone: mark the address / number verified.
            invite_url: the link an invitation would carry.
            additional_login_ids: more login ids of the user.
            sso_app_ids: SSO applications the user may use.
            status: `enabled`, `disabled`, `invited` or `expired`.
            family_associations: families with the user's roles and attributes.

        Returns:
            `{"user": {...}}`.

        Raises:
            AuthException: an argument is missing or of the wrong type (nothing is
                sent), or Descope refused.
        """
        extra = _status_extra(status)
        user = UserObj(
            login_id,
            email=email,
            phone=phone,
            display_name=display_name,
            given_name=given_name,
            middle_name=middle_name,
            family_name=family_name,
            role_names=role_names,
            user_tenants=user_tenants,
            picture=picture,
            custom_attributes=custom_attributes,
            verified_email=verified_email,
            verified_phone=verified_phone,
            additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
            family_associations=family_associations,
        )
        return self._create("/v1/mgmt/user/create", user, invite_url, test=False, extra=extra)

    @api
    def create_test_user(
        self,
        login_id: str,
        email: str | None = None,
        phone: str | None = None,
        display_name: str | None = None,
        given_name: str | None = None,
        middle_name: str | None = None,
        family_name: str | None = None,
        role_names: list[str] | None = None,
        user_tenants: list[AssociatedTenant] | None = None,
        picture: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        verified_email: bool | None = None,
        verified_phone: bool | None = None,
        invite_url: str | None = None,
        additional_login_ids: list[str] | None = None,
        sso_app_ids: list[str] | None = None,
        status: str | None = None,
        family_associations: list[AssociatedFamily] | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a test user (same arguments as `create`); returns `{"user": {...}}`.

        Args:
            login_id: the test user's login id.
            email, phone, display_name, given_name, middle_name, family_name, picture,
                role_names, user_tenants, custom_attributes, verified_email, verified_phone,
                invite_url, additional_login_ids, sso_app_ids, status,
                family_associations: as in `create`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        extra = _status_extra(status)
        user = UserObj(
            login_id,
            email=email,
            phone=phone,
            display_name=display_name,
            given_name=given_name,
            middle_name=middle_name,
            family_name=family_name,
            role_names=role_names,
            user_tenants=user_tenants,
            picture=picture,
            custom_attributes=custom_attributes,
            verified_email=verified_email,
            verified_phone=verified_phone,
            additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
            family_associations=family_associations,
        )
        return self._create("/v1/mgmt/user/create/test", user, invite_url, test=True, extra=extra)

    @api
    def invite(
        self,
        login_id: str,
        email: str | None = None,
        phone: str | None = None,
        display_name: str | None = None,
        given_name: str | None = None,
        middle_name: str | None = None,
        family_name: str | None = None,
        role_names: list[str] | None = None,
        user_tenants: list[AssociatedTenant] | None = None,
        picture: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        verified_email: bool | None = None,
        verified_phone: bool | None = None,
        invite_url: str | None = None,
        send_mail: bool | None = None,
        send_sms: bool | None = None,
        additional_login_ids: list[str] | None = None,
        sso_app_ids: list[str] | None = None,
        template_id: str = "",
        test: bool = False,
        locale: str | None = None,
        family_associations: list[AssociatedFamily] | None = None,
    ) -> Call[dict[str, Any]]:
        """Create a user and send an invitation (same fields as `create`).

        Args:
            login_id: the user's login id.
            email, phone, display_name, given_name, middle_name, family_name,
                picture: the user's profile fields.
            role_names: project roles.
            user_tenants: tenants with the user's roles in each (`AssociatedTenant`).
            custom_attributes: custom attribute values by name.
            verified_email, verified_phone: mark the address / number verified.
            invite_url: the link the invitation carries.
            send_mail, send_sms: override the project's invitation channels.
            additional_login_ids: more login ids of the user.
            sso_app_ids: SSO applications the user may use.
            template_id, locale: the message template and its language.
            test: create a test user.
            family_associations: families with the user's roles and attributes.

        Returns:
            `{"user": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        extra: dict[str, Any] = {}
        if send_mail is not None:
            extra["sendMail"] = check_bool(send_mail, "send_mail")
        if send_sms is not None:
            extra["sendSMS"] = check_bool(send_sms, "send_sms")
        if template_id:
            extra["templateId"] = check_str(template_id, "template_id")
        if locale is not None:
            extra["locale"] = check_str(locale, "locale")
        user = UserObj(
            login_id,
            email=email,
            phone=phone,
            display_name=display_name,
            given_name=given_name,
            middle_name=middle_name,
            family_name=family_name,
            role_names=role_names,
            user_tenants=user_tenants,
            picture=picture,
            custom_attributes=custom_attributes,
            verified_email=verified_email,
            verified_phone=verified_phone,
            additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
            family_associations=family_associations,
        )
        return self._create(
            "/v1/mgmt/user/create",
            user,
            invite_url,
            test=check_bool(test, "test"),
            extra=extra,
            invite=True,
        )

    @api
    def invite_batch(
        self,
        users: list[UserObj],
        invite_url: str | None = None,
        send_mail: bool | None = None,
        send_sms: bool | None = None,
        locale: str | None = None,
        template_options: dict[str, Any] | None = None,
        template_id: str = "",
    ) -> Call[dict[str, Any]]:
        """Create and invite several users; returns `{"createdUsers", "failedUsers"}`.

        Args:
            users: the users (`UserObj`).
            invite_url: the link put in the invitation.
            send_mail: send the invitation by email.
            send_sms: send it by SMS.
            locale: the message language.
            template_options: values for the message template's placeholders.
            template_id: the message template to send (default: the project's).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {
            "users": [_batch_user(u) for u in _user_objs(users)],
            "invite": True,
        }
        if invite_url is not None:
            body["inviteUrl"] = check_str(invite_url, "invite_url")
        if send_mail is not None:
            body["sendMail"] = check_bool(send_mail, "send_mail")
        if send_sms is not None:
            body["sendSMS"] = check_bool(send_sms, "send_sms")
        if template_options is not None:
            body["templateOptions"] = check_dict(template_options, "template_options")
        if template_id:
            body["templateId"] = check_str(template_id, "template_id")
        if locale is not None:
            body["locale"] = check_str(locale, "locale")
        return self._post("/v1/mgmt/user/create/batch", body)

    # -- update / patch / delete --------------------------------------------------

    @api
    def update(
        self,
        login_id: str,
        email: str | None = None,
        phone: str | None = None,
        display_name: str | None = None,
        given_name: str | None = None,
        middle_name: str | None = None,
        family_name: str | None = None,
        role_names: list[str] | None = None,
        user_tenants: list[AssociatedTenant] | None = None,
        picture: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        verified_email: bool | None = None,
        verified_phone: bool | None = None,
        additional_login_ids: list[str] | None = None,
        sso_app_ids: list[str] | None = None,
        test: bool = False,
        family_associations: list[AssociatedFamily] | None = None,
    ) -> Call[dict[str, Any]]:
        """Overwrite every field of the user (unset fields, families included, are cleared).

        Args:
            login_id: the user's login id.
            email, phone, display_name, given_name, middle_name, family_name, picture,
                role_names, user_tenants, custom_attributes, verified_email, verified_phone,
                additional_login_ids, sso_app_ids, family_associations: as in `create`;
                an omitted one is cleared.
            test: the user is a test user.

        Returns:
            `{"user": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if family_associations is None:
            family_associations = []
        user = UserObj(
            login_id,
            email=email,
            phone=phone,
            display_name=display_name,
            given_name=given_name,
            middle_name=middle_name,
            family_name=family_name,
            role_names=role_names,
            user_tenants=user_tenants,
            picture=picture,
            custom_attributes=custom_attributes,
            verified_email=verified_email,
            verified_phone=verified_phone,
            additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
            family_associations=family_associations,
        )
        body = _user_body(user, check_bool(test, "test"))
        return self._post("/v1/mgmt/user/update", body)

    @api
    def patch(
        self,
        login_id: str,
        email: str | None = None,
        phone: str | None = None,
        display_name: str | None = None,
        given_name: str | None = None,
        middle_name: str | None = None,
        family_name: str | None = None,
        role_names: list[str] | None = None,
        user_tenants: list[AssociatedTenant] | None = None,
        picture: str | None = None,
        custom_attributes: dict[str, Any] | None = None,
        verified_email: bool | None = None,
        verified_phone: bool | None = None,
        sso_app_ids: list[str] | None = None,
        status: str | None = None,
        test: bool = False,
        family_associations: list[AssociatedFamily] | None = None,
    ) -> Call[dict[str, Any]]:
        """Change only the given fields of a user.

        Args:
            login_id: the user's login id.
            email, phone, display_name, given_name, middle_name, family_name, picture,
                role_names, user_tenants, custom_attributes, verified_email, verified_phone,
                sso_app_ids, status, family_associations: as in `create`; only the given
                ones change.
            test: the user is a test user.

        Returns:
            `{"user": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        user = UserObj(
            login_id,
            email=email,
            phone=phone,
            display_name=display_name,
            given_name=given_name,
            middle_name=middle_name,
            family_name=family_name,
            role_names=role_names,
            user_tenants=user_tenants,
            picture=picture,
            custom_attributes=custom_attributes,
            verified_email=verified_email,
            verified_phone=verified_phone,
            sso_app_ids=sso_app_ids,
            status=status,
            family_associations=family_associations,
        )
        return self._patch("/v1/mgmt/user/patch", _patch_body(user, check_bool(test, "test")))

    @api
    def patch_batch(self, users: list[UserObj], test: bool = False) -> Call[dict[str, Any]]:
        """Patch several users at once (each entry as `patch` sends it).

        Args:
            users: the users (`UserObj`).
            test: the user is a test user.

        Returns:
            `{"patchedUsers": [...], "failedUsers": [...]}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        flag = check_bool(test, "test")
        body = {"users": [_patch_body(u, flag) for u in _user_objs(users)]}
        return self._patch("/v1/mgmt/user/patch/batch", body)

    @api
    def delete(self, login_id: str) -> Call[None]:
        """Delete a user by login id.

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/user/delete", {"loginId": check_id(login_id, "login_id")}).map(discard)

    @api
    def delete_by_user_id(self, user_id: str) -> Call[None]:
        """Delete a user by user id.

        Args:
            user_id: the user's id (not the login id).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/user/delete", {"userId": check_id(user_id, "user_id")}).map(discard)

    @api
    def delete_all_test_users(self) -> Call[None]:
        """Delete every test user.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._delete("/v1/mgmt/user/test/delete/all").map(discard)

    # -- load / search / history ----------------------------------------------------

    @api
    def load(self, login_id: str) -> Call[dict[str, Any]]:
        """Load a user by login id, as `{"user": {...}}`.

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/user", loginId=check_id(login_id, "login_id"))

    @api
    def load_by_user_id(self, user_id: str) -> Call[dict[str, Any]]:
        """Load a user by user id, as `{"user": {...}}`.

        Args:
            user_id: the user's id (not the login id).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get("/v1/mgmt/user", userId=check_id(user_id, "user_id"))

    @api
    def logout_user(self, login_id: str) -> Call[None]:
        """Revoke every session of a user (by login id).

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/user/logout", {"loginId": check_id(login_id, "login_id")}).map(discard)

    @api
    def logout_user_by_user_id(self, user_id: str) -> Call[None]:
        """Revoke every session of a user (by user id).

        Args:
            user_id: the user's id (not the login id).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/user/logout", {"userId": check_id(user_id, "user_id")}).map(discard)

    @staticmethod
    def _search_body(
        tenant_ids: Any,
        role_names: Any,
        limit: Any,
        page: Any,
        test_users_only: Any,
        with_test_user: Any,
        filters: _SearchFilters,
    ) -> dict[str, Any]:
        """Both searches' body."""
        body: dict[str, Any] = {
            "tenantIds": check_str_list(tenant_ids, "tenant_ids", default_empty=True),
            "roleNames": check_str_list(role_names, "role_names", default_empty=True),
            "limit": check_int(limit, "limit"),
            "page": check_int(page, "page"),
            "testUsersOnly": check_bool(test_users_only, "test_users_only"),
            "withTestUser": check_bool(with_test_user, "with_test_user"),
        }
        body.update(filters.to_dict())
        return body

    @api
    def search_all(
        self,
        tenant_ids: list[str] | None = None,
        role_names: list[str] | None = None,
        limit: int = 0,
        page: int = 0,
        test_users_only: bool = False,
        with_test_user: bool = False,
        custom_attributes: dict[str, Any] | None = None,
        statuses: list[str] | None = None,
        emails: list[str] | None = None,
        phones: list[str] | None = None,
        sso_app_ids: list[str] | None = None,
        sort: list[Sort] | None = None,
        text: str | None = None,
        login_ids: list[str] | None = None,
        from_created_time: Any = None,
        to_created_time: Any = None,
        from_modified_time: Any = None,
        to_modified_time: Any = None,
        user_ids: list[str] | None = None,
        tenant_role_ids: dict[str, Any] | None = None,
        tenant_role_names: dict[str, Any] | None = None,
        family_ids: list[str] | None = None,
        dependent: bool | None = None,
        lock_reasons: list[str] | None = None,
        temp_lock_reasons: list[str] | None = None,
    ) -> Call[dict[str, Any]]:
        """Search users (`limit` 0 = the server's default page size; `page` is 0-based).

        Args:
            tenant_ids: tenant ids.
            role_names: role names.
            limit: the page size.
            page: the page (0 first).
            test_users_only: only test users.
            with_test_user: include test users.
            custom_attributes: custom attribute values by name.
            statuses: user statuses (enabled, disabled, invited).
            emails: email addresses.
            phones: phone numbers.
            sso_app_ids: ids of SSO applications.
            sort: sort order (`Sort`).
            text: free text to match.
            login_ids: login ids.
            from_created_time: created at or after (epoch ms).
            to_created_time: created at or before (epoch ms).
            from_modified_time: modified at or after (epoch ms).
            to_modified_time: modified at or before (epoch ms).
            user_ids: user ids.
            tenant_role_ids: per-tenant role ids to match.
            tenant_role_names: per-tenant role names to match.
            family_ids: family ids.
            dependent: only dependents (True) or only non-dependents (False).
            lock_reasons: lock reasons to match.
            temp_lock_reasons: temporary lock reasons to match.

        Returns:
            `{"users": [...]}`.

        Raises:
            AuthException: a bad argument, a negative limit or page (nothing is sent),
                or Descope refused.
        """
        filters = _SearchFilters(
            custom_attributes=custom_attributes,
            statuses=statuses,
            emails=emails,
            phones=phones,
            sso_app_ids=sso_app_ids,
            sort=sort,
            text=text,
            login_ids=login_ids,
            from_created_time=from_created_time,
            to_created_time=to_created_time,
            from_modified_time=from_modified_time,
            to_modified_time=to_modified_time,
            user_ids=user_ids,
            tenant_role_ids=tenant_role_ids,
            tenant_role_names=tenant_role_names,
            family_ids=family_ids,
            dependent=dependent,
            lock_reasons=lock_reasons,
            temp_lock_reasons=temp_lock_reasons,
        )
        body = self._search_body(
            tenant_ids, role_names, limit, page, test_users_only, with_test_user, filters
        )
        return self._post("/v2/mgmt/user/search", body)

    @api
    def search_all_test_users(
        self,
        tenant_ids: list[str] | None = None,
        role_names: list[str] | None = None,
        limit: int = 0,
        page: int = 0,
        custom_attributes: dict[str, Any] | None = None,
        statuses: list[str] | None = None,
        emails: list[str] | None = None,
        phones: list[str] | None = None,
        sso_app_ids: list[str] | None = None,
        sort: list[Sort] | None = None,
        text: str | None = None,
        login_ids: list[str] | None = None,
        from_created_time: Any = None,
        to_created_time: Any = None,
        from_modified_time: Any = None,
        to_modified_time: Any = None,
        tenant_role_ids: dict[str, Any] | None = None,
        tenant_role_names: dict[str, Any] | None = None,
        family_ids: list[str] | None = None,
        dependent: bool | None = None,
        lock_reasons: list[str] | None = None,
        temp_lock_reasons: list[str] | None = None,
    ) -> Call[dict[str, Any]]:
        """Search test users only (the filters of `search_all`); returns `{"users": [...]}`.

        Args:
            tenant_ids, role_names, limit, page, custom_attributes, statuses, emails, phones,
                sso_app_ids, sort, text, login_ids, from_created_time, to_created_time,
                from_modified_time, to_modified_time, tenant_role_ids, tenant_role_names,
                family_ids, dependent, lock_reasons, temp_lock_reasons: the filters of
                `search_all`, each optional.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        filters = _SearchFilters(
            custom_attributes=custom_attributes,
            statuses=statuses,
            emails=emails,
            phones=phones,
            sso_app_ids=sso_app_ids,
            sort=sort,
            text=text,
            login_ids=login_ids,
            from_created_time=from_created_time,
            to_created_time=to_created_time,
            from_modified_time=from_modified_time,
            to_modified_time=to_modified_time,
            tenant_role_ids=tenant_role_ids,
            tenant_role_names=tenant_role_names,
            family_ids=family_ids,
            dependent=dependent,
            lock_reasons=lock_reasons,
            temp_lock_reasons=temp_lock_reasons,
        )
        body = self._search_body(tenant_ids, role_names, limit, page, True, True, filters)
        return self._post("/v2/mgmt/user/search/test", body)

    @api
    def history(self, user_ids: list[str]) -> Call[list[dict[str, Any]]]:
        """Sign-in history of the given users.

        Args:
            user_ids: user ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        ids = check_str_list(user_ids, "user_ids")
        if not ids or not all(ids):
            invalid("user_ids must be a non-empty list of user ids")
        return self._post("/v1/mgmt/user/history", ids).reading(read_list)

    # -- status ---------------------------------------------------------------------

    @api
    def activate(self, login_id: str) -> Call[dict[str, Any]]:
        """Enable a user; returns `{"user": {...}}`.

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/status",
            {"loginId": check_id(login_id, "login_id"), "status": "enabled"},
        )

    @api
    def deactivate(self, login_id: str) -> Call[dict[str, Any]]:
        """Disable a user (no sign-in, no refresh); returns `{"user": {...}}`.

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/status",
            {"loginId": check_id(login_id, "login_id"), "status": "disabled"},
        )

    # -- single-field updates -------------------------------------------------------

    @api
    def update_login_id(self, login_id: str, new_login_id: str | None = None) -> Call[dict[str, Any]]:
        """Change a user's login id (None or "" removes it when the user has another).

        Args:
            login_id: the user's login id (email, phone or username).
            new_login_id: the new login id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/loginid",
            {
                "loginId": check_id(login_id, "login_id"),
                "newLoginId": check_opt_str(new_login_id, "new_login_id"),
            },
        )

    @api
    def update_email(
        self,
        login_id: str,
        email: str | None = None,
        verified: bool | None = None,
        fail_on_conflict: bool | None = None,
    ) -> Call[dict[str, Any]]:
        """Set a user's email.

        Args:
            login_id: the user's login id (email, phone or username).
            email: an email address.
            verified: mark it verified.
            fail_on_conflict: refuse when another user has this address.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/email",
            {
                "loginId": check_id(login_id, "login_id"),
                "email": check_opt_str(email, "email"),
                "verified": check_opt_bool(verified, "verified"),
                "failOnConflict": check_opt_bool(fail_on_conflict, "fail_on_conflict"),
            },
        )

    @api
    def update_phone(
        self,
        login_id: str,
        phone: str | None = None,
        verified: bool | None = None,
        fail_on_conflict: bool | None = None,
    ) -> Call[dict[str, Any]]:
        """Set a user's phone.

        Args:
            login_id: the user's login id (email, phone or username).
            phone: a phone number in E.164 form.
            verified: mark it verified.
            fail_on_conflict: refuse when another user has this address.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/phone",
            {
                "loginId": check_id(login_id, "login_id"),
                "phone": check_opt_str(phone, "phone"),
                "verified": check_opt_bool(verified, "verified"),
                "failOnConflict": check_opt_bool(fail_on_conflict, "fail_on_conflict"),
            },
        )

    @api
    def update_display_name(
        self,
        login_id: str,
        display_name: str | None = None,
        given_name: str | None = None,
        middle_name: str | None = None,
        family_name: str | None = None,
    ) -> Call[dict[str, Any]]:
        """Set a user's display name and name parts.

        Args:
            login_id: the user's login id (email, phone or username).
            display_name: the display name.
            given_name: the given name.
            middle_name: the middle name.
            family_name: the family name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {"loginId": check_id(login_id, "login_id")}
        for key, value, name in (
            ("displayName", display_name, "display_name"),
            ("givenName", given_name, "given_name"),
            ("middleName", middle_name, "middle_name"),
            ("familyName", family_name, "family_name"),
        ):
            if value is not None:
                body[key] = check_str(value, name)
        return self._post("/v1/mgmt/user/update/name", body)

    @api
    def update_picture(self, login_id: str, picture: str | None = None) -> Call[dict[str, Any]]:
        """Set a user's picture URL.

        Args:
            login_id: the user's login id (email, phone or username).
            picture: a picture URL.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/picture",
            {
                "loginId": check_id(login_id, "login_id"),
                "picture": check_opt_str(picture, "picture"),
            },
        )

    @api
    def update_custom_attribute(
        self, login_id: str, attribute_key: str, attribute_val: str | int | bool | float
    ) -> Call[dict[str, Any]]:
        """Set one custom attribute of a user.

        Args:
            login_id: the user's login id (email, phone or username).
            attribute_key: the attribute's name.
            attribute_val: its value.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if not isinstance(attribute_val, (str, int, float, bool)):
            invalid("attribute_val must be a string, number or boolean")
        return self._post(
            "/v1/mgmt/user/update/customAttribute",
            {
                "loginId": check_id(login_id, "login_id"),
                "attributeKey": check_id(attribute_key, "attribute_key"),
                "attributeValue": attribute_val,
            },
        )

    # -- roles ----------------------------------------------------------------------

    def _roles(
        self, path: str, login_id: str, role_names: list[str], tenant_id: str | None = None
    ) -> Call[dict[str, Any]]:
        body: dict[str, Any] = {"loginId": check_id(login_id, "login_id")}
        if tenant_id is not None:
            body["tenantId"] = check_id(tenant_id, "tenant_id")
        roles = check_str_list(role_names, "role_names")
        if roles is None:
            invalid("role_names must be a list of strings")
        body["roleNames"] = roles
        return self._post(path, body)

    @api
    def set_roles(self, login_id: str, role_names: list[str]) -> Call[dict[str, Any]]:
        """Replace a user's project roles.

        Args:
            login_id: the user's login id (email, phone or username).
            role_names: role names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._roles("/v1/mgmt/user/update/role/set", login_id, role_names)

    @api
    def add_roles(self, login_id: str, role_names: list[str]) -> Call[dict[str, Any]]:
        """Add project roles to a user.

        Args:
            login_id: the user's login id (email, phone or username).
            role_names: role names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._roles("/v2/mgmt/user/update/role/add", login_id, role_names)

    @api
    def remove_roles(self, login_id: str, role_names: list[str]) -> Call[dict[str, Any]]:
        """Remove project roles from a user.

        Args:
            login_id: the user's login id (email, phone or username).
            role_names: role names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._roles("/v1/mgmt/user/update/role/remove", login_id, role_names)

    @api
    def set_tenant_roles(
        self, login_id: str, tenant_id: str, role_names: list[str]
    ) -> Call[dict[str, Any]]:
        """Replace a user's roles in one tenant.

        Args:
            login_id: the user's login id (email, phone or username).
            tenant_id: the tenant's id.
            role_names: role names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._roles(
            "/v1/mgmt/user/update/role/set", login_id, role_names, check_id(tenant_id, "tenant_id")
        )

    @api
    def add_tenant_roles(
        self, login_id: str, tenant_id: str, role_names: list[str]
    ) -> Call[dict[str, Any]]:
        """Add roles to a user in one tenant.

        Args:
            login_id: the user's login id (email, phone or username).
            tenant_id: the tenant's id.
            role_names: role names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._roles(
            "/v2/mgmt/user/update/role/add", login_id, role_names, check_id(tenant_id, "tenant_id")
        )

    @api
    def remove_tenant_roles(
        self, login_id: str, tenant_id: str, role_names: list[str]
    ) -> Call[dict[str, Any]]:
        """Remove roles from a user in one tenant.

        Args:
            login_id: the user's login id (email, phone or username).
            tenant_id: the tenant's id.
            role_names: role names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._roles(
            "/v1/mgmt/user/update/role/remove",
            login_id,
            role_names,
            check_id(tenant_id, "tenant_id"),
        )

    # -- tenants (kept for SDK parity: add_tenant / remove_tenant) -------------------

    @api
    def add_tenant(self, login_id: str, tenant_id: str) -> Call[dict[str, Any]]:
        """Add a user to a tenant.

        Args:
            login_id: the user's login id (email, phone or username).
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/tenant/add",
            {
                "loginId": check_id(login_id, "login_id"),
                "tenantId": check_id(tenant_id, "tenant_id"),
            },
        )

    @api
    def remove_tenant(self, login_id: str, tenant_id: str) -> Call[dict[str, Any]]:
        """Remove a user from a tenant.

        Args:
            login_id: the user's login id (email, phone or username).
            tenant_id: the tenant's id.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/tenant/remove",
            {
                "loginId": check_id(login_id, "login_id"),
                "tenantId": check_id(tenant_id, "tenant_id"),
            },
        )

    # -- SSO apps -------------------------------------------------------------------

    def _sso_apps(
        self, path: str, login_id: str, sso_app_ids: list[str]
    ) -> Call[dict[str, Any]]:
        ids = check_str_list(sso_app_ids, "sso_app_ids")
        if ids is None:
            invalid("sso_app_ids must be a list of strings")
        return self._post(path, {"loginId": check_id(login_id, "login_id"), "ssoAppIds": ids})

    @api
    def set_sso_apps(self, login_id: str, sso_app_ids: list[str]) -> Call[dict[str, Any]]:
        """Replace a user's SSO applications.

        Args:
            login_id: the user's login id (email, phone or username).
            sso_app_ids: ids of SSO applications.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._sso_apps("/v1/mgmt/user/update/ssoapp/set", login_id, sso_app_ids)

    @api
    def add_sso_apps(self, login_id: str, sso_app_ids: list[str]) -> Call[dict[str, Any]]:
        """Give a user access to SSO applications.

        Args:
            login_id: the user's login id (email, phone or username).
            sso_app_ids: ids of SSO applications.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._sso_apps("/v1/mgmt/user/update/ssoapp/add", login_id, sso_app_ids)

    @api
    def remove_sso_apps(self, login_id: str, sso_app_ids: list[str]) -> Call[dict[str, Any]]:
        """Remove a user's access to SSO applications.

        Args:
            login_id: the user's login id (email, phone or username).
            sso_app_ids: ids of SSO applications.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._sso_apps("/v1/mgmt/user/update/ssoapp/remove", login_id, sso_app_ids)

    # -- passwords ------------------------------------------------------------------

    @api
    def set_temporary_password(self, login_id: str, password: str) -> Call[None]:
        """Set a password the user must change at the next sign-in.

        Args:
            login_id: the user's login id (email, phone or username).
            password: the password.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/password/set/temporary",
            {
                "loginId": check_id(login_id, "login_id"),
                "password": check_id(password, "password"),
                "setActive": False,
            },
        ).map(discard)

    @api
    def set_active_password(self, login_id: str, password: str) -> Call[None]:
        """Set a user's password, usable at once.

        Args:
            login_id: the user's login id (email, phone or username).
            password: the password.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/password/set/active",
            {
                "loginId": check_id(login_id, "login_id"),
                "password": check_id(password, "password"),
                "setActive": True,
            },
        ).map(discard)

    @api
    def set_password(self, login_id: str, password: str, set_active: bool = False) -> Call[None]:
        """Set a user's password; it is temporary (to be replaced at the next sign-in).

        Args:
            login_id: the user.
            password: the new password.
            set_active: ours only (the official call has no such argument and sends no
                `setActive`): True makes the password active; sent only when True.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {
            "loginId": check_id(login_id, "login_id"),
            "password": check_id(password, "password"),
        }
        if check_bool(set_active, "set_active"):
            body["setActive"] = True
        return self._post("/v1/mgmt/user/password/set", body).map(discard)

    @api
    def expire_password(self, login_id: str) -> Call[None]:
        """Expire the user's password (the official SDK's older spelling of `expire_password`).

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post("/v1/mgmt/user/password/expire", {"loginId": check_id(login_id, "login_id")}).map(discard)

    # the seed README's spelling
    expirePassword = expire_password  # noqa: N815

    # -- passkeys (WebAuthn) -------------------------------------------------------------

    @api
    def list_passkeys(self, login_id: str) -> Call[dict[str, Any]]:
        """List the passkeys (WebAuthn credentials) registered for a user.

        Args:
            login_id: the user's login ID.

        Returns:
            ``{"passkeys": [...]}``, one entry per passkey (its credential id, creation and
            last-use times, transports; never key material).

        Raises:
            AuthException: the user does not exist, or the call failed.
        """
        return self._post("/v1/mgmt/user/passkeys/list", {"loginId": check_id(login_id, "login_id")})

    @api
    def delete_passkey(self, login_id: str, credential_id: str) -> Call[None]:
        """Remove one of a user's passkeys; it can no longer sign in.

        Args:
            login_id: the user's login ID.
            credential_id: the passkey's credential ID, as ``list_passkeys`` shows it.

        Raises:
            AuthException: the user or the passkey does not exist, or the call failed.
        """
        return self._post(
            "/v1/mgmt/user/passkey/delete",
            {
                "loginId": check_id(login_id, "login_id"),
                "credentialId": check_id(credential_id, "credential_id"),
            },
        ).map(discard)

    @api
    def remove_all_passkeys(self, login_id: str) -> Call[None]:
        """Remove every passkey of a user. The user may be left with no way to sign in
        unless another method (password, verified email or phone) remains.

        Args:
            login_id: the user's login ID.

        Raises:
            AuthException: the user does not exist, or the call failed.
        """
        return self._post(
            "/v1/mgmt/user/passkeys/delete", {"loginId": check_id(login_id, "login_id")}
        ).map(discard)

    # -- test-user helpers ------------------------------------------------------------

    @api
    def generate_otp_for_test_user(
        self, method: DeliveryMethod, login_id: str, login_options: Any = None
    ) -> Call[dict[str, Any]]:
        """A one-time code for a test user, returned instead of sent.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/tests/generate/otp",
            {
                "loginId": check_id(login_id, "login_id"),
                "deliveryMethod": delivery_method(method),
                "loginOptions": login_options_dict(login_options),
            },
        )

    @api
    def generate_magic_link_for_test_user(
        self, method: DeliveryMethod, login_id: str, uri: str, login_options: Any = None
    ) -> Call[dict[str, Any]]:
        """A magic link for a test user, returned instead of sent.

        Args:
            method: the delivery method (`DeliveryMethod.EMAIL`, `SMS`, ...).
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/tests/generate/magiclink",
            {
                "loginId": check_id(login_id, "login_id"),
                "deliveryMethod": delivery_method(method),
                "URI": check_str(uri, "uri"),
                "loginOptions": login_options_dict(login_options),
            },
        )

    @api
    def generate_enchanted_link_for_test_user(
        self, login_id: str, uri: str, login_options: Any = None
    ) -> Call[dict[str, Any]]:
        """An enchanted link for a test user, returned instead of sent.

        Args:
            login_id: the user's login id (email, phone or username).
            uri: the link the user is sent, which carries the token back to your app.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/tests/generate/enchantedlink",
            {
                "loginId": check_id(login_id, "login_id"),
                "URI": check_str(uri, "uri"),
                "loginOptions": login_options_dict(login_options),
            },
        )

    @api
    def generate_embedded_link(
        self, login_id: str, custom_claims: dict[str, Any] | None = None, timeout: int = 0
    ) -> Call[str]:
        """A one-time token that signs `login_id` in (for links you send yourself).

        Args:
            login_id: the user's login id (email, phone or username).
            custom_claims: extra claims to put in the JWT.
            timeout: seconds the token stays valid (0: the default).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/signin/embeddedlink",
            {
                "loginId": check_id(login_id, "login_id"),
                "customClaims": check_dict(custom_claims, "custom_claims"),
                "timeout": check_int(timeout, "timeout"),
            },
        ).map(_token_of)

    @api
    def generate_sign_up_embedded_link(
        self,
        login_id: str,
        user: CreateUserObj | None = None,
        email_verified: bool = False,
        phone_verified: bool = False,
        login_options: Any = None,
        timeout: int = 0,
    ) -> Call[str]:
        """A one-time token that signs up `login_id` (with `user`'s fields) when verified.

        Args:
            login_id: the user's login id (email, phone or username).
            user: profile fields for a new user (`name`, `email`, `phone`, ...).
            email_verified: mark the email verified.
            phone_verified: mark the phone verified.
            login_options: step-up / MFA / custom-claim options (`LoginOptions`).
            timeout: seconds the token stays valid (0: the default).

        Returns:
            The token (verify it with `magiclink.verify`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if user is not None and not isinstance(user, CreateUserObj):
            invalid("user must be a CreateUserObj")
        return self._post(
            "/v1/mgmt/user/signup/embeddedlink",
            {
                "loginId": check_id(login_id, "login_id"),
                "user": user.to_dict() if user is not None else {},
                "loginOptions": login_options_dict(login_options),
                "emailVerified": check_bool(email_verified, "email_verified"),
                "phoneVerified": check_bool(phone_verified, "phone_verified"),
                "timeout": check_int(timeout, "timeout"),
            },
        ).map(_token_of)

    # -- batches and bulk reads ---------------------------------------------------------

    @api
    def delete_batch(self, user_ids: list[str]) -> Call[None]:
        """Delete several users by user id.

        Args:
            user_ids: user ids.

        Raises:
            AuthException: `user_ids` is not a list of ids (nothing is sent), or Descope
                refused.
        """
        return self._post(
            "/v1/mgmt/user/delete/batch", {"userIds": check_id_list(user_ids, "user_ids")}
        ).map(discard)

    @api
    def load_users(
        self, user_ids: list[str], include_invalid_users: bool | None = None
    ) -> Call[dict[str, Any]]:
        """Load several users by user id; returns `{"users": [...]}`.

        Args:
            user_ids: at least one user id.
            include_invalid_users: also answer disabled/expired users.

        Raises:
            AuthException: no user id or a bad argument (nothing is sent), or Descope
                refused.
        """
        body: dict[str, Any] = {"userIds": check_id_list(user_ids, "user_ids", non_empty=True)}
        if include_invalid_users is not None:
            body["includeInvalidUsers"] = check_bool(include_invalid_users, "include_invalid_users")
        return self._post("/v1/mgmt/users/load", body)

    @api
    def import_users(
        self,
        source: str,
        users: bytes | None = None,
        hashes: bytes | None = None,
        dryrun: bool = False,
    ) -> Call[dict[str, Any]]:
        """Import users (and their password hashes) exported from another system.

        Args:
            source: where the file comes from (the exporting system's name).
            users: the users file's bytes (sent base64-encoded).
            hashes: the password hashes file's bytes (sent base64-encoded).
            dryrun: check only, import nothing.

        Returns:
            The import's result: the users imported and the failures.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        body: dict[str, Any] = {
            "source": check_id(source, "source"),
            "dryrun": check_bool(dryrun, "dryrun"),
        }
        if users is not None:
            body["users"] = _base64(users, "users")
        if hashes is not None:
            body["hashes"] = _base64(hashes, "hashes")
        return self._post("/v1/mgmt/user/import", body)

    @api
    def get_provider_token(
        self,
        login_id: str,
        provider: str,
        withRefreshToken: bool | None = False,  # noqa: N803 - the official SDK's name
        forceRefresh: bool | None = False,  # noqa: N803
    ) -> Call[dict[str, Any]]:
        """The OAuth provider's token stored for a user who signed in with `provider`.

        Args:
            login_id: the user's login id (email, phone or username).
            provider: the OAuth provider (e.g. "google").
            withRefreshToken: include the refresh token.
            forceRefresh: refresh the token first.

        Returns:
            `{"provider", "providerUserId", "accessToken", "expiration", "scopes"}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._get(
            "/v1/mgmt/user/provider/token",
            loginId=check_id(login_id, "login_id"),
            provider=check_id(provider, "provider"),
            withRefreshToken=bool(check_opt_bool(withRefreshToken, "withRefreshToken")),
            forceRefresh=bool(check_opt_bool(forceRefresh, "forceRefresh")),
        )

    # -- families ---------------------------------------------------------------------

    @api
    def add_families(
        self, login_id: str, family_associations: list[AssociatedFamily]
    ) -> Call[dict[str, Any]]:
        """Add the user to families (with roles and family-scoped attributes in each).

        Args:
            login_id: the user's login id (email, phone or username).
            family_associations: families with the user's roles and family-scoped attributes
                (`AssociatedFamily`).

        Returns:
            `{"user": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if family_associations is None:
            invalid("family_associations must be a list of AssociatedFamily")
        return self._post(
            "/v1/mgmt/user/update/family/add",
            {
                "loginId": check_id(login_id, "login_id"),
                "familyAssociations": associated_families_to_list(
                    family_associations, "family_associations"
                ),
            },
        )

    @api
    def remove_families(self, login_id: str, family_ids: list[str]) -> Call[dict[str, Any]]:
        """Remove the user from families; returns `{"user": {...}}`.

        Args:
            login_id: the user's login id (email, phone or username).
            family_ids: the families' ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/family/remove",
            {"loginId": check_id(login_id, "login_id"), "familyIds": check_id_list(family_ids, "family_ids")},
        )

    # -- recovery, passkeys, TOTP, trusted devices --------------------------------------

    @api
    def update_recovery_email(
        self, login_id: str, recovery_email: str, verified: bool = False
    ) -> Call[dict[str, Any]]:
        """Set the user's recovery email; returns `{"user": {...}}`.

        Args:
            login_id: the user's login id (email, phone or username).
            recovery_email: the recovery address.
            verified: mark it verified.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/recovery/email",
            {
                "loginId": check_id(login_id, "login_id"),
                "recoveryEmail": check_id(recovery_email, "recovery_email"),
                "verified": check_bool(verified, "verified"),
            },
        )

    @api
    def update_recovery_phone(
        self, login_id: str, recovery_phone: str, verified: bool = False
    ) -> Call[dict[str, Any]]:
        """Set the user's recovery phone; returns `{"user": {...}}`.

        Args:
            login_id: the user's login id (email, phone or username).
            recovery_phone: the recovery phone number.
            verified: mark it verified.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/update/recovery/phone",
            {
                "loginId": check_id(login_id, "login_id"),
                "recoveryPhone": check_id(recovery_phone, "recovery_phone"),
                "verified": check_bool(verified, "verified"),
            },
        )

    def _by_login_id(self, path: str, login_id: str) -> Call[dict[str, Any]]:
        return self._post(path, {"loginId": check_id(login_id, "login_id")})

    @api
    def remove_totp_seed(self, login_id: str) -> Call[None]:
        """Remove the user's authenticator-app (TOTP) seed.

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._by_login_id("/v1/mgmt/user/totp/delete", login_id).map(discard)

    @api
    def remove_recovery_codes(self, login_id: str) -> Call[None]:
        """Remove the user's recovery codes.

        Args:
            login_id: the user's login id (email, phone or username).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._by_login_id("/v1/mgmt/user/recovery-codes/delete", login_id).map(discard)

    @api
    def list_trusted_devices(self, identifiers: list[str]) -> Call[dict[str, Any]]:
        """The trusted devices of the given users (login ids or user ids).

        Args:
            identifiers: login ids or user ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/trusteddevices/list",
            {"identifiers": check_id_list(identifiers, "identifiers")},
        )

    @api
    def remove_trusted_device(self, identifier: str, device_ids: list[str]) -> Call[None]:
        """Forget some trusted devices of a user (login id or user id).

        Args:
            identifier: a login id or user id.
            device_ids: the devices' ids.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/trusteddevices/remove",
            {
                "identifier": check_id(identifier, "identifier"),
                "deviceIds": check_id_list(device_ids, "device_ids"),
            },
        ).map(discard)

    # -- custom attribute definitions -------------------------------------------------

    @api
    def create_custom_attribute(
        self,
        name: str,
        display_name: str,
        type: str,
        required: bool | None = None,
        options: list[str] | None = None,
    ) -> Call[dict[str, Any]]:
        """Define a user custom attribute.

        Args:
            name: the attribute's key.
            display_name: its label in the console.
            type: its type name (e.g. `"text"`, `"number"`, `"boolean"`).
            required: must every user have it.
            options: the allowed values of a select attribute.

        Returns:
            The attribute definitions after the change.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        attribute: dict[str, Any] = {
            "name": check_id(name, "name"),
            "displayName": check_id(display_name, "display_name"),
            "type": check_id(type, "type"),
        }
        if required is not None:
            attribute["required"] = check_bool(required, "required")
        if options is not None:
            attribute["options"] = check_str_list(options, "options")
        return self._post("/v1/mgmt/user/customattribute/create", {"attributes": [attribute]})

    @api
    def delete_custom_attribute(self, name: str) -> Call[dict[str, Any]]:
        """Delete a user custom attribute definition; returns the remaining ones.

        Args:
            name: the attribute's name.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/customattribute/delete", {"names": [check_id(name, "name")]}
        )

    @api
    def load_custom_attributes(self) -> Call[dict[str, Any]]:
        """The user custom attribute definitions.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/user/customattributes")

    @api
    def load_family_scoped_custom_attributes(self) -> Call[dict[str, Any]]:
        """The family-scoped custom attribute definitions; `{"data": [...]}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/user/families/customattributes")

    @api
    def create_family_scoped_custom_attributes(
        self, attributes: list[CustomAttribute]
    ) -> Call[dict[str, Any]]:
        """Define family-scoped custom attributes; returns `{"data": [...]}` after the change.

        Args:
            attributes: definitions (`CustomAttribute`).

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        if attributes is None:
            invalid("attributes must be a list of CustomAttribute")
        return self._post(
            "/v1/mgmt/user/families/customattribute/create",
            {"attributes": to_dict_list(attributes, CustomAttribute, "attributes")},
        )

    @api
    def delete_family_scoped_custom_attributes(self, names: list[str]) -> Call[dict[str, Any]]:
        """Delete family-scoped custom attribute definitions; returns the remaining ones.

        Args:
            names: names.

        Raises:
            AuthException: a bad argument (nothing is sent), or Descope refused.
        """
        return self._post(
            "/v1/mgmt/user/families/customattribute/delete", {"names": check_id_list(names, "names")}
        )


def _base64(value: Any, name: str) -> str:
    if not isinstance(value, (bytes, bytearray)):
        invalid(f"{name} must be bytes")
    return base64.b64encode(bytes(value)).decode("ascii")
