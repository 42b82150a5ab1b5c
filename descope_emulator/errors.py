"""The emulator's error vocabulary: every error condition is defined once, here, with its
HTTP status, its Descope error code and its description. Handlers raise
``errors.TENANT_NOT_FOUND(f"Tenant '{tid}' not found")``; app.py turns the raised
:class:`ApiError` into Descope's error body
``{"errorCode", "errorDescription", "errorMessage"}``.

Choices (see docs/contracts.md, "Emulator errors"):
* A missing thing is 404 with that thing's code, whether the path names it (load) or the
  body refers to it (a user update naming an unknown tenant). The wire contract does not
  fix the status (the SDK raises the same exception for every non-2xx); the codes are
  Descope's where the contract shows one (E062108 user not found, E130429 rate limit).
* A malformed body or a wrong-typed field is 400 E011001 / E011003; a missing or refused
  value 400 E011002. Something that already exists is 409.
* Each code names one condition: no two conditions share a code (a test checks it).
* A refused credential is 401; a known caller that may not do the thing is 403.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_MESSAGE = 300  # a reason that echoes the caller's input stays short


def _short(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 3] + "..."


class ApiError(Exception):
    """Raised anywhere in a handler; app.py turns it into a JSON error response. The
    message is cut at :data:`MAX_MESSAGE` characters (it may echo a huge input)."""

    def __init__(
        self,
        status: int,
        code: str,
        description: str,
        message: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code} {description}")
        self.status = status
        self.code = code
        self.description = description
        self.message = _short(message or description)
        self.headers = headers or {}

    def body(self) -> dict[str, str]:
        """Descope's error body."""
        return {
            "errorCode": self.code,
            "errorDescription": self.description,
            "errorMessage": self.message,
        }


@dataclass(frozen=True)
class Condition:
    """One error condition: calling it with a message gives the :class:`ApiError`."""

    status: int
    code: str
    description: str

    def __call__(self, message: str | None = None) -> ApiError:
        """The error for this condition with a specific message."""
        return ApiError(self.status, self.code, self.description, message)


# -- provider credentials (One Tap, native OAuth), nOTP, outbound connect ----------------------
PROVIDER_TOKEN_INVALID = Condition(401, "E063101", "Unauthorized")  # ID token not from the IdP
PROVIDER_NOT_SUPPORTED = Condition(400, "E063102", "Request is invalid")
NATIVE_STATE_UNKNOWN = Condition(401, "E063103", "Unauthorized")


# -- requests ---------------------------------------------------------------------------------
MALFORMED_BODY = Condition(400, "E011001", "Malformed request")
INVALID_REQUEST = Condition(400, "E011002", "Request is invalid")  # missing / refused value
WRONG_TYPE = Condition(400, "E011003", "Request is invalid")
NO_SUCH_ENDPOINT = Condition(404, "E011404", "Not found")  # also an unknown {method} in a path
METHOD_NOT_ALLOWED = Condition(405, "E011405", "Method not allowed")
FOREIGN_ORIGIN = Condition(403, "E011403", "Forbidden")  # /emulator/* from another site
MISDIRECTED = Condition(421, "E011421", "Misdirected request")  # a Host it does not serve
NOT_JSON = Condition(415, "E011415", "Unsupported media type")
BODY_TOO_LARGE = Condition(413, "E011413", "Request body too large")
INTERNAL = Condition(500, "E010000", "Internal error")

# -- credentials ------------------------------------------------------------------------------
MISSING_PROJECT = Condition(401, "E011101", "Unauthorized")
UNKNOWN_PROJECT = Condition(401, "E011102", "Unauthorized")
PROJECT_NOT_FOUND = Condition(404, "E011104", "Project not found")
INVALID_MANAGEMENT_KEY = Condition(401, "E011103", "Unauthorized")
REFRESH_TOKEN_MISSING = Condition(401, "E061201", "Unauthorized")
REFRESH_TOKEN_INVALID = Condition(401, "E061202", "Unauthorized")
REFRESH_TOKEN_REVOKED = Condition(401, "E061203", "Unauthorized")
REFRESH_TOKEN_EXPIRED = Condition(401, "E061204", "Unauthorized")
INVALID_JWT = Condition(400, "E061206", "Invalid JWT")
USER_SESSION_GONE = Condition(401, "E061205", "Unauthorized")  # its user was deleted / disabled

