"""The checks expected to fail today, each with its reason: calls the emulator does not serve yet
(issue 12, parity; Node-only calls no issue covers) and differences from a real
project found by these checks (issue 13). They run; the marks are not strict, so a fixed call shows
as XPASS and its entry is to be removed.
"""

from __future__ import annotations

PARITY = "issue 12 (parity)"
FIDELITY = "issue 13 (fidelity), to fix"

#: management areas (the official SDK's attribute names) the emulator has no routes for
AREAS: dict[str, str] = {
    area: f"mgmt.{area}: area not served by the emulator yet, {PARITY}"
    for area in (
        "family", "outbound_application", "outbound_application_by_token", "outbound_scim",
        "third_party_application", "descoper", "management_key", "analytics",
    )
}

#: calls of areas that exist, added by the newest SDK (issue 12) and not served yet: what is
#: missing (the endpoint the emulator answers 'No such endpoint' for, or the gap)
_MISSING_CALLS: dict[str, str] = {
    "mgmt.jwt.stop_impersonation": "POST /v1/mgmt/stop/impersonation",
    "enchantedlink.sign_in_with_phone": "enchanted links by phone (SMS) refused",
    "enchantedlink.sign_up_or_in_with_phone": "enchanted links by phone (SMS) refused",
    "enchantedlink.sign_up_with_phone": "enchanted links by phone (SMS) refused",
    "mgmt.access_key.activate_batch": "POST /v1/mgmt/accesskey/activate/batch",
    "mgmt.access_key.deactivate_batch": "POST /v1/mgmt/accesskey/deactivate/batch",
    "mgmt.access_key.delete_batch": "POST /v1/mgmt/accesskey/delete/batch",
    "mgmt.access_key.rotate": "POST /v1/mgmt/accesskey/rotate",
    "mgmt.audit.create_audit_webhook": "POST /v2/mgmt/connector/audit/web/set",
    "mgmt.fga.load_mappable_resources": "POST /v1/mgmt/fga/mappable/resources",
    "mgmt.fga.load_mappable_schema": "GET /v1/mgmt/fga/mappable/schema",
    "mgmt.fga.load_resources_details": "POST /v1/mgmt/fga/resources/load",
    "mgmt.fga.save_resources_details": "POST /v1/mgmt/fga/resources/save",
    "mgmt.fga.save_schema_dryrun": "POST /v1/mgmt/fga/schema/dryrun",
    "mgmt.flow.get_flow_async_result": "POST /v1/mgmt/flow/async/run",
    "mgmt.flow.run_flow": "POST /v1/mgmt/flow/run",
    "mgmt.flow.run_flow_async": "POST /v1/mgmt/flow/async/run",
    "mgmt.jwt.anonymous": "POST /v1/mgmt/auth/anonymous",
    "mgmt.jwt.impersonate_stepup": "POST /v1/mgmt/impersonate/stepup",
    "mgmt.jwt.sign_in": "POST /v1/mgmt/auth/signin",
    "mgmt.jwt.sign_up": "POST /v1/mgmt/auth/signup",
    "mgmt.jwt.sign_up_or_in": "POST /v1/mgmt/auth/signup-in",
    "mgmt.permission.create_batch": "POST /v1/mgmt/permission/create/batch",
    "mgmt.permission.delete_batch": "POST /v1/mgmt/permission/create/batch",
    "mgmt.permission.delete_batch_by_ids": "permissions carry no id yet",
    "mgmt.permission.delete_by_id": "permissions carry no id yet",
    "mgmt.permission.update_batch": "POST /v1/mgmt/permission/update/batch",
    "mgmt.permission.update_by_id": "permissions carry no id yet",
    "mgmt.project.delete": "POST /v1/mgmt/project/delete",
    "mgmt.project.export_snapshot": "POST /v1/mgmt/project/snapshot/export",
    "mgmt.project.import_snapshot": "POST /v1/mgmt/project/snapshot/export",
    "mgmt.project.list_projects": "POST /v1/mgmt/projects/list",
    "mgmt.project.validate_snapshot": "POST /v1/mgmt/project/snapshot/export",
    "mgmt.role.create_batch": "POST /v1/mgmt/role/create/batch",
    "mgmt.role.delete_batch": "POST /v1/mgmt/role/create/batch",
    "mgmt.role.delete_batch_by_ids": "POST /v1/mgmt/role/delete/batch",
    "mgmt.role.delete_by_id": "POST /v1/mgmt/role/delete takes no role id yet",
    "mgmt.role.update_batch": "POST /v1/mgmt/role/create/batch",
    "mgmt.role.update_by_id": "POST /v1/mgmt/role/update takes no role id yet",
    "mgmt.sso.configure_auth_type": "POST /v1/mgmt/sso/settings/authtype",
    "mgmt.sso.configure_sso_redirect_url": "POST /v1/mgmt/sso/redirect",
    "mgmt.sso.configure_xaa_settings": "POST /v1/mgmt/sso/xaa/settings",
    "mgmt.sso.delete_xaa_settings": "POST /v1/mgmt/sso/xaa/settings",
    "mgmt.sso.load_all_settings": "GET /v2/mgmt/sso/settings/all",
    "mgmt.sso.load_all_xaa_settings": "POST /v1/mgmt/sso/xaa/settings",
    "mgmt.sso.load_xaa_settings": "POST /v1/mgmt/sso/xaa/settings",
    "mgmt.sso.new_settings": "POST /v1/mgmt/sso/settings/new",
    "mgmt.sso.recalculate_sso_mappings": "POST /v1/mgmt/sso/recalculate-mappings",
    "mgmt.sso_application.create_wsfed_application": "POST /v1/mgmt/sso/idp/app/wsfed/create",
    "mgmt.sso_application.get_application_secret": "GET /v1/mgmt/sso/idp/app/secret",
    "mgmt.sso_application.rotate_application_secret": "GET /v1/mgmt/sso/idp/app/secret",
    "mgmt.sso_application.update_wsfed_application": "POST /v1/mgmt/sso/idp/app/wsfed/create",
    "mgmt.tenant.generate_sso_configuration_link": "POST /v2/mgmt/tenant/adminlinks/sso/generate",
    "mgmt.tenant.load_settings": "GET /v1/mgmt/tenant/settings",
    "mgmt.tenant.patch_tenant": "PATCH /v1/mgmt/tenant/patch",
    "mgmt.tenant.revoke_sso_configuration_link": "POST /v2/mgmt/tenant/adminlinks/sso/generate",
    "mgmt.tenant.update_default_roles": "POST /v1/mgmt/tenant/updateDefaultRoles",
    "mgmt.tenant.update_settings": "POST /v1/mgmt/tenant/settings",
    "mgmt.user.add_families": "POST /v1/mgmt/family/create",
    "mgmt.user.create_custom_attribute": "POST /v1/mgmt/user/customattribute/create",
    "mgmt.user.create_family_scoped_custom_attributes": "POST /v1/mgmt/user/families/customattribute/create",
    "mgmt.user.delete_batch": "POST /v1/mgmt/user/delete/batch",
    "mgmt.user.delete_custom_attribute": "POST /v1/mgmt/user/customattribute/create",
    "mgmt.user.delete_family_scoped_custom_attributes": "POST /v1/mgmt/user/families/customattribute/create",
    "mgmt.user.generate_sign_up_embedded_link": "POST /v1/mgmt/user/signup/embeddedlink",
    "mgmt.user.get_provider_token": "GET /v1/mgmt/user/provider/token",
    "mgmt.user.import_users": "POST /v1/mgmt/user/import",
    "mgmt.user.list_trusted_devices": "POST /v1/mgmt/user/trusteddevices/list",
    "mgmt.user.load_custom_attributes": "POST /v1/mgmt/user/customattribute/create",
    "mgmt.user.load_family_scoped_custom_attributes": "GET /v1/mgmt/user/families/customattributes",
    "mgmt.user.load_users": "POST /v1/mgmt/users/load",
    "mgmt.user.patch_batch": "PATCH /v1/mgmt/user/patch/batch",
    "mgmt.user.remove_families": "POST /v1/mgmt/family/create",
    "mgmt.user.remove_recovery_codes": "POST /v1/mgmt/user/recovery-codes/delete",
    "mgmt.user.remove_totp_seed": "POST /v1/mgmt/user/totp/delete",
    "mgmt.user.remove_trusted_device": "POST /v1/mgmt/user/trusteddevices/remove",
    "mgmt.user.update_custom_attribute": "POST /v1/mgmt/user/customattribute/create",
    "mgmt.user.update_recovery_email": "POST /v1/mgmt/user/update/recovery/email",
    "mgmt.user.update_recovery_phone": "POST /v1/mgmt/user/update/recovery/phone",
"enchantedlink.update_user_phone": "POST /v1/auth/enchantedlink/update/phone/sms",
}

