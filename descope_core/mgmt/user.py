"""`client.mgmt.user`, including the test-user helpers."""

from __future__ import annotations

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
    check_int,
    check_opt_bool,
    check_opt_str,
    check_str,
    check_str_list,
    epoch_ms,
    invalid,
    put_given,
)
from .types import (
    AssociatedTenant,
    Sort,
    UserObj,
    UserPassword,
    associated_tenants_to_list,
    check_status,
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


def _user_body(user: UserObj, test: bool) -> dict[str, Any]:
    """The user fields create, invite, update and invite_batch all send.

    The public methods keep the official SDK's spelled-out signatures and hand their
    arguments over as one `UserObj`, built with explicit keywords; the wire body is
    built here once, from its attributes.
    """
    body: dict[str, Any] = {
        "loginId": check_id(user.login_id, "login_id"),
        "email": check_opt_str(user.email, "email"),
        "phone": check_opt_str(user.phone, "phone"),
        "displayName": check_opt_str(user.display_name, "display_name"),
        "roleNames": check_str_list(user.role_names, "role_names", default_empty=True),
        "userTenants": associated_tenants_to_list(user.user_tenants, "user_tenants"),
        "test": test,
        "picture": check_opt_str(user.picture, "picture"),
        "customAttributes": check_dict(user.custom_attributes, "custom_attributes"),
        "additionalLoginIds": check_str_list(user.additional_login_ids, "additional_login_ids"),
        "ssoAppIDs": check_str_list(user.sso_app_ids, "sso_app_ids"),
    }
    put_given(
        body,
        check_str,
        ("givenName", user.given_name, "given_name"),
        ("middleName", user.middle_name, "middle_name"),
        ("familyName", user.family_name, "family_name"),
    )
    put_given(
        body,
        check_bool,
        ("verifiedEmail", user.verified_email, "verified_email"),
        ("verifiedPhone", user.verified_phone, "verified_phone"),
    )
    return body


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
class _Search:
    """The arguments of `search_all` / `search_all_test_users`, by name."""

    tenant_ids: list[str] | None
    role_names: list[str] | None
    limit: int
    page: int
    test_users_only: bool
    with_test_user: bool
    custom_attributes: dict[str, Any] | None
    statuses: list[str] | None
    emails: list[str] | None
    phones: list[str] | None
    sso_app_ids: list[str] | None
    sort: list[Sort] | None
    text: str | None
    login_ids: list[str] | None
    from_created_time: Any
    to_created_time: Any
    from_modified_time: Any
    to_modified_time: Any
    user_ids: list[str] | None
    tenant_role_ids: dict[str, Any] | None
    tenant_role_names: dict[str, Any] | None


def _token_of(data: dict[str, Any]) -> str:
    return str(data.get("token", ""))


class User(MgmtArea[M]):
    __slots__ = ()

    # -- create / invite ------------------------------------------------------------

    def _create(
        self,
        path: str,
        user: UserObj,
        *,
        test: bool,
        invite_url: str | None,
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
    ) -> Call[dict[str, Any]]:
        extra = _status_extra(status)
        user = UserObj(
            login_id=login_id, email=email, phone=phone, display_name=display_name,
            given_name=given_name, middle_name=middle_name, family_name=family_name,
            role_names=role_names, user_tenants=user_tenants, picture=picture,
            custom_attributes=custom_attributes, verified_email=verified_email,
            verified_phone=verified_phone, additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
        )
        return self._create(
            "/v1/mgmt/user/create", user, test=False, invite_url=invite_url, extra=extra
        )

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
    ) -> Call[dict[str, Any]]:
        extra = _status_extra(status)
        user = UserObj(
            login_id=login_id, email=email, phone=phone, display_name=display_name,
            given_name=given_name, middle_name=middle_name, family_name=family_name,
            role_names=role_names, user_tenants=user_tenants, picture=picture,
            custom_attributes=custom_attributes, verified_email=verified_email,
            verified_phone=verified_phone, additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
        )
        return self._create(
            "/v1/mgmt/user/create/test", user, test=True, invite_url=invite_url, extra=extra
        )

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
    ) -> Call[dict[str, Any]]:
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
            login_id=login_id, email=email, phone=phone, display_name=display_name,
            given_name=given_name, middle_name=middle_name, family_name=family_name,
            role_names=role_names, user_tenants=user_tenants, picture=picture,
            custom_attributes=custom_attributes, verified_email=verified_email,
            verified_phone=verified_phone, additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
        )
        return self._create(
            "/v1/mgmt/user/create",
            user,
            test=check_bool(test, "test"),
            invite_url=invite_url,
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
        if isinstance(users, (str, bytes)) or not isinstance(users, Iterable):
            invalid("users must be a list of UserObj")
        body: dict[str, Any] = {"users": [_batch_user(u) for u in users], "invite": True}
        if not body["users"]:
            invalid("users must not be empty")
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
    ) -> Call[dict[str, Any]]:
        """Overwrite every field of the user (unset fields are cleared)."""
        user = UserObj(
            login_id=login_id, email=email, phone=phone, display_name=display_name,
            given_name=given_name, middle_name=middle_name, family_name=family_name,
            role_names=role_names, user_tenants=user_tenants, picture=picture,
            custom_attributes=custom_attributes, verified_email=verified_email,
            verified_phone=verified_phone, additional_login_ids=additional_login_ids,
            sso_app_ids=sso_app_ids,
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
    ) -> Call[dict[str, Any]]:
        """Change only the given fields."""
        body: dict[str, Any] = {"loginId": check_id(login_id, "login_id")}
        for key, value, name in (
            ("email", email, "email"),
            ("phone", phone, "phone"),
            ("displayName", display_name, "display_name"),
            ("givenName", given_name, "given_name"),
            ("middleName", middle_name, "middle_name"),
            ("familyName", family_name, "family_name"),
            ("picture", picture, "picture"),
        ):
            if value is not None:
                body[key] = check_str(value, name)
        if role_names is not None:
            body["roleNames"] = check_str_list(role_names, "role_names")
        if user_tenants is not None:
            body["userTenants"] = associated_tenants_to_list(user_tenants, "user_tenants")
        if custom_attributes is not None:
            body["customAttributes"] = check_dict(custom_attributes, "custom_attributes")
        if verified_email is not None:
            body["verifiedEmail"] = check_bool(verified_email, "verified_email")
        if verified_phone is not None:
            body["verifiedPhone"] = check_bool(verified_phone, "verified_phone")
        if sso_app_ids is not None:
            body["ssoAppIds"] = check_str_list(sso_app_ids, "sso_app_ids")
        status = check_status(status)
        if status is not None:
            body["status"] = status
        if check_bool(test, "test"):
            body["test"] = True
        return self._patch("/v1/mgmt/user/patch", body)

    @api
    def delete(self, login_id: str) -> Call[None]:
        return self._post("/v1/mgmt/user/delete", {"loginId": check_id(login_id, "login_id")}).map(discard)

    @api
    def delete_by_user_id(self, user_id: str) -> Call[None]:
        return self._post("/v1/mgmt/user/delete", {"userId": check_id(user_id, "user_id")}).map(discard)

    @api
    def delete_all_test_users(self) -> Call[None]:
        return self._delete("/v1/mgmt/user/test/delete/all").map(discard)

    # -- load / search / history ----------------------------------------------------

    @api
    def load(self, login_id: str) -> Call[dict[str, Any]]:
        return self._get("/v1/mgmt/user", loginId=check_id(login_id, "login_id"))

    @api
    def load_by_user_id(self, user_id: str) -> Call[dict[str, Any]]:
        return self._get("/v1/mgmt/user", userId=check_id(user_id, "user_id"))

    @api
    def logout_user(self, login_id: str) -> Call[None]:
        return self._post("/v1/mgmt/user/logout", {"loginId": check_id(login_id, "login_id")}).map(discard)

    @api
    def logout_user_by_user_id(self, user_id: str) -> Call[None]:
        return self._post("/v1/mgmt/user/logout", {"userId": check_id(user_id, "user_id")}).map(discard)

    @staticmethod
    def _search_body(q: _Search) -> dict[str, Any]:
        """Both searches' body, from their arguments gathered in one `_Search`."""
        body: dict[str, Any] = {
            "tenantIds": check_str_list(q.tenant_ids, "tenant_ids", default_empty=True),
            "roleNames": check_str_list(q.role_names, "role_names", default_empty=True),
            "limit": check_int(q.limit, "limit"),
            "page": check_int(q.page, "page"),
            "testUsersOnly": check_bool(q.test_users_only, "test_users_only"),
            "withTestUser": check_bool(q.with_test_user, "with_test_user"),
        }
        if q.statuses is not None:
            body["statuses"] = [check_status(s, "statuses") for s in q.statuses]
        put_given(
            body,
            check_str_list,
            ("emails", q.emails, "emails"),
            ("phones", q.phones, "phones"),
            ("ssoAppIds", q.sso_app_ids, "sso_app_ids"),
            ("loginIds", q.login_ids, "login_ids"),
            ("userIds", q.user_ids, "user_ids"),
        )
        if q.custom_attributes is not None:
            body["customAttributes"] = check_dict(q.custom_attributes, "custom_attributes")
        if q.text is not None:
            body["text"] = check_str(q.text, "text")
        if q.sort is not None:
            if not all(isinstance(s, Sort) for s in q.sort):
                invalid("sort must be a list of Sort")
            body["sort"] = [s.to_dict() for s in q.sort]
        put_given(
            body,
            epoch_ms,
            ("fromCreatedTime", q.from_created_time, "from_created_time"),
            ("toCreatedTime", q.to_created_time, "to_created_time"),
            ("fromModifiedTime", q.from_modified_time, "from_modified_time"),
            ("toModifiedTime", q.to_modified_time, "to_modified_time"),
        )
        put_given(
            body,
            _tenant_role_filter,
            ("tenantRoleIds", q.tenant_role_ids, "tenant_role_ids"),
            ("tenantRoleNames", q.tenant_role_names, "tenant_role_names"),
        )
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
    ) -> Call[dict[str, Any]]:
        query = _Search(
            tenant_ids=tenant_ids, role_names=role_names, limit=limit, page=page,
            test_users_only=test_users_only, with_test_user=with_test_user,
            custom_attributes=custom_attributes, statuses=statuses, emails=emails, phones=phones,
            sso_app_ids=sso_app_ids, sort=sort, text=text, login_ids=login_ids,
            from_created_time=from_created_time, to_created_time=to_created_time,
            from_modified_time=from_modified_time, to_modified_time=to_modified_time,
            user_ids=user_ids, tenant_role_ids=tenant_role_ids, tenant_role_names=tenant_role_names,
        )
        return self._post("/v2/mgmt/user/search", self._search_body(query))

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
    ) -> Call[dict[str, Any]]:
        query = _Search(
            tenant_ids=tenant_ids, role_names=role_names, limit=limit, page=page,
            test_users_only=True, with_test_user=True,
            custom_attributes=custom_attributes, statuses=statuses, emails=emails, phones=phones,
            sso_app_ids=sso_app_ids, sort=sort, text=text, login_ids=login_ids,
            from_created_time=from_created_time, to_created_time=to_created_time,
            from_modified_time=from_modified_time, to_modified_time=to_modified_time,
            user_ids=None, tenant_role_ids=tenant_role_ids, tenant_role_names=tenant_role_names,
        )
        return self._post("/v2/mgmt/user/search/test", self._search_body(query))

    @api
    def history(self, user_ids: list[str]) -> Call[list[dict[str, Any]]]:
        ids = check_str_list(user_ids, "user_ids")
        if not ids or not all(ids):
            invalid("user_ids must be a non-empty list of user ids")
        return self._post("/v1/mgmt/user/history", ids).reading(read_list)

    # -- status ---------------------------------------------------------------------

    @api
    def activate(self, login_id: str) -> Call[dict[str, Any]]:
        return self._post(
            "/v1/mgmt/user/update/status",
            {"loginId": check_id(login_id, "login_id"), "status": "enabled"},
        )

    @api
    def deactivate(self, login_id: str) -> Call[dict[str, Any]]:
        return self._post(
            "/v1/mgmt/user/update/status",
            {"loginId": check_id(login_id, "login_id"), "status": "disabled"},
        )

    # -- single-field updates -------------------------------------------------------

    @api
    def update_login_id(self, login_id: str, new_login_id: str | None = None) -> Call[dict[str, Any]]:
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
        return self._roles("/v1/mgmt/user/update/role/set", login_id, role_names)

    @api
    def add_roles(self, login_id: str, role_names: list[str]) -> Call[dict[str, Any]]:
        return self._roles("/v2/mgmt/user/update/role/add", login_id, role_names)

    @api
    def remove_roles(self, login_id: str, role_names: list[str]) -> Call[dict[str, Any]]:
        return self._roles("/v1/mgmt/user/update/role/remove", login_id, role_names)

    @api
    def set_tenant_roles(
        self, login_id: str, tenant_id: str, role_names: list[str]
    ) -> Call[dict[str, Any]]:
        return self._roles(
            "/v1/mgmt/user/update/role/set", login_id, role_names, check_id(tenant_id, "tenant_id")
        )

    @api
    def add_tenant_roles(
        self, login_id: str, tenant_id: str, role_names: list[str]
    ) -> Call[dict[str, Any]]:
        return self._roles(
            "/v2/mgmt/user/update/role/add", login_id, role_names, check_id(tenant_id, "tenant_id")
        )

    @api
    def remove_tenant_roles(
        self, login_id: str, tenant_id: str, role_names: list[str]
    ) -> Call[dict[str, Any]]:
        return self._roles(
            "/v1/mgmt/user/update/role/remove",
            login_id,
            role_names,
            check_id(tenant_id, "tenant_id"),
        )

    # -- tenants (kept for SDK parity: add_tenant / remove_tenant) -------------------

    @api
    def add_tenant(self, login_id: str, tenant_id: str) -> Call[dict[str, Any]]:
        return self._post(
            "/v1/mgmt/user/update/tenant/add",
            {
                "loginId": check_id(login_id, "login_id"),
                "tenantId": check_id(tenant_id, "tenant_id"),
            },
        )

    @api
    def remove_tenant(self, login_id: str, tenant_id: str) -> Call[dict[str, Any]]:
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
        return self._sso_apps("/v1/mgmt/user/update/ssoapp/set", login_id, sso_app_ids)

    @api
    def add_sso_apps(self, login_id: str, sso_app_ids: list[str]) -> Call[dict[str, Any]]:
        return self._sso_apps("/v1/mgmt/user/update/ssoapp/add", login_id, sso_app_ids)

    @api
    def remove_sso_apps(self, login_id: str, sso_app_ids: list[str]) -> Call[dict[str, Any]]:
        return self._sso_apps("/v1/mgmt/user/update/ssoapp/remove", login_id, sso_app_ids)

    # -- passwords ------------------------------------------------------------------

    @api
    def set_temporary_password(self, login_id: str, password: str) -> Call[None]:
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
        """Older SDK call: temporary unless `set_active`."""
        return self._post(
            "/v1/mgmt/user/password/set",
            {
                "loginId": check_id(login_id, "login_id"),
                "password": check_id(password, "password"),
                "setActive": check_bool(set_active, "set_active"),
            },
        ).map(discard)

    @api
    def expire_password(self, login_id: str) -> Call[None]:
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
        return self._post(
            "/v1/mgmt/user/signin/embeddedlink",
            {
                "loginId": check_id(login_id, "login_id"),
                "customClaims": check_dict(custom_claims, "custom_claims"),
                "timeout": check_int(timeout, "timeout"),
            },
        ).map(_token_of)