# -- codes, links, pending sessions -------------------------------------------------------------
NO_PENDING_CODE = Condition(401, "E061101", "Unauthorized")
WRONG_CODE = Condition(401, "E061102", "Unauthorized")
CODE_EXPIRED = Condition(401, "E061112", "Unauthorized")
TOO_MANY_ATTEMPTS = Condition(401, "E061103", "Unauthorized")  # Descope's tooManyOTPAttempts
UNKNOWN_LINK = Condition(401, "E061105", "Unauthorized")
LINK_USED = Condition(401, "E061106", "Unauthorized")
LINK_EXPIRED = Condition(401, "E061107", "Unauthorized")
UNKNOWN_PENDING_REF = Condition(401, "E061108", "Unauthorized")
STILL_PENDING = Condition(401, "E062503", "Unauthorized")  # Descope's enchantedLinkPending
WRONG_ENCHANTED_LINK = Condition(401, "E061110", "Unauthorized")
NO_TOTP = Condition(401, "E061111", "Unauthorized")

# -- passkeys (WebAuthn): the emulator's own codes, listed in descope_emulator/README.md -------
WEBAUTHN_BAD_ORIGIN = Condition(400, "E061501", "Origin is not a valid http(s) origin")
WEBAUTHN_ORIGIN_NOT_APPROVED = Condition(403, "E061502", "Origin is not an approved domain")
WEBAUTHN_UNKNOWN_TRANSACTION = Condition(401, "E061503", "Unauthorized")
WEBAUTHN_CHALLENGE_MISMATCH = Condition(401, "E061504", "Unauthorized")
WEBAUTHN_ORIGIN_MISMATCH = Condition(401, "E061505", "Unauthorized")
WEBAUTHN_RP_ID_MISMATCH = Condition(401, "E061506", "Unauthorized")
WEBAUTHN_USER_NOT_PRESENT = Condition(401, "E061507", "Unauthorized")
WEBAUTHN_UNKNOWN_CREDENTIAL = Condition(401, "E061508", "Unauthorized")
WEBAUTHN_SIGN_COUNT = Condition(401, "E061509", "Unauthorized")
WEBAUTHN_MALFORMED = Condition(400, "E061510", "Request is invalid")
WEBAUTHN_VERIFICATION_FAILED = Condition(401, "E061511", "Unauthorized")
WEBAUTHN_CREDENTIAL_EXISTS = Condition(409, "E061512", "Already exists")
WEBAUTHN_NO_PASSKEYS = Condition(400, "E061513", "Request is invalid")
PASSKEY_NOT_FOUND = Condition(404, "E062112", "Passkey not found")

# -- users and passwords ----------------------------------------------------------------------
USER_NOT_FOUND = Condition(404, "E062108", "User not found")
USER_EXISTS = Condition(409, "E062107", "Already exists")  # also a login id in use
USER_DISABLED = Condition(403, "E062109", "User is disabled")
NO_ADDRESS = Condition(400, "E062110", "Request is invalid")
LOGIN_ID_NOT_OWN = Condition(400, "E062111", "Request is invalid")
NOT_TENANT_MEMBER = Condition(400, "E062501", "Request is invalid")
PASSWORD_POLICY = Condition(400, "E062301", "Password does not meet the policy")
WRONG_PASSWORD = Condition(401, "E062401", "Unauthorized")
PASSWORD_EXPIRED = Condition(401, "E062407", "Password expired")
NO_PASSWORD = Condition(400, "E062408", "Request is invalid")
IMPERSONATION_NOT_ALLOWED = Condition(403, "E062303", "Forbidden")
IMPERSONATION_NO_CONSENT = Condition(403, "E062302", "Forbidden")

