"""The client's whole API surface as a table, with arguments that pass local validation.

`surface(client)` lists every `@api` method reachable the way a user reaches it
(`client.x`, `client.otp.x`, `client.mgmt.user.x`); `arguments(name, fn)` gives each one
call's arguments: generated from the signature's annotations, or taken from `OVERRIDES`
where a call needs particular values. A method added later is picked up automatically;
if its generated arguments fail local validation, the identical-requests test says so
(no request sent) and the method gets an entry in `OVERRIDES`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

from descope_core import (
    AssociatedFamily,
    AssociatedTenant,
    AttributeMapping,
    CustomAttribute,
    DeliveryMethod,
    MgmtKeyReBac,
    MgmtKeyStatus,
    RoleMapping,
    SSOOIDCSettings,
    SSOSAMLSettings,
    SSOSAMLSettingsByMetadata,
    UserObj,
    XAASettings,
)
from descope_core.api import Bound, api
from descope_core.mgmt import DescoperCreate

SIGN_IN_AREAS = (
    "otp",
    "magiclink",
    "enchantedlink",
    "oauth",
    "sso",
    "saml",
    "totp",
    "password",
    "webauthn",
)

RELATION = {
    "resource": "r1",
    "resourceType": "doc",
    "relation": "owner",
    "target": "u1",
    "targetType": "user",
}

# name -> (args, kwargs); `None` values are filled per client by the test (tokens)
OVERRIDES: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
    "mgmt.management_key.create": (("ci", MgmtKeyReBac(company_roles=["admin"])), {}),
    "mgmt.management_key.update": (("mk1", "ci", "d", ["10.0.0.1"], MgmtKeyStatus.ACTIVE), {}),
    "my_tenants": (("<refresh>",), {"dct": True}),
    "otp.update_user_phone": ((DeliveryMethod.SMS, "a@b.c", "+12025550100", "<refresh>"), {}),
    "magiclink.update_user_phone": (
        (DeliveryMethod.SMS, "a@b.c", "+12025550100", "<refresh>"),
        {},
    ),
    "mgmt.audit.create_event": (("act", "info", "actor", "t1"), {}),
    "mgmt.fga.create_relations": (([RELATION],), {}),
    "mgmt.fga.delete_relations": (([RELATION],), {}),
    "mgmt.fga.check": (([RELATION],), {}),
    "mgmt.user.invite_batch": (([UserObj("u1@b.c", email="u1@b.c")],), {}),
    "mgmt.user.update_user_tenants": (("a@b.c", [AssociatedTenant("t1", ["r1"])]), {}),
    "mgmt.flow.import_flow": (("f1", {"id": "f1"}, [{"id": "s1"}]), {}),
    "mgmt.authz.get_modified": ((dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc),), {}),
    "mgmt.audit.search": ((), {"from_ts": dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)}),
    "mgmt.sso.configure_oidc_settings": (("t1", SSOOIDCSettings("oidc", "client-1")), {}),
    "mgmt.sso.configure_saml_settings": (
        ("t1", SSOSAMLSettings("https://idp", "idp-ent", "cert", attribute_mapping=AttributeMapping(email="mail"))),
        {"domains": ["t1.io"]},
    ),
    "mgmt.sso.configure_saml_settings_by_metadata": (
        ("t1", SSOSAMLSettingsByMetadata("https://idp/metadata")),
        {},
    ),
    "mgmt.sso.mapping": (
        ("t1", [RoleMapping(["g1"], "admin")], AttributeMapping(name="n", email="e")),
        {},
    ),
    "mgmt.sso_application.create_saml_application": (
        ("app", "https://app/login"),
        {"entity_id": "ent", "acs_url": "https://app/acs", "certificate": "cert"},
    ),
    "mgmt.sso_application.update_saml_application": (
        ("a1", "app", "https://app/login"),
        {"use_metadata_info": True, "metadata_url": "https://app/metadata"},
    ),
    "saml.start": (("t1", "https://app/cb"), {}),
    "enchantedlink.sign_up_with_phone": (("+12025550100", "https://app/verify"), {}),
    "enchantedlink.update_user_phone": (("a@b.c", "+12025550100", "<refresh>"), {}),
    "mgmt.sso.configure_auth_type": (("t1", "oidc"), {}),
    "mgmt.sso.configure_xaa_settings": (("t1", XAASettings(enabled=True)), {}),
    "mgmt.user.add_families": (("a@b.c", [AssociatedFamily("f1", ["parent"])]), {}),
    "mgmt.user.create_family_scoped_custom_attributes": (([CustomAttribute("age", 2)],), {}),
    "mgmt.family.create_custom_attributes": (([CustomAttribute("city", 1)],), {}),
    "mgmt.user.patch_batch": (([UserObj("u1@b.c", display_name="U")],), {}),
    "validate_and_refresh_session": (("<expired-session>", "<refresh>"), {}),
    "mgmt.descoper.create": (([DescoperCreate("d@x.io", send_invite=True)],), {}),
}


def surface(client: Any) -> dict[str, Any]:
    """'name' -> bound method, for every `@api` method of the client."""
    out: dict[str, Any] = {}

    def collect(obj: Any, prefix: str) -> None:
        for klass in type(obj).__mro__:
            for name, value in vars(klass).items():
                if isinstance(value, api) and not name.startswith("_"):
                    out.setdefault(prefix + name, getattr(obj, name))

    collect(client, "")
    for area in SIGN_IN_AREAS:
        collect(getattr(client, area), area + ".")
    mgmt = client.mgmt
    for area in type(mgmt).__slots__:
        value = getattr(mgmt, area)
        assert isinstance(value, Bound)
        collect(value, f"mgmt.{area}.")
    return out


def _value_for(name: str, annotation: str) -> Any:
    ann = annotation.replace(" ", "")
    if name == "refresh_token":
        return "<refresh>"
    if name == "access_key":
        return "<access-key>"
    if name in ("session_token", "jwt"):
        return "<session>"
    if "DeliveryMethod" in ann:
        return DeliveryMethod.EMAIL
    if "AssociatedTenant" in ann:
        return [AssociatedTenant("t1")]
    if "datetime" in ann:
        return dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)
    if ann.startswith("list[dict") or ann.startswith("list[Mapping"):
        return [{"k": "v"}]
    if ann.startswith("list"):
        return ["a1"]
    if ann.startswith("dict") or ann.startswith("Mapping"):
        return {"k": "v"}
    if ann.startswith("bool"):
        return True
    if ann.startswith("int"):
        return 1
    if ann.startswith("str"):
        return "x1" if name != "login_id" else "a@b.c"
    return {"k": "v"}


def arguments(name: str, fn: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Arguments for one call of `fn` (the method called `name` in `surface`)."""
    if name in OVERRIDES:
        return OVERRIDES[name]
    args: list[Any] = []
    for param in inspect.signature(fn).parameters.values():
        if param.default is not inspect.Parameter.empty:
            break
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD, param.KEYWORD_ONLY):
            break
        args.append(_value_for(param.name, str(param.annotation)))
    return tuple(args), {}
