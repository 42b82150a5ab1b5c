"""The official-client checks expected to fail today, each with its reason: calls the emulator does
not serve yet (issue 12, parity), Node-only calls (issue 13) and differences from a real project.
The marks are strict: a call that starts to pass fails its check until its entry here is removed,
so this list is always exactly what does not work yet.
"""

from __future__ import annotations

PARITY = "issue 12 (parity)"
FIDELITY = "issue 13 (fidelity)"

#: Python SDK calls (sync and async) expected to fail: call -> what is missing
_PYTHON: dict[str, str] = {
    'mgmt.analytics.search': 'mgmt.analytics: the area is served, this call still fails',
    'mgmt.fga.load_mappable_resources': 'POST /v1/mgmt/fga/mappable/resources not served yet',
    'mgmt.fga.load_mappable_schema': 'GET /v1/mgmt/fga/mappable/schema not served yet',
    'mgmt.fga.load_resources_details': 'POST /v1/mgmt/fga/resources/load not served yet',
    'mgmt.fga.save_resources_details': 'POST /v1/mgmt/fga/resources/save not served yet',
    'mgmt.fga.save_schema_dryrun': 'POST /v1/mgmt/fga/schema/dryrun not served yet',
    'mgmt.outbound_application_by_token.fetch_tenant_token': 'mgmt.outbound_application_by_token: the area is served, this call still fails',
    'mgmt.outbound_application_by_token.fetch_tenant_token_by_scopes': 'mgmt.outbound_application_by_token: the area is served, this call still fails',
    'mgmt.outbound_application_by_token.fetch_token': 'mgmt.outbound_application_by_token: the area is served, this call still fails',
    'mgmt.outbound_application_by_token.fetch_token_by_scopes': 'mgmt.outbound_application_by_token: the area is served, this call still fails',
    'mgmt.permission.delete_batch_by_ids': 'permissions carry no id yet not served yet',
    'mgmt.permission.delete_by_id': 'permissions carry no id yet not served yet',
    'mgmt.permission.update_by_id': 'permissions carry no id yet not served yet',
}

#: Node SDK checks expected to fail: call -> what is missing
_NODE: dict[str, str] = {
    'management.analytics.search': 'mgmt.analytics: the area is served, this call still fails',
    'management.authz.deleteResourceRelationsForResources': 'POST /v1/mgmt/authz/re/deleteresourcesrelations not served (a Node-only call, no issue covers it yet)',
    'management.fga.dryRunSchema': 'POST /v1/mgmt/fga/schema/dryrun not served yet',
    'management.fga.loadMappableSchema': 'GET /v1/mgmt/fga/mappable/schema not served yet',
    'management.fga.loadResourcesDetails': 'POST /v1/mgmt/fga/resources/load not served yet',
    'management.fga.saveResourcesDetails': 'POST /v1/mgmt/fga/resources/save not served yet',
    'management.fga.searchMappableResources': 'POST /v1/mgmt/fga/mappable/resources not served yet',
    'management.inboundApplication.deleteConsents': 'mgmt.third_party_application: the area is served, this call still fails',
    'management.inboundApplication.deleteTenantConsents': 'mgmt.third_party_application: the area is served, this call still fails',
    'management.inboundApplication.searchConsents': 'mgmt.third_party_application: the area is served, this call still fails',
    'management.list.delete': "GET /v1/mgmt/list/{id} (the Node SDK's path form) not served yet",
    'management.list.import': "GET /v1/mgmt/list/name/{name} (the Node SDK's path form) not served yet",
    'management.list.load': "GET /v1/mgmt/list/{id} (the Node SDK's path form) not served yet",
    'management.list.loadByName': "GET /v1/mgmt/list/name/{name} (the Node SDK's path form) not served yet",
    'management.outboundApplication.createApplication': 'mgmt.outbound_application: the area is served, this call still fails',
    'management.outboundApplication.createApplicationByTemplate': 'mgmt.outbound_application: the area is served, this call still fails',
    'management.permission.deleteWithId': 'delete by id (permissions carry no id yet) not served yet',
    'management.permission.updateWithId': 'update by id (permissions carry no id yet) not served yet',
    'notp.signIn': 'POST /v1/auth/notp/whatsapp/signin not served (a Node-only call, no issue covers it yet)',
    'notp.signUp': 'POST /v1/auth/notp/whatsapp/signup not served (a Node-only call, no issue covers it yet)',
    'notp.signUpOrIn': 'POST /v1/auth/notp/whatsapp/signup-in not served (a Node-only call, no issue covers it yet)',
    'notp.waitForSession': 'POST /v1/auth/notp/whatsapp/signup-in not served (a Node-only call, no issue covers it yet)',
    'oauth.exchangeOneTapIDToken': 'POST /v1/auth/onetap/idtoken/exchange not served (a Node-only call, no issue covers it yet)',
    'oauth.finishNative': 'POST /v1/auth/oauth/native/finish not served (a Node-only call, no issue covers it yet)',
    'oauth.getOneTapClientId': 'GET /v1/auth/onetap/clientid/google not served (a Node-only call, no issue covers it yet)',
    'oauth.startNative': 'POST /v1/auth/oauth/native/start not served (a Node-only call, no issue covers it yet)',
    'oauth.verifyOneTapIDToken': 'POST /v1/auth/onetap/idtoken/verify not served (a Node-only call, no issue covers it yet)',
    'otp.signIn.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'otp.signUp.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'otp.signUpOrIn.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'otp.verify.im': "delivery method 'im' not served (a Node-only call, no issue covers it yet)",
    'outbound.connect': 'POST /v1/mgmt/outbound/app/create not served yet',
}


def reason(call: str) -> str | None:
    """Why the Python SDK check ``call`` ("mgmt.user.create") is expected to fail, or None."""
    gap = _PYTHON.get(call)
    return f"{call}: {gap}" if gap else None


def node_reason(call: str) -> str | None:
    """Why the Node SDK check ``call`` ("management.user.create", "otp.signIn.sms") is expected to
    fail, or None."""
    gap = _NODE.get(call)
    return f"{call}: {gap}" if gap else None