# -- access keys ------------------------------------------------------------------------------
ACCESS_KEY_INVALID = Condition(401, "E062701", "Unauthorized")
ACCESS_KEY_EXPIRED = Condition(401, "E062702", "Unauthorized")
ACCESS_KEY_ADDRESS = Condition(401, "E062703", "Unauthorized")
ACCESS_KEY_USER_INACTIVE = Condition(401, "E062704", "Unauthorized")
ACCESS_KEY_NOT_FOUND = Condition(404, "E062801", "Access key not found")

# -- tenants, roles, permissions ----------------------------------------------------------------
TENANT_NOT_FOUND = Condition(404, "E091101", "Tenant not found")
TENANT_EXISTS = Condition(409, "E091102", "Already exists")
PERMISSION_NOT_FOUND = Condition(404, "E091201", "Permission not found")
PERMISSION_EXISTS = Condition(409, "E093101", "Already exists")
ROLE_NOT_FOUND = Condition(404, "E091301", "Role not found")
ROLE_EXISTS = Condition(409, "E092101", "Already exists")
SSO_NOT_CONFIGURED = Condition(400, "E091103", "SSO is not configured for the tenant")

# -- SSO applications, flows, authorization -----------------------------------------------------
SSO_APP_EXISTS = Condition(409, "E081101", "Already exists")
SSO_APP_NOT_FOUND = Condition(404, "E081102", "SSO application not found")
FLOW_NOT_FOUND = Condition(404, "E101101", "Flow not found")
# jwt-flow: running flows (domain/flow_runs.py), JWT templates, audit webhooks
FLOW_NOT_RUNNABLE = Condition(400, "E101102", "Flow cannot run")
FLOW_EXECUTION_NOT_FOUND = Condition(404, "E101103", "Flow execution not found")
FLOW_NEEDS_INPUT = Condition(400, "E101104", "Flow needs input")
FLOW_TIMED_OUT = Condition(400, "E103205", "Flow timed out")  # the web component's code
FLOW_EXECUTION_DONE = Condition(400, "E101105", "Flow execution already completed")
FLOW_STALE_STEP = Condition(400, "E101106", "Flow step is not the current one")
JWT_TEMPLATE_NOT_FOUND = Condition(404, "E151101", "JWT template not found")
JWT_TEMPLATE_EXISTS = Condition(409, "E151102", "Already exists")
FGA_SCHEMA_INVALID = Condition(400, "E121000", "Invalid FGA schema")
FGA_NO_SCHEMA = Condition(400, "E121001", "Request is invalid")
FGA_UNKNOWN_TYPE = Condition(400, "E121002", "Request is invalid")
FGA_UNKNOWN_RELATION = Condition(400, "E121003", "Request is invalid")
FGA_TARGET_TYPE = Condition(400, "E121004", "Request is invalid")
AUTHZ_NAMESPACE_NOT_FOUND = Condition(404, "E121101", "Namespace not found")
AUTHZ_RELATION_DEFINITION_NOT_FOUND = Condition(404, "E121102", "Relation definition not found")

