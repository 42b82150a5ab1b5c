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
    'mgmt.audit.create_audit_webhook': 'POST /v2/mgmt/connector/audit/web/set not served yet',
    'mgmt.flow.get_flow_async_result': 'POST /v1/mgmt/flow/async/run not served yet',
    'mgmt.flow.run_flow': 'POST /v1/mgmt/flow/run not served yet',
    'mgmt.flow.run_flow_async': 'POST /v1/mgmt/flow/async/run not served yet',
    'mgmt.project.delete': 'POST /v1/mgmt/project/delete not served yet',
    'mgmt.project.export_snapshot': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'mgmt.project.import_snapshot': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'mgmt.project.list_projects': 'POST /v1/mgmt/projects/list not served yet',
    'mgmt.project.validate_snapshot': 'POST /v1/mgmt/project/snapshot/export not served yet',
}

#: Node SDK checks expected to fail: call -> what is missing
_NODE: dict[str, str] = {
    'flow.next': 'POST /v1/flow/start not served (a Node-only call, no issue covers it yet)',
    'flow.start': 'POST /v1/flow/start not served (a Node-only call, no issue covers it yet)',
    'management.audit.createAuditWebhook': 'POST /v2/mgmt/connector/audit/web/set not served yet',
    'management.flow.run': 'POST /v1/mgmt/flow/run not served yet',
    'management.jwtTemplate.applyFromLibrary': 'POST /v1/mgmt/jwt/templates/library/apply not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.create': 'POST /v1/mgmt/jwt/templates/create not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.delete': 'POST /v1/mgmt/jwt/templates/create not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.list': 'POST /v1/mgmt/jwt/templates/create not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.listLibrary': 'POST /v1/mgmt/jwt/templates/library/list not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.load': 'POST /v1/mgmt/jwt/templates/load not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.loadLibraryEntry': 'POST /v1/mgmt/jwt/templates/library/load not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.update': 'POST /v1/mgmt/jwt/templates/create not served (a Node-only call, no issue covers it yet)',
    'management.jwtTemplate.validate': 'POST /v1/mgmt/jwt/templates/create not served (a Node-only call, no issue covers it yet)',
    'management.project.delete': 'POST /v1/mgmt/project/delete not served yet',
    'management.project.export': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'management.project.exportSnapshot': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'management.project.import': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'management.project.importSnapshot': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'management.project.listProjects': 'POST /v1/mgmt/projects/list not served yet',
    'management.project.updateName': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'management.project.updateTags': 'POST /v1/mgmt/project/snapshot/export not served yet',
    'management.project.validateSnapshot': 'POST /v1/mgmt/project/snapshot/export not served yet',
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