#: single calls expected to fail, with the reason
CALLS: dict[str, str] = {
    call: f"{call}: {gap} not served yet, {PARITY}" for call, gap in _MISSING_CALLS.items()
}


def reason(call: str) -> str | None:
    """Why ``call`` ("mgmt.user.create", "otp.sign_in") is expected to fail, or None."""
    if call in CALLS:
        return CALLS[call]
    parts = call.split(".")
    if parts[0] == "mgmt" and parts[1] in AREAS:
        return AREAS[parts[1]]
    return None



#: the Node SDK's management area names -> the Python SDK's
_NODE_AREAS = {"inboundApplication": "third_party_application", "outboundApplication":
               "outbound_application", "managementKey": "management_key", "scopeClaimMapping":
               "scope_claim_mapping", "accessKey": "access_key", "ssoApplication": "sso_application"}

#: Node SDK calls expected to fail, beyond what the Python names above cover
NODE_CALLS: dict[str, str] = {}


#: differences from a real project found by the checks, still to fix in the emulator
GAPS: dict[str, str] = {
}
for _call, _gap in GAPS.items():
    CALLS[_call] = f"{_call}: {_gap}, {FIDELITY}"

#: Node SDK checks expected to fail (the Node names; areas above are matched by node_reason)
_NODE: list[tuple[str, str, str]] = [
    ("management.list.load", "PARITY", "GET /v1/mgmt/list/{id} (the Node SDK's path form)"),
    ("management.list.delete", "PARITY", "GET /v1/mgmt/list/{id} (the Node SDK's path form)"),
    ("management.list.loadByName", "PARITY", "GET /v1/mgmt/list/name/{name} (the Node SDK's path form)"),
    ("management.list.import", "PARITY", "GET /v1/mgmt/list/name/{name} (the Node SDK's path form)"),
    ("management.ssoApplication.rotateApplicationSecret", "PARITY", "GET /v1/mgmt/sso/idp/app/secret"),
    ("management.authz.deleteResourceRelationsForResources", "NODE_ONLY", "POST /v1/mgmt/authz/re/deleteresourcesrelations"),
    ("flow.next", "NODE_ONLY", "POST /v1/flow/start"),
    ("flow.start", "NODE_ONLY", "POST /v1/flow/start"),
    ("management.accessKey.activateBatch", "PARITY", "POST /v1/mgmt/accesskey/activate/batch"),
    ("management.accessKey.deactivateBatch", "PARITY", "POST /v1/mgmt/accesskey/deactivate/batch"),
    ("management.accessKey.deleteBatch", "PARITY", "POST /v1/mgmt/accesskey/delete/batch"),
    ("management.accessKey.rotate", "PARITY", "POST /v1/mgmt/accesskey/rotate"),
    ("management.audit.createAuditWebhook", "PARITY", "POST /v2/mgmt/connector/audit/web/set"),
    ("management.fga.dryRunSchema", "PARITY", "POST /v1/mgmt/fga/schema/dryrun"),
    ("management.fga.loadMappableSchema", "PARITY", "GET /v1/mgmt/fga/mappable/schema"),
    ("management.fga.loadResourcesDetails", "PARITY", "POST /v1/mgmt/fga/resources/load"),
    ("management.fga.saveResourcesDetails", "PARITY", "POST /v1/mgmt/fga/resources/save"),
    ("management.fga.searchMappableResources", "PARITY", "POST /v1/mgmt/fga/mappable/resources"),
    ("management.flow.run", "PARITY", "POST /v1/mgmt/flow/run"),
    ("management.jwt.anonymous", "PARITY", "POST /v1/mgmt/auth/anonymous"),
    ("management.jwt.generateClientAssertionJwt", "NODE_ONLY", "POST /v1/mgmt/token/clientassertion"),
    ("management.jwt.impersonateStepup", "PARITY", "POST /v1/mgmt/impersonate/stepup"),
    ("management.jwt.signIn", "PARITY", "POST /v1/mgmt/auth/signin"),
    ("management.jwt.signUp", "PARITY", "POST /v1/mgmt/auth/signup"),
    ("management.jwt.signUpOrIn", "PARITY", "POST /v1/mgmt/auth/signup-in"),
    ("management.jwt.stopImpersonation", "PARITY", "POST /v1/mgmt/stop/impersonation"),
    ("management.jwtTemplate.applyFromLibrary", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/library/apply"),
    ("management.jwtTemplate.create", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/create"),
    ("management.jwtTemplate.delete", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/create"),
    ("management.jwtTemplate.list", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/create"),
    ("management.jwtTemplate.listLibrary", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/library/list"),
    ("management.jwtTemplate.load", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/load"),
    ("management.jwtTemplate.loadLibraryEntry", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/library/load"),
    ("management.jwtTemplate.update", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/create"),
    ("management.jwtTemplate.validate", "NODE_ONLY", "POST /v1/mgmt/jwt/templates/create"),
    ("management.permission.createBatch", "PARITY", "POST /v1/mgmt/permission/create/batch"),
    ("management.permission.deleteBatch", "PARITY", "POST /v1/mgmt/permission/delete/batch"),
    ("management.permission.deleteWithId", "PARITY", "delete by id (permissions carry no id yet)"),
    ("management.permission.updateBatch", "PARITY", "POST /v1/mgmt/permission/update/batch"),
    ("management.permission.updateWithId", "PARITY", "update by id (permissions carry no id yet)"),
    ("management.project.delete", "PARITY", "POST /v1/mgmt/project/delete"),
    ("management.project.export", "PARITY", "POST /v1/mgmt/project/snapshot/export"),
    ("management.project.exportSnapshot", "PARITY", "POST /v1/mgmt/project/snapshot/export"),
    ("management.project.import", "PARITY", "POST /v1/mgmt/project/snapshot/export"),
    ("management.project.importSnapshot", "PARITY", "POST /v1/mgmt/project/snapshot/export"),
    ("management.project.listProjects", "PARITY", "POST /v1/mgmt/projects/list"),
    ("management.project.updateName", "PARITY", "POST /v1/mgmt/project/snapshot/export"),
    ("management.project.updateTags", "PARITY", "POST /v1/mgmt/project/snapshot/export"),
    ("management.project.validateSnapshot", "PARITY", "POST /v1/mgmt/project/snapshot/export"),
    ("management.role.createBatch", "PARITY", "POST /v1/mgmt/role/create/batch"),
    ("management.role.deleteBatch", "PARITY", "POST /v1/mgmt/role/delete/batch"),
    ("management.role.deleteWithId", "PARITY", "POST /v1/mgmt/role/delete by id"),
    ("management.role.updateBatch", "PARITY", "POST /v1/mgmt/role/update/batch"),
    ("management.role.updateWithId", "PARITY", "POST /v1/mgmt/role/update by id"),
    ("management.sso.configureSSORedirectURL", "PARITY", "POST /v1/mgmt/sso/redirect"),
    ("management.sso.loadAllSettings", "PARITY", "GET /v2/mgmt/sso/settings/all"),
    ("management.sso.newSettings", "PARITY", "POST /v1/mgmt/sso/settings/new"),
    ("management.sso.recalculateSSOMappings", "PARITY", "POST /v1/mgmt/sso/recalculate-mappings"),
    ("management.ssoApplication.createWsFedApplication", "PARITY", "POST /v1/mgmt/sso/idp/app/wsfed/create"),
    ("management.ssoApplication.getApplicationSecret", "PARITY", "GET /v1/mgmt/sso/idp/app/secret"),
    ("management.ssoApplication.updateWsFedApplication", "PARITY", "POST /v1/mgmt/sso/idp/app/wsfed/create"),
    ("management.tenant.configureSettings", "PARITY", "POST /v1/mgmt/tenant/settings"),
    ("management.tenant.generateSSOConfigurationLink", "PARITY", "POST /v2/mgmt/tenant/adminlinks/sso/generate"),
    ("management.tenant.getSettings", "PARITY", "GET /v1/mgmt/tenant/settings"),
    ("management.tenant.revokeSSOConfigurationLink", "PARITY", "POST /v2/mgmt/tenant/adminlinks/sso/generate"),
    ("management.tenant.updateDefaultRoles", "PARITY", "POST /v1/mgmt/tenant/updateDefaultRoles"),
    ("management.user.createCustomAttributes", "PARITY", "POST /v1/mgmt/user/customattribute/create"),
    ("management.user.deleteBatch", "PARITY", "POST /v1/mgmt/user/delete/batch"),
    ("management.user.deleteCustomAttributes", "PARITY", "POST /v1/mgmt/user/customattribute/create"),
    ("management.user.generateSignUpEmbeddedLink", "PARITY", "POST /v1/mgmt/user/signup/embeddedlink"),
    ("management.user.getCustomAttributes", "PARITY", "POST /v1/mgmt/user/customattribute/create"),
    ("management.user.getProviderToken", "PARITY", "GET /v1/mgmt/user/provider/token"),
    ("management.user.import", "PARITY", "POST /v1/mgmt/user/import"),
    ("management.user.listTrustedDevices", "PARITY", "POST /v1/mgmt/user/trusteddevices/list"),
    ("management.user.loadUsers", "PARITY", "POST /v1/mgmt/users/load"),
    ("management.user.patchBatch", "PARITY", "PATCH /v1/mgmt/user/patch/batch"),
    ("management.user.removeTOTPSeed", "PARITY", "POST /v1/mgmt/user/totp/delete"),
    ("management.user.removeTrustedDevices", "PARITY", "POST /v1/mgmt/user/trusteddevices/remove"),
    ("management.user.updateCustomAttribute", "PARITY", "POST /v1/mgmt/user/customattribute/create"),
    ("management.user.updateRecoveryEmail", "PARITY", "POST /v1/mgmt/user/update/recovery/email"),
    ("management.user.updateRecoveryPhone", "PARITY", "POST /v1/mgmt/user/update/recovery/phone"),
    ("notp.signIn", "NODE_ONLY", "POST /v1/auth/notp/whatsapp/signin"),
    ("notp.signUp", "NODE_ONLY", "POST /v1/auth/notp/whatsapp/signup"),
    ("notp.signUpOrIn", "NODE_ONLY", "POST /v1/auth/notp/whatsapp/signup-in"),
    ("notp.waitForSession", "NODE_ONLY", "POST /v1/auth/notp/whatsapp/signup-in"),
    ("oauth.exchangeOneTapIDToken", "NODE_ONLY", "POST /v1/auth/onetap/idtoken/exchange"),
    ("oauth.finishNative", "NODE_ONLY", "POST /v1/auth/oauth/native/finish"),
    ("oauth.getOneTapClientId", "NODE_ONLY", "GET /v1/auth/onetap/clientid/google"),
    ("oauth.startNative", "NODE_ONLY", "POST /v1/auth/oauth/native/start"),
    ("oauth.verifyOneTapIDToken", "NODE_ONLY", "POST /v1/auth/onetap/idtoken/verify"),
    ("otp.signIn.im", "NODE_ONLY", "delivery method 'im'"),
    ("otp.signUp.im", "NODE_ONLY", "delivery method 'im'"),
    ("otp.signUpOrIn.im", "NODE_ONLY", "delivery method 'im'"),
    ("otp.verify.im", "NODE_ONLY", "delivery method 'im'"),
    ("outbound.connect", "PARITY", "POST /v1/mgmt/outbound/app/create"),
]
_NODE_KINDS = {
    "GAP": "{what}, " + FIDELITY,
    "PARITY": "{what} not served yet, " + PARITY,
    "NODE_ONLY": "{what} not served (a Node-only call, no issue covers it yet)",
}
for _call, _kind, _what in _NODE:
    NODE_CALLS[_call] = f"{_call}: " + _NODE_KINDS[_kind].format(what=_what)


def node_reason(call: str) -> str | None:
    """Why the Node SDK check ``call`` ("management.user.create", "otp.signIn.sms") is expected
    to fail, or None."""
    if call in NODE_CALLS:
        return NODE_CALLS[call]
    parts = call.split(".")
    if parts[0] == "management":
        area = _NODE_AREAS.get(parts[1], parts[1])
        if area in AREAS:
            return AREAS[area]
    return None