# -- mgmt areas of the official SDK 2.16 (codes not published by Descope: see docs/errors) --
ENGINE_NOT_FOUND = Condition(404, "E141101", "Engine not found")
LIST_NOT_FOUND = Condition(404, "E142101", "List not found")
LIST_EXISTS = Condition(409, "E142102", "Already exists")
LIST_WRONG_KIND = Condition(400, "E142103", "List type does not allow this entry")
MANAGEMENT_KEY_NOT_FOUND = Condition(404, "E147101", "Management key not found")
MANAGEMENT_KEY_FORBIDDEN = Condition(403, "E147102", "Management key may not make this call")
# -- outbound / third-party applications, outbound SCIM, descopers ------------------------
OUTBOUND_APP_NOT_FOUND = Condition(404, "E143101", "Outbound application not found")
OUTBOUND_APP_EXISTS = Condition(409, "E143102", "Already exists")
OUTBOUND_TOKEN_NOT_FOUND = Condition(404, "E143103", "Outbound application token not found")
INVALID_INBOUND_APP_TOKEN = Condition(401, "E143104", "Unauthorized")
INBOUND_APP_TOKEN_FORBIDDEN = Condition(403, "E143105", "Forbidden")
# fga-ids: the inbound (third-party) app token endpoint, OAuth 2.0 error names
INVALID_CLIENT = Condition(401, "E145102", "invalid_client")
INVALID_GRANT = Condition(400, "E145103", "invalid_grant")
INVALID_SCOPE = Condition(400, "E145104", "invalid_scope")
UNSUPPORTED_GRANT = Condition(400, "E145105", "unsupported_grant_type")
OUTBOUND_SCIM_NOT_FOUND = Condition(404, "E144101", "Outbound SCIM configuration not found")
OUTBOUND_SCIM_EXISTS = Condition(409, "E144102", "Already exists")
OUTBOUND_SCIM_STALE_VERSION = Condition(409, "E144103", "Configuration version is stale")
THIRD_PARTY_APP_NOT_FOUND = Condition(404, "E145101", "Third-party application not found")
DESCOPER_NOT_FOUND = Condition(404, "E146101", "Descoper not found")
DESCOPER_EXISTS = Condition(409, "E146102", "Already exists")
# families
FAMILY_NOT_FOUND = Condition(404, "E149101", "Family not found")
FAMILY_EXISTS = Condition(409, "E149102", "Already exists")
FAMILY_FULL = Condition(400, "E149103", "Family reached its maximum number of members")
FAMILIES_DISABLED = Condition(400, "E149104", "Family accounts are disabled")
NOT_A_DEPENDENT = Condition(400, "E149105", "User is not a dependent")
NOT_FAMILY_MEMBER = Condition(403, "E149106", "Forbidden")
FAMILY_ATTRIBUTE_UNKNOWN = Condition(400, "E149107", "Unknown custom attribute")
FAMILY_ATTRIBUTE_EXISTS = Condition(409, "E149108", "Already exists")
# -- users: custom attribute definitions, import, devices ------------------------------------
USER_ATTRIBUTE_UNKNOWN = Condition(400, "E062601", "Unknown custom attribute")
USER_ATTRIBUTE_WRONG_TYPE = Condition(400, "E062602", "Custom attribute value has the wrong type")
USER_ATTRIBUTE_EXISTS = Condition(409, "E062603", "Already exists")
PROVIDER_TOKEN_NOT_FOUND = Condition(404, "E062604", "Provider token not found")
TRUSTED_DEVICE_NOT_FOUND = Condition(404, "E062605", "Trusted device not found")
IMPORT_INVALID = Condition(400, "E062606", "Import file is invalid")
# tenants and SSO: several SSO configurations per tenant, SSO setup links, app secrets
SSO_CONFIG_NOT_FOUND = Condition(404, "E148101", "SSO configuration not found")
SSO_CONFIG_EXISTS = Condition(409, "E148102", "Already exists")
SSO_SETUP_LINK_UNKNOWN = Condition(401, "E148103", "Unauthorized")  # revoked or never issued
SSO_SETUP_LINK_EXPIRED = Condition(401, "E148104", "Unauthorized")
SSO_APP_NO_SECRET = Condition(400, "E148105", "SSO application has no client secret")
SSO_JIT_DISABLED = Condition(403, "E148106", "Just-in-time provisioning is disabled")


def rate_limited(retry_after: int | None = None) -> ApiError:
    """Descope's 429 answer (with ``Retry-After`` when given)."""
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return ApiError(
        429,
        "E130429",
        "https://docs.descope.com/rate-limit",
        "API rate limit exceeded.",
        headers,
    )


def injected(status: int, path: str, retry_after: int | None = None) -> ApiError:
    """The answer of a fault switched on for ``path`` (``/emulator/faults``)."""
    if status == 429:
        return rate_limited(retry_after)
    err = ApiError(status, f"E0{status}00", "Injected fault",
                   f"Fault injected by the emulator for {path}")
    if retry_after is not None:
        err.headers["Retry-After"] = str(retry_after)
    return err


def http_status(status: int, detail: str) -> ApiError:
    """An error the web framework raised itself (neither 404 nor 405)."""
    return ApiError(status, f"E011{status}", detail)
