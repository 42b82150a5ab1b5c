"""The emulator's shared state and the domain logic every route module uses:
configuration, users, token issuing, refresh-token checks, the outbox and the fault switch."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import audit_hooks, errors
from .store import Store, loads, new_id
from .tokens import KeyRing, TokenError

DEFAULT_PROJECT_ID = "P2EmuLocalDescopeProject0001"
DEFAULT_SESSION_TTL = 600
DEFAULT_REFRESH_TTL = 28 * 24 * 3600

# Claims the emulator owns; custom claims may not override them.
RESERVED_CLAIMS = frozenset(
    {"sub", "iss", "iat", "exp", "nbf", "aud", "jti", "drn", "amr", "roles", "permissions",
     "tenants", "dct", "dsub", "nsec"}
)

CHANNELS = ("email", "sms", "voice", "whatsapp")


@dataclass
class EmulatorConfig:
    project_id: str = DEFAULT_PROJECT_ID
    management_key: str | None = None  # None: generated once and kept in the database
    db: str = "./.descope-emulator.sqlite3"
    session_ttl: int = DEFAULT_SESSION_TTL
    refresh_ttl: int = DEFAULT_REFRESH_TTL
    code_ttl: int = 180  # OTP codes
    link_ttl: int = 600  # magic / enchanted links, OAuth codes
    max_code_attempts: int = 5  # wrong codes before the code is locked
    faults: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Fault:
    path: str
    status: int | None = None
    latency: float = 0.0
    retry_after: int | None = None
    drop: bool = False
    times: int | None = None  # requests left to fault; None = until removed

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "latencySeconds": self.latency,
            "retryAfter": self.retry_after,
            "drop": self.drop,
            "times": self.times,
        }


def parse_fault(body: Any) -> Fault:
    if not isinstance(body, dict):
        raise errors.bad_request("fault must be a JSON object")
    path = body.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise errors.bad_request("fault 'path' must be a string starting with '/'")
    status = body.get("status")
    if status is not None and (not isinstance(status, int) or isinstance(status, bool)
                               or not 100 <= status <= 599):
        raise errors.bad_request("fault 'status' must be an HTTP status code")
    latency = body.get("latencySeconds", 0) or 0
    if not isinstance(latency, (int, float)) or isinstance(latency, bool) or not 0 <= latency <= 600:
        raise errors.bad_request("fault 'latencySeconds' must be a number between 0 and 600")
    retry_after = body.get("retryAfter")
    if retry_after is not None and (not isinstance(retry_after, int) or isinstance(retry_after, bool)):
        raise errors.bad_request("fault 'retryAfter' must be an integer")
    drop = body.get("drop", False)
    if not isinstance(drop, bool):
        raise errors.bad_request("fault 'drop' must be a boolean")
    times = body.get("times")
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise errors.bad_request("fault 'times' must be a positive integer")
    return Fault(path, status, float(latency), retry_after, drop, times)


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return (local[:1] + "***@" + domain) if domain else "***"


def mask_phone(phone: str) -> str:
    return "*" * max(len(phone) - 2, 0) + phone[-2:]


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class Emulator:
    """Everything a request handler needs, shared through ``app.state.emulator``."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.store = Store(config.db)
        self.keys = KeyRing(self.store)
        self.project_id = config.project_id
        key = config.management_key or self.store.meta_get("management_key")
        if not key:
            key = "K2" + secrets.token_urlsafe(24).replace("-", "x").replace("_", "y")
        if self.store.meta_get("management_key") != key:
            self.store.meta_set("management_key", key)
        self.management_key: str = key
        self.clock_offset = 0.0
        self._lock = threading.Lock()
        self.counters: Counter[str] = Counter()
        self.faults: dict[str, Fault] = {}
        for raw in config.faults:
            fault = parse_fault(raw)
            self.faults[fault.path] = fault

    # -- time -----------------------------------------------------------------------------
    def now(self) -> float:
        return time.time() + self.clock_offset

    # -- counters and faults --------------------------------------------------------------
    def count(self, path: str) -> None:
        with self._lock:
            self.counters[path] += 1
            if path == "/v1/auth/refresh":
                self.counters["refresh"] += 1
            elif path.startswith("/v2/keys/"):
                self.counters["jwks"] += 1

    def stats(self) -> dict[str, int]:
        with self._lock:
            out = {"refresh": 0, "jwks": 0}
            out.update(self.counters)
            return out

    def fault_for(self, path: str) -> Fault | None:
        with self._lock:
            best: Fault | None = None
            for prefix, fault in self.faults.items():
                if path.startswith(prefix) and (best is None or len(prefix) > len(best.path)):
                    best = fault
            if best is not None and best.times is not None:
                best.times -= 1  # a counted fault: this request uses one, the last removes it
                if best.times <= 0:
                    self.faults.pop(best.path, None)
            return best

    def reset(self) -> None:
        self.store.reset()
        with self._lock:
            self.counters.clear()
            self.faults.clear()
            self.clock_offset = 0.0

    # -- users ----------------------------------------------------------------------------
    @staticmethod
    def public_user(user: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in user.items() if not k.startswith("_")}

    def new_user(self, login_id: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
        fields = fields or {}
        email = fields.get("email") or (login_id if "@" in login_id else None)
        phone = fields.get("phone") or (
            login_id if login_id.startswith("+") and "@" not in login_id else None
        )
        user: dict[str, Any] = {
            "userId": new_id("U"),
            "loginIds": [login_id],
            "email": email or "",
            "phone": phone or "",
            "name": fields.get("name") or fields.get("displayName") or "",
            "givenName": fields.get("givenName") or "",
            "middleName": fields.get("middleName") or "",
            "familyName": fields.get("familyName") or "",
            "picture": fields.get("picture") or "",
            "verifiedEmail": bool(fields.get("verifiedEmail", False)),
            "verifiedPhone": bool(fields.get("verifiedPhone", False)),
            "roleNames": list(fields.get("roleNames") or []),
            "userTenants": [],
            "status": "enabled",
            "test": bool(fields.get("test", False)),
            "customAttributes": dict(fields.get("customAttributes") or {}),
            "createdTime": int(self.now()),
            "TOTP": False,
            "password": False,
            "SAML": False,
            "OAuth": {},
            "ssoAppIds": [],
        }
        return user

    def require_user(self, login_id: str) -> dict[str, Any]:
        user = self.store.user_by_login_id(login_id)
        if user is None:
            raise errors.user_not_found(login_id)
        if user.get("status") == "disabled":
            raise errors.forbidden("User is disabled", "E062109")
        return user

    def authz_claims(
        self,
        role_names: list[str],
        extra_permissions: list[str],
        user_tenants: list[dict[str, Any]],
    ) -> dict[str, Any]:
        permissions = self.store.role_permissions(role_names)
        for perm in extra_permissions:
            if perm not in permissions:
                permissions.append(perm)
        tenants: dict[str, Any] = {}
        for assoc in user_tenants:
            tid = assoc.get("tenantId")
            if not isinstance(tid, str) or not tid:
                continue
            t_roles = list(assoc.get("roleNames") or [])
            t_perms = self.store.role_permissions(t_roles, tid)
            for perm in assoc.get("permissions") or []:
                if perm not in t_perms:
                    t_perms.append(perm)
            tenants[tid] = {"roles": t_roles, "permissions": t_perms}
        return {"roles": list(role_names), "permissions": permissions, "tenants": tenants}

    def user_claims(self, user: dict[str, Any]) -> dict[str, Any]:
        return self.authz_claims(
            list(user.get("roleNames") or []),
            list(user.get("_permissions") or []),
            list(user.get("userTenants") or []),
        )

    # -- tokens ---------------------------------------------------------------------------
    def _times(self, ttl: int, now: int) -> tuple[int, int]:
        """(iat, exp) for a ttl; ttl <= 0 gives a token that is already expired (beyond
        any validation leeway)."""
        if ttl > 0:
            return now, now + ttl
        exp = now + min(ttl, -60)
        return exp - 60, exp

    def _base_claims(self, sub: str, context: dict[str, Any], authz: dict[str, Any]) -> dict[str, Any]:
        claims: dict[str, Any] = {}
        for key, value in (context.get("customClaims") or {}).items():
            if key not in RESERVED_CLAIMS:
                claims[key] = value
        if context.get("nsec"):
            claims["nsec"] = context["nsec"]
        claims.update(sub=sub, iss=self.project_id, amr=list(context.get("amr") or []))
        claims.update(authz)
        if context.get("dct"):
            claims["dct"] = context["dct"]
        return claims

    def mint_session(
        self, sub: str, context: dict[str, Any], authz: dict[str, Any], session_ttl: int | None = None
    ) -> tuple[str, int]:
        now = int(self.now())
        ttl = self.config.session_ttl if session_ttl is None else session_ttl
        iat, exp = self._times(ttl, now)
        claims = self._base_claims(sub, context, authz)
        claims.update(drn="DS", iat=iat, exp=exp)
        return self.keys.sign(claims), exp

    def issue(
        self,
        user: dict[str, Any],
        *,
        amr: list[str],
        custom_claims: dict[str, Any] | None = None,
        dct: str | None = None,
        session_ttl: int | None = None,
        refresh_ttl: int | None = None,
        first_seen: bool = False,
        revoke_others: bool = False,
        record_login: bool = True,
    ) -> dict[str, Any]:
        """Mint a session + refresh token pair and build the Descope JWT response body."""
        now = int(self.now())
        r_ttl = self.config.refresh_ttl if refresh_ttl is None else refresh_ttl
        r_iat, r_exp = self._times(r_ttl, now)
        jti = secrets.token_hex(16)
        context: dict[str, Any] = {"amr": amr, "customClaims": custom_claims or {}, "dct": dct}
        if session_ttl is not None and session_ttl > 0:
            context["sessionTtl"] = session_ttl
        authz = self.user_claims(user)
        refresh_claims = self._base_claims(user["userId"], context, authz)
        refresh_claims.update(drn="DSR", iat=r_iat, exp=r_exp, jti=jti)
        refresh_jwt = self.keys.sign(refresh_claims)
        with self.store.tx():
            if user.get("status") == "invited":  # the first sign-in activates the user
                user["status"] = "enabled"
                self.store.save_user(user)
            if revoke_others:
                self.store.revoke_user_refresh(user["userId"])
            self.store.add_refresh(jti, user["userId"], r_exp, context)
            if record_login:
                self.store.add_history(
                    user["userId"], now, {"ip": "127.0.0.1", "city": "Localhost", "country": "ZZ"}
                )
                audit_hooks.record(self, "LoginSucceed", user, amr=amr)  # issue 4
        session_jwt, _ = self.mint_session(user["userId"], context, authz, session_ttl)
        return self.jwt_response(session_jwt, refresh_jwt, r_exp, user, first_seen)

    def jwt_response(
        self,
        session_jwt: str,
        refresh_jwt: str,
        refresh_exp: int,
        user: dict[str, Any] | None,
        first_seen: bool,
    ) -> dict[str, Any]:
        now = int(self.now())
        return {
            "sessionJwt": session_jwt,
            "refreshJwt": refresh_jwt,
            "cookieDomain": "",
            "cookiePath": "/",
            "cookieMaxAge": max(refresh_exp - now, 0),
            "cookieExpiration": refresh_exp,
            "user": self.public_user(user) if user else {},
            "firstSeen": first_seen,
        }

    def check_refresh(self, token: str | None) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        """Validate a refresh JWT: signature, expiry, type, issuer, not revoked, user alive.
        Returns (claims, context, user) or raises a 401 ApiError."""
        if not token:
            raise errors.unauthorized("Refresh token is missing", "E061201")
        try:
            claims = self.keys.verify(token, now=self.now())
        except TokenError as exc:
            raise errors.unauthorized(f"Invalid refresh token: {exc}", "E061202") from exc
        if claims.get("drn") != "DSR" or claims.get("iss") != self.project_id:
            raise errors.unauthorized("Token is not a refresh token of this project", "E061202")
        jti = claims.get("jti")
        row = self.store.refresh_row(jti) if isinstance(jti, str) else None
        if row is None or row["revoked"]:
            raise errors.unauthorized("Refresh token was revoked", "E061203")
        if row["exp"] <= self.now():
            raise errors.unauthorized("Refresh token expired", "E061204")
        user = self.store.user_by_id(row["user_id"])
        if user is None:
            raise errors.unauthorized("User no longer exists", "E061203")
        if user.get("status") == "disabled":
            raise errors.unauthorized("User is disabled", "E061203")
        return claims, dict(loads(row["context"])), user

    def refresh(self, token: str | None) -> dict[str, Any]:
        """Mint a new session token for a valid refresh token.

        Rotation policy: the emulator keeps the same refresh JWT (it is returned again as
        ``refreshJwt``). Descope does the same for projects without refresh-token rotation,
        and it keeps clients simple; the contract allows either behaviour.
        """
        claims, context, user = self.check_refresh(token)
        audit_hooks.record(self, "TokenRefreshed", user, amr=context.get("amr"))  # issue 4
        authz = self.user_claims(user)
        session_jwt, _ = self.mint_session(
            user["userId"], context, authz, context.get("sessionTtl")
        )
        assert token is not None
        return self.jwt_response(session_jwt, token, int(claims["exp"]), user, False)

    # -- outbox ---------------------------------------------------------------------------
    def send(self, login_id: str, channel: str, to: str, kind: str, data: dict[str, Any]) -> None:
        self.store.add_message(login_id, channel, to, kind, data)
