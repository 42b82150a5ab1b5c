"""Every endpoint of the emulator and its handler, in one table: grep a path here to find
the function that serves it. Sections follow the management API's table of contents
(``routes/mgmt_<area>.py`` mirrors ``descope_core/mgmt/<area>.py``); auth methods are
``routes/auth_<method>.py``; ``/emulator/*`` is the emulator's own test support.

A new endpoint is one line here plus its handler in the area's route module. Every
handler runs behind :func:`web.endpoint.endpoint`: the one place a malformed body is
refused and an unexpected error ends."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .routes import (
    auth_accesskey,
    auth_enchantedlink,
    auth_magiclink,
    auth_oauth,
    auth_otp,
    auth_password,
    auth_saml,
    auth_session,
    auth_sso,
    auth_totp,
    auth_webauthn,
    emulator_console,
    emulator_pages,
    emulator_support,
    mgmt_access_key,
    mgmt_analytics,
    mgmt_audit,
    mgmt_authz,
    mgmt_descoper,
    mgmt_engine,
    mgmt_family,
    mgmt_fga,
    mgmt_flow,
    mgmt_group,
    mgmt_jwt,
    mgmt_license,
    mgmt_list,
    mgmt_management_key,
    mgmt_outbound_application,
    mgmt_outbound_scim,
    mgmt_password,
    mgmt_permission,
    mgmt_project,
    mgmt_role,
    mgmt_scope_claim_mapping,
    mgmt_sso,
    mgmt_sso_application,
    mgmt_tenant,
    mgmt_third_party_application,
    mgmt_user,
)
from .web.endpoint import endpoint

Handler = Callable[[Request], Awaitable[Response]]


def get(path: str, handler: Handler) -> Route:
    """A GET endpoint."""
    return Route(path, endpoint(handler), methods=["GET"])


def post(path: str, handler: Handler) -> Route:
    """A POST endpoint."""
    return Route(path, endpoint(handler), methods=["POST"])


def put(path: str, handler: Handler) -> Route:
    """A PUT endpoint."""
    return Route(path, endpoint(handler), methods=["PUT"])


def patch(path: str, handler: Handler) -> Route:
    """A PATCH endpoint."""
    return Route(path, endpoint(handler), methods=["PATCH"])


def delete(path: str, handler: Handler) -> Route:
    """A DELETE endpoint."""
    return Route(path, endpoint(handler), methods=["DELETE"])


ROUTES: list[Route] = [
    # -- sessions and keys -------------------------------------------------------------------
    get("/v2/keys/{project_id}", auth_session.jwks),
    post("/v1/auth/refresh", auth_session.refresh),
    post("/v1/auth/tenant/select", auth_session.select_tenant),
    post("/v1/auth/logout", auth_session.logout),
    post("/v1/auth/logoutall", auth_session.logout_all),
    get("/v1/auth/me", auth_session.me),
    post("/v1/auth/me/tenants", auth_session.my_tenants),
    get("/v1/auth/me/history", auth_session.history),
    post("/v1/auth/accesskey/exchange", auth_accesskey.exchange),
    # -- OTP ---------------------------------------------------------------------------------
    post("/v1/auth/otp/signup/{method}", auth_otp.sign_up),
    post("/v1/auth/otp/signin/{method}", auth_otp.sign_in),
    post("/v1/auth/otp/signup-in/{method}", auth_otp.sign_up_or_in),
    post("/v1/auth/otp/verify/{method}", auth_otp.verify),
    post("/v1/auth/otp/update/email", auth_otp.update_email),
    post("/v1/auth/otp/update/phone", auth_otp.update_phone),
    post("/v1/auth/otp/update/phone/{method}", auth_otp.update_phone),
    # -- magic link --------------------------------------------------------------------------
    post("/v1/auth/magiclink/signup/{method}", auth_magiclink.sign_up),
    post("/v1/auth/magiclink/signin/{method}", auth_magiclink.sign_in),
    post("/v1/auth/magiclink/signup-in/{method}", auth_magiclink.sign_up_or_in),
    post("/v1/auth/magiclink/verify", auth_magiclink.verify),
    post("/v1/auth/magiclink/pending-session", auth_magiclink.pending_session),
    post("/v1/auth/magiclink/update/email", auth_magiclink.update_email),
    post("/v1/auth/magiclink/update/phone", auth_magiclink.update_phone),
    post("/v1/auth/magiclink/update/phone/{method}", auth_magiclink.update_phone),
    # -- enchanted link ----------------------------------------------------------------------
    post("/v1/auth/enchantedlink/signup/{method}", auth_enchantedlink.sign_up),
    post("/v1/auth/enchantedlink/signin/{method}", auth_enchantedlink.sign_in),
    post("/v1/auth/enchantedlink/signup-in/{method}", auth_enchantedlink.sign_up_or_in),
    post("/v1/auth/enchantedlink/verify", auth_enchantedlink.verify),
    post("/v1/auth/enchantedlink/pending-session", auth_enchantedlink.pending_session),
    post("/v1/auth/enchantedlink/update/email", auth_enchantedlink.update_email),
    # -- password ----------------------------------------------------------------------------
    get("/v1/auth/password/policy", auth_password.policy),
    post("/v1/auth/password/signup", auth_password.sign_up),
    post("/v1/auth/password/signin", auth_password.sign_in),
    post("/v1/auth/password/reset", auth_password.send_reset),
    post("/v1/auth/password/update", auth_password.update),
    post("/v1/auth/password/replace", auth_password.replace),
    # -- TOTP --------------------------------------------------------------------------------
    post("/v1/auth/totp/signup", auth_totp.sign_up),
    post("/v1/auth/totp/verify", auth_totp.verify),
    post("/v1/auth/totp/update", auth_totp.update),
    # -- WebAuthn (passkeys) -----------------------------------------------------------------
    post("/v1/auth/webauthn/signup/start", auth_webauthn.sign_up_start),
    post("/v1/auth/webauthn/signup/finish", auth_webauthn.sign_up_finish),
    post("/v1/auth/webauthn/signin/start", auth_webauthn.sign_in_start),
    post("/v1/auth/webauthn/signin/finish", auth_webauthn.sign_in_finish),
    post("/v1/auth/webauthn/signup-in/start", auth_webauthn.sign_up_or_in_start),
    post("/v1/auth/webauthn/update/start", auth_webauthn.update_start),
    post("/v1/auth/webauthn/update/finish", auth_webauthn.update_finish),
    # -- OAuth, SSO, SAML --------------------------------------------------------------------
    post("/v1/auth/oauth/authorize", auth_oauth.authorize),
    post("/v1/auth/oauth/exchange", auth_oauth.exchange),
    post("/v1/auth/sso/authorize", auth_sso.authorize),
    post("/v1/auth/sso/exchange", auth_sso.exchange),
    post("/v1/auth/saml/authorize", auth_saml.authorize),
    post("/v1/auth/saml/exchange", auth_saml.exchange),
    # -- mgmt: user --------------------------------------------------------------------------
    post("/v1/mgmt/user/create", mgmt_user.create),
    post("/v1/mgmt/user/create/test", mgmt_user.create_test_user),
    post("/v1/mgmt/user/create/batch", mgmt_user.invite_batch),
    get("/v1/mgmt/user", mgmt_user.load),
    post("/v1/mgmt/user/update", mgmt_user.update),
    patch("/v1/mgmt/user/patch", mgmt_user.patch),
    post("/v1/mgmt/user/delete", mgmt_user.delete),
    post("/v1/mgmt/user/delete/batch", mgmt_user.delete_batch),
    post("/v1/mgmt/users/load", mgmt_user.load_users),
    delete("/v1/mgmt/user/test/delete/all", mgmt_user.delete_all_test_users),
    post("/v1/mgmt/user/logout", mgmt_user.logout),
    post("/v1/mgmt/user/history", mgmt_user.history),
    post("/v2/mgmt/user/search", mgmt_user.search_all),
    post("/v2/mgmt/user/search/test", mgmt_user.search_all_test_users),
    post("/v1/mgmt/user/update/status", mgmt_user.update_status),
    post("/v1/mgmt/user/update/loginid", mgmt_user.update_login_id),
    post("/v1/mgmt/user/update/email", mgmt_user.update_email),
    post("/v1/mgmt/user/update/phone", mgmt_user.update_phone),
    post("/v1/mgmt/user/update/name", mgmt_user.update_display_name),
    post("/v1/mgmt/user/update/picture", mgmt_user.update_picture),
    post("/v1/mgmt/user/update/customAttribute", mgmt_user.update_custom_attribute),
    post("/v1/mgmt/user/update/role/set", mgmt_user.set_roles),
    post("/v1/mgmt/user/update/role/add", mgmt_user.add_roles),
    post("/v2/mgmt/user/update/role/add", mgmt_user.add_roles),
    post("/v1/mgmt/user/update/role/remove", mgmt_user.remove_roles),
    post("/v1/mgmt/user/update/tenant/add", mgmt_user.add_tenant),
    post("/v1/mgmt/user/update/tenant/remove", mgmt_user.remove_tenant),
    post("/v1/mgmt/user/update/ssoapp/set", mgmt_user.set_sso_apps),
    post("/v1/mgmt/user/update/ssoapp/add", mgmt_user.add_sso_apps),
    post("/v1/mgmt/user/update/ssoapp/remove", mgmt_user.remove_sso_apps),
    post("/v1/mgmt/user/password/set/temporary", mgmt_user.set_temporary_password),
    post("/v1/mgmt/user/password/set/active", mgmt_user.set_active_password),
    post("/v1/mgmt/user/password/set", mgmt_user.set_password),
    post("/v1/mgmt/user/password/expire", mgmt_user.expire_password),
    post("/v1/mgmt/user/passkeys/list", mgmt_user.list_passkeys),
    post("/v1/mgmt/user/passkey/delete", mgmt_user.delete_passkey),
    post("/v1/mgmt/user/passkeys/delete", mgmt_user.remove_all_passkeys),
    post("/v1/mgmt/tests/generate/otp", mgmt_user.generate_otp_for_test_user),
    post("/v1/mgmt/tests/generate/magiclink", mgmt_user.generate_magic_link_for_test_user),
    post("/v1/mgmt/tests/generate/enchantedlink", mgmt_user.generate_enchanted_link_for_test_user),
    post("/v1/mgmt/user/signin/embeddedlink", mgmt_user.generate_embedded_link),
    # -- mgmt: tenant ------------------------------------------------------------------------
    post("/v1/mgmt/tenant/create", mgmt_tenant.create),
    get("/v1/mgmt/tenant", mgmt_tenant.load),
    post("/v1/mgmt/tenant/update", mgmt_tenant.update),
    post("/v1/mgmt/tenant/delete", mgmt_tenant.delete),
    get("/v1/mgmt/tenant/all", mgmt_tenant.load_all),
    post("/v1/mgmt/tenant/search", mgmt_tenant.search_all),
    # -- mgmt: role --------------------------------------------------------------------------
    post("/v1/mgmt/role/create", mgmt_role.create),
    post("/v1/mgmt/role/update", mgmt_role.update),
    post("/v1/mgmt/role/delete", mgmt_role.delete),
    get("/v1/mgmt/role/all", mgmt_role.load_all),
    post("/v1/mgmt/role/create/batch", mgmt_role.create_batch),
    post("/v1/mgmt/role/update/batch", mgmt_role.update_batch),
    post("/v1/mgmt/role/delete/batch", mgmt_role.delete_batch),
    post("/v1/mgmt/role/search", mgmt_role.search),
    # -- mgmt: permission --------------------------------------------------------------------
    post("/v1/mgmt/permission/create", mgmt_permission.create),
    post("/v1/mgmt/permission/update", mgmt_permission.update),
    post("/v1/mgmt/permission/delete", mgmt_permission.delete),
    get("/v1/mgmt/permission/all", mgmt_permission.load_all),
    post("/v1/mgmt/permission/create/batch", mgmt_permission.create_batch),
    post("/v1/mgmt/permission/update/batch", mgmt_permission.update_batch),
    post("/v1/mgmt/permission/delete/batch", mgmt_permission.delete_batch),
    # -- mgmt: group -------------------------------------------------------------------------
    post("/v1/mgmt/group/all", mgmt_group.load_all_groups),
    post("/v1/mgmt/group/member/all", mgmt_group.load_all_groups_for_members),
    post("/v1/mgmt/group/members", mgmt_group.load_all_group_members),
    # -- mgmt: sso ---------------------------------------------------------------------------
    get("/v2/mgmt/sso/settings", mgmt_sso.load_settings),
    post("/v1/mgmt/sso/saml", mgmt_sso.configure_saml_settings),
    post("/v1/mgmt/sso/saml/metadata", mgmt_sso.configure_saml_settings),
    post("/v1/mgmt/sso/oidc", mgmt_sso.configure_oidc_settings),
    delete("/v1/mgmt/sso/settings", mgmt_sso.delete_settings),
    get("/v1/mgmt/sso/settings", mgmt_sso.get_settings),
    post("/v1/mgmt/sso/settings", mgmt_sso.configure),
    post("/v1/mgmt/sso/metadata", mgmt_sso.configure_via_metadata),
    post("/v1/mgmt/sso/mapping", mgmt_sso.mapping),
    # -- mgmt: sso_application ---------------------------------------------------------------
    post("/v1/mgmt/sso/idp/app/oidc/create", mgmt_sso_application.create_oidc_application),
    post("/v1/mgmt/sso/idp/app/saml/create", mgmt_sso_application.create_saml_application),
    post("/v1/mgmt/sso/idp/app/oidc/update", mgmt_sso_application.update_oidc_application),
    post("/v1/mgmt/sso/idp/app/saml/update", mgmt_sso_application.update_saml_application),
    post("/v1/mgmt/sso/idp/app/delete", mgmt_sso_application.delete),
    get("/v1/mgmt/sso/idp/app/load", mgmt_sso_application.load),
    get("/v1/mgmt/sso/idp/apps/load", mgmt_sso_application.load_all),
    # -- mgmt: access_key --------------------------------------------------------------------
    post("/v1/mgmt/accesskey/create", mgmt_access_key.create),
    get("/v1/mgmt/accesskey", mgmt_access_key.load),
    post("/v1/mgmt/accesskey/search", mgmt_access_key.search_all),
    post("/v1/mgmt/accesskey/update", mgmt_access_key.update),
    post("/v1/mgmt/accesskey/activate", mgmt_access_key.activate),
    post("/v1/mgmt/accesskey/deactivate", mgmt_access_key.deactivate),
    post("/v1/mgmt/accesskey/delete", mgmt_access_key.delete),
    post("/v1/mgmt/accesskey/rotate", mgmt_access_key.rotate),
    post("/v1/mgmt/accesskey/activate/batch", mgmt_access_key.activate_batch),
    post("/v1/mgmt/accesskey/deactivate/batch", mgmt_access_key.deactivate_batch),
    post("/v1/mgmt/accesskey/delete/batch", mgmt_access_key.delete_batch),
    # -- mgmt: jwt ---------------------------------------------------------------------------
    post("/v1/mgmt/jwt/update", mgmt_jwt.update_jwt),
    post("/v1/mgmt/impersonate", mgmt_jwt.impersonate),
    # -- mgmt: audit -------------------------------------------------------------------------
    post("/v1/mgmt/audit/search", mgmt_audit.search),
    post("/v1/mgmt/audit/event", mgmt_audit.create_event),
    # -- mgmt: flow (Descope Flows and the theme) --------------------------------------------
    post("/v1/mgmt/flow/list", mgmt_flow.list_flows),
    post("/v1/mgmt/flow/delete", mgmt_flow.delete_flows),
    post("/v1/mgmt/flow/export", mgmt_flow.export_flow),
    post("/v1/mgmt/flow/import", mgmt_flow.import_flow),
    post("/v1/mgmt/theme/export", mgmt_flow.export_theme),
    post("/v1/mgmt/theme/import", mgmt_flow.import_theme),
    # -- mgmt: fga ---------------------------------------------------------------------------
    post("/v1/mgmt/fga/schema", mgmt_fga.save_schema),
    get("/v1/mgmt/fga/schema", mgmt_fga.load_schema),
    post("/v1/mgmt/fga/relations", mgmt_fga.create_relations),
    delete("/v1/mgmt/fga/relations", mgmt_fga.delete_all_relations),
    post("/v1/mgmt/fga/relations/delete", mgmt_fga.delete_relations),
    post("/v1/mgmt/fga/check", mgmt_fga.check),
    # -- mgmt: authz -------------------------------------------------------------------------
    post("/v1/mgmt/authz/schema/save", mgmt_authz.save_schema),
    post("/v1/mgmt/authz/schema/delete", mgmt_authz.delete_schema),
    post("/v1/mgmt/authz/schema/load", mgmt_authz.load_schema),
    post("/v1/mgmt/authz/ns/save", mgmt_authz.save_namespace),
    post("/v1/mgmt/authz/ns/delete", mgmt_authz.delete_namespace),
    post("/v1/mgmt/authz/rd/save", mgmt_authz.save_relation_definition),
    post("/v1/mgmt/authz/rd/delete", mgmt_authz.delete_relation_definition),
    post("/v1/mgmt/authz/re/create", mgmt_authz.create_relations),
    post("/v1/mgmt/authz/re/delete", mgmt_authz.delete_relations),
    post("/v1/mgmt/authz/re/deleteresources", mgmt_authz.delete_relations_for_resources),
    post("/v1/mgmt/authz/re/has", mgmt_authz.has_relations),
    post("/v1/mgmt/authz/re/who", mgmt_authz.who_can_access),
    post("/v1/mgmt/authz/re/resource", mgmt_authz.resource_relations),
    post("/v1/mgmt/authz/re/targets", mgmt_authz.targets_relations),
    post("/v1/mgmt/authz/re/targetall", mgmt_authz.what_can_target_access),
    post("/v1/mgmt/authz/re/targetwithrelation", mgmt_authz.what_can_target_access_with_relation),
    post("/v1/mgmt/authz/getmodified", mgmt_authz.get_modified),
    # -- mgmt: project -----------------------------------------------------------------------
    post("/v1/mgmt/project/update/name", mgmt_project.update_name),
    post("/v1/mgmt/project/update/tags", mgmt_project.update_tags),
    post("/v1/mgmt/project/clone", mgmt_project.clone),
    post("/v1/mgmt/project/export", mgmt_project.export_project),
    post("/v1/mgmt/project/import", mgmt_project.import_project),
    # -- mgmt: license -----------------------------------------------------------------------
    get("/v1/mgmt/license", mgmt_license.fetch),
    # -- the emulator's own pages and test support (never under /v1 or /v2) ------------------
    get("/emulator/health", emulator_support.health),
    post("/emulator/rotate-keys", emulator_support.rotate_keys),
    post("/emulator/sign-in", emulator_support.sign_in),
    post("/emulator/reset", emulator_support.reset),
    get("/emulator/faults", emulator_support.faults),
    post("/emulator/faults", emulator_support.faults),
    delete("/emulator/faults", emulator_support.faults),
    get("/emulator/stats", emulator_support.stats),
    post("/emulator/revoke", emulator_support.revoke),
    get("/emulator/clock", emulator_support.clock),
    post("/emulator/clock", emulator_support.clock),
    get("/emulator/outbox.json", emulator_support.outbox_json),
    get("/emulator/settings", emulator_support.settings),
    post("/emulator/settings", emulator_support.settings),
    get("/emulator/project", emulator_support.project),
    post("/emulator/project", emulator_support.project),
    get("/emulator/outbox", emulator_pages.outbox),
    get("/emulator/link", emulator_pages.link_landing),
    get("/emulator/authorize", emulator_pages.picker),
    get("/emulator/authorize/complete", emulator_pages.complete),
    # -- the console: the developer UI at / and its JSON API ----------------------------------
    get("/", emulator_console.page),
    get("/emulator/console/static/{name}", emulator_console.asset),
    get("/emulator/console/api/overview", emulator_console.overview),
    get("/emulator/console/api/users", emulator_console.user_list),
    post("/emulator/console/api/users/create", emulator_console.user_create),
    post("/emulator/console/api/users/update", emulator_console.user_update),
    post("/emulator/console/api/users/delete", emulator_console.user_delete),
    post("/emulator/console/api/users/sign-in", emulator_console.user_sign_in),
    get("/emulator/console/api/users/history", emulator_console.user_history),
    get("/emulator/console/api/sessions", emulator_console.session_list),
    post("/emulator/console/api/sessions/revoke", emulator_console.session_revoke),
    get("/emulator/console/api/requests", emulator_console.request_log),
    post("/emulator/console/api/decode", emulator_console.decode),
    get("/emulator/console/api/catalog", emulator_console.catalog),
    post("/emulator/console/api/tenants/create", emulator_console.tenant_create),
    post("/emulator/console/api/tenants/delete", emulator_console.tenant_delete),
    post("/emulator/console/api/roles/create", emulator_console.role_create),
    post("/emulator/console/api/roles/delete", emulator_console.role_delete),
    post("/emulator/console/api/permissions/create", emulator_console.permission_create),
    post("/emulator/console/api/permissions/delete", emulator_console.permission_delete),
    post("/emulator/console/api/accesskeys/create", emulator_console.access_key_create),
    post("/emulator/console/api/accesskeys/delete", emulator_console.access_key_delete),
    # -- mgmt: engine ------------------------------------------------------------------------
    post("/v1/mgmt/engine/create", mgmt_engine.create),
    post("/v1/mgmt/engine/update", mgmt_engine.update),
    post("/v1/mgmt/engine/delete", mgmt_engine.delete),
    get("/v1/mgmt/engine/load", mgmt_engine.load),
    get("/v1/mgmt/engines/load", mgmt_engine.load_all),
    post("/v1/mgmt/engine/rotate", mgmt_engine.rotate_secret),
    # -- mgmt: family (client.mgmt.family) ---------------------------------------------------
    post("/v1/mgmt/family/create", mgmt_family.create),
    post("/v1/mgmt/family/update", mgmt_family.update),
    post("/v1/mgmt/family/delete", mgmt_family.delete),
    post("/v1/mgmt/family/search", mgmt_family.search),
    post("/v1/mgmt/family/dependent/create", mgmt_family.create_dependent),
    post("/v1/mgmt/family/dependent/delete", mgmt_family.delete_dependent),
    post("/v1/mgmt/family/impersonate", mgmt_family.impersonate),
    post("/v1/mgmt/family/impersonate/stop", mgmt_family.stop_impersonation),
    get("/v1/mgmt/family/settings", mgmt_family.get_settings),
    post("/v1/mgmt/family/settings", mgmt_family.configure_settings),
    get("/v1/mgmt/family/customattributes", mgmt_family.load_custom_attributes),
    post("/v1/mgmt/family/customattribute/create", mgmt_family.create_custom_attributes),
    post("/v1/mgmt/family/customattribute/delete", mgmt_family.delete_custom_attributes),
    # -- mgmt: analytics (client.mgmt.analytics) ---------------------------------------------
    post("/v1/mgmt/analytics/search", mgmt_analytics.search),
    # -- mgmt: list (client.mgmt.list) -------------------------------------------------------
    post("/v1/mgmt/list", mgmt_list.create),
    get("/v1/mgmt/list", mgmt_list.load),
    post("/v1/mgmt/list/update", mgmt_list.update),
    post("/v1/mgmt/list/delete", mgmt_list.delete),
    get("/v1/mgmt/list/name", mgmt_list.load_by_name),
    get("/v1/mgmt/list/all", mgmt_list.load_all),
    post("/v1/mgmt/list/import", mgmt_list.import_lists),
    post("/v1/mgmt/list/ip/add", mgmt_list.add_ips),
    post("/v1/mgmt/list/ip/remove", mgmt_list.remove_ips),
    post("/v1/mgmt/list/ip/check", mgmt_list.check_ip),
    post("/v1/mgmt/list/text/add", mgmt_list.add_texts),
    post("/v1/mgmt/list/text/remove", mgmt_list.remove_texts),
    post("/v1/mgmt/list/text/check", mgmt_list.check_text),
    post("/v1/mgmt/list/clear", mgmt_list.clear),
    # -- mgmt: password (policy settings) ----------------------------------------------------
    get("/v1/mgmt/password/settings", mgmt_password.get_settings),
    post("/v1/mgmt/password/settings", mgmt_password.configure_settings),
    # -- mgmt: management_key -----------------------------------------------------------------
    put("/v1/mgmt/managementkey", mgmt_management_key.create),
    patch("/v1/mgmt/managementkey", mgmt_management_key.update),
    get("/v1/mgmt/managementkey", mgmt_management_key.load),
    post("/v1/mgmt/managementkey/delete", mgmt_management_key.delete),
    get("/v1/mgmt/managementkey/search", mgmt_management_key.search),
    # -- mgmt: scope_claim_mapping -----------------------------------------------------------
    post("/v1/mgmt/scopeClaimMapping/get", mgmt_scope_claim_mapping.get),
    post("/v1/mgmt/scopeClaimMapping/set", mgmt_scope_claim_mapping.set),
    post("/v1/mgmt/scopeClaimMapping/delete", mgmt_scope_claim_mapping.delete),
    # -- areas1 (issue 12) -------------------------------------------------------------------
    # -- mgmt: outbound_application (+ outbound_application_by_token: the four fetches) -----
    post("/v1/mgmt/outbound/app/create", mgmt_outbound_application.create_application),
    post("/v1/mgmt/outbound/app/update", mgmt_outbound_application.update_application),
    post("/v1/mgmt/outbound/app/delete", mgmt_outbound_application.delete_application),
    get("/v1/mgmt/outbound/apps", mgmt_outbound_application.load_all_applications),
    post("/v1/mgmt/outbound/app/user/token", mgmt_outbound_application.fetch_token_by_scopes),
    post("/v1/mgmt/outbound/app/user/token/latest", mgmt_outbound_application.fetch_token),
    post("/v1/mgmt/outbound/app/tenant/token",
         mgmt_outbound_application.fetch_tenant_token_by_scopes),
    post("/v1/mgmt/outbound/app/tenant/token/latest",
         mgmt_outbound_application.fetch_tenant_token),
    delete("/v1/mgmt/outbound/user/tokens", mgmt_outbound_application.delete_user_tokens),
    delete("/v1/mgmt/outbound/token", mgmt_outbound_application.delete_token),
    get("/v1/mgmt/outbound/apps-with-user-token",
        mgmt_outbound_application.list_apps_with_user_token),
    post("/v1/mgmt/outbound/app/user/apikey/upload", mgmt_outbound_application.upload_user_api_key),
    post("/v1/mgmt/outbound/app/tenant/apikey/upload",
         mgmt_outbound_application.upload_tenant_api_key),
    post("/v1/mgmt/outbound/app/user/oauthtoken/upload",
         mgmt_outbound_application.upload_user_token),
    post("/v1/mgmt/outbound/app/tenant/oauthtoken/upload",
         mgmt_outbound_application.upload_tenant_token),
    post("/v1/mgmt/outbound/app/user/oauthtoken/batch/upload",
         mgmt_outbound_application.batch_upload_user_tokens),
    post("/v1/mgmt/outbound/app/tenant/oauthtoken/batch/upload",
         mgmt_outbound_application.batch_upload_tenant_tokens),
    get("/v1/mgmt/outbound/app/{id}", mgmt_outbound_application.load_application),
    # -- mgmt: outbound_scim ------------------------------------------------------------------
    post("/v1/mgmt/outbound/scim/create", mgmt_outbound_scim.create_configuration),
    post("/v1/mgmt/outbound/scim/update", mgmt_outbound_scim.update_configuration),
    post("/v1/mgmt/outbound/scim/delete", mgmt_outbound_scim.delete_configuration),
    post("/v1/mgmt/outbound/scim/enabled/set", mgmt_outbound_scim.set_enabled),
    get("/v1/mgmt/outbound/scim/{app_id}", mgmt_outbound_scim.load_configuration),
    # -- mgmt: descoper (PUT create, PATCH update, DELETE) -----------------------------------
    put("/v1/mgmt/descoper", mgmt_descoper.create),
    patch("/v1/mgmt/descoper", mgmt_descoper.update),
    get("/v1/mgmt/descoper", mgmt_descoper.load),
    delete("/v1/mgmt/descoper", mgmt_descoper.delete),
    post("/v1/mgmt/descoper/list", mgmt_descoper.list_descopers),
    # -- mgmt: third_party_application -------------------------------------------------------
    post("/v1/mgmt/thirdparty/app/create", mgmt_third_party_application.create),
    post("/v1/mgmt/thirdparty/app/update", mgmt_third_party_application.update),
    post("/v1/mgmt/thirdparty/app/patch", mgmt_third_party_application.patch),
    post("/v1/mgmt/thirdparty/app/delete", mgmt_third_party_application.delete),
    post("/v1/mgmt/thirdparty/app/delete/batch", mgmt_third_party_application.delete_batch),
    get("/v1/mgmt/thirdparty/app/load", mgmt_third_party_application.load),
    get("/v1/mgmt/thirdparty/apps/load", mgmt_third_party_application.load_all),
    post("/v1/mgmt/thirdparty/app/rotate", mgmt_third_party_application.rotate_secret),
    get("/v1/mgmt/thirdparty/app/secret", mgmt_third_party_application.get_secret),
    post("/v1/mgmt/thirdparty/consents/delete", mgmt_third_party_application.delete_consents),
    post("/v1/mgmt/thirdparty/consents/delete/tenant",
         mgmt_third_party_application.delete_tenant_consents),
    post("/v1/mgmt/thirdparty/consents/search", mgmt_third_party_application.search_consents),
    # -- end areas1 ---------------------------------------------------------------------------
    # -- issue 12 fga-ids: the Node SDK's path forms, FGA details/mappable/dry run ------------
    get("/v1/mgmt/list/name/{name}", mgmt_list.load_by_name),
    get("/v1/mgmt/list/{id}", mgmt_list.load),
    post("/v1/mgmt/outbound/app/create/bytemplate",
         mgmt_outbound_application.create_application_by_template),
    # -- end fga-ids --------------------------------------------------------------------------
]
