"""`StandInDescope`: the one stand-in Descope on 127.0.0.1, for the tests (and the
benchmarks) that need Descope to behave in ways the emulator cannot.

It serves a JWKS (from signing keys it holds, or a JWKS it is given), mints tokens with
RSA and EC keys, answers the auth endpoints with plausible bodies, records every
request, counts calls per path, can answer a path with canned replies (`reply`), answer
everything else with one reply (`fallback`, e.g. "refuse every refresh"), and hold a
path behind a gate (to prove concurrency without timing).

Used by tests/core (the client against a misbehaving Descope), tests/security (tokens
signed with keys the battery controls) and benchmarks (a Descope that costs nothing).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

PROJECT_ID = "P2CuC9yv2UGtGI1o84gCZEb9qEQW"
USER_ID = "U2CuCPuJgPWHGB5P4GmfbuPGhGVm"


@dataclass
class SigningKey:
    kid: str
    alg: str
    private: Any
    jwk: dict[str, Any]


def make_signing_keys() -> dict[str, SigningKey]:
    out: dict[str, SigningKey] = {}
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for alg in ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"):
        kid = f"k-{alg.lower()}"
        jwk = RSAAlgorithm.to_jwk(rsa_key.public_key(), as_dict=True)
        jwk.update(kid=kid, alg=alg, use="sig")
        out[kid] = SigningKey(kid, alg, rsa_key, jwk)
    for alg, curve in (("ES256", ec.SECP256R1()), ("ES384", ec.SECP384R1()), ("ES512", ec.SECP521R1())):
        key = ec.generate_private_key(curve)
        kid = f"k-{alg.lower()}"
        jwk = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
        jwk.update(kid=kid, alg=alg, use="sig")
        out[kid] = SigningKey(kid, alg, key, jwk)
    return out


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any

    @property
    def authorization(self) -> str:
        return self.headers.get("authorization", "")


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None


REFUSED = Reply(401, {"errorCode": "E061005", "errorDescription": "Invalid refresh token"})


class StandInDescope:
    """A real HTTP server on 127.0.0.1 (see the module doc). Started on construction."""

    def __init__(
        self,
        keys: dict[str, SigningKey] | None = None,
        *,
        project_id: str = PROJECT_ID,
        jwks: dict[str, Any] | None = None,
        user_id: str = USER_ID,
        fallback: Reply | None = None,
    ) -> None:
        """Args:
        keys: signing keys to serve and mint with (default: a fresh set, none when
            `jwks` is given).
        project_id: the project whose JWKS path it serves.
        jwks: serve this JWKS instead of the keys' (tokens signed elsewhere).
        user_id: the `sub` of minted tokens and the `me` answer.
        fallback: the answer to every path with no `reply` set (JWKS excepted),
            instead of the plausible default bodies.
        """
        if keys is None:
            keys = {} if jwks is not None else make_signing_keys()
        self.keys = keys
        self.project_id = project_id
        self.user_id = user_id
        self.jwks = jwks
        self.fallback = fallback
        self.served_kids: list[str] = list(keys)
        self.default_kid = "k-rs256"
        self.requests: list[Recorded] = []
        self.counts: Counter[str] = Counter()
        self.overrides: dict[str, list[Reply] | Reply] = {}
        self.gates: dict[str, threading.Event] = {}
        self.entered: dict[str, threading.Event] = {}
        self.rotate_refresh = True
        self.session_ttl = 600
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @classmethod
    def refusing(
        cls, *, project_id: str, jwks: dict[str, Any], user_id: str = USER_ID
    ) -> StandInDescope:
        """Serves `jwks` and `me`, refuses everything else (every refresh) with 401:
        the Descope of the hostile-input battery and of the benchmarks."""
        stand_in = cls(project_id=project_id, jwks=jwks, user_id=user_id, fallback=REFUSED)
        me = {"userId": user_id, "email": "bench@example.com", "loginIds": [user_id]}
        stand_in.reply("/v1/auth/me", Reply(body=me))
        return stand_in

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        for gate in self.gates.values():
            gate.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    # -- tokens ------------------------------------------------------------------------

    def mint(
        self,
        kind: str = "DS",
        *,
        kid: str | None = None,
        exp_in: float | None = 600,
        header: dict[str, Any] | None = None,
        drop: tuple[str, ...] = (),
        **claims: Any,
    ) -> str:
        key = self.keys[kid or self.default_kid]
        now = int(time.time())
        payload: dict[str, Any] = {
            "drn": kind,
            "iat": now,
            "iss": self.project_id,
            "sub": self.user_id,
            "jti": uuid.uuid4().hex,
        }
        if exp_in is not None:
            payload["exp"] = now + int(exp_in)
        payload.update(claims)
        for name in drop:
            payload.pop(name, None)
        hdr = {"kid": key.kid}
        hdr.update(header or {})
        return jwt.encode(payload, key.private, algorithm=key.alg, headers=hdr)

    def jwt_body(self, **extra: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "sessionJwt": self.mint("DS", exp_in=self.session_ttl, roles=["admin"]),
            "refreshJwt": self.mint("DSR", exp_in=3600),
            "cookieMaxAge": 3600,
            "cookieExpiration": int(time.time()) + 3600,
            "cookiePath": "/",
            "cookieDomain": "",
            "user": {"loginIds": ["a@b.c"], "email": "a@b.c"},
            "firstSeen": False,
        }
        body.update(extra)
        return body

    # -- behaviour ---------------------------------------------------------------------

    def reply(self, path: str, *replies: Reply) -> None:
        """Answer `path` with these replies in order (the last one repeats)."""
        self.overrides[path] = list(replies)

    def gate(self, path: str) -> threading.Event:
        self.gates[path] = threading.Event()
        self.entered[path] = threading.Event()
        return self.gates[path]

    def calls(self, path: str) -> int:
        return self.counts[path]

    @property
    def jwks_calls(self) -> int:
        return self.counts[f"/v2/keys/{self.project_id}"]

    @property
    def refresh_calls(self) -> int:
        return self.counts["/v1/auth/refresh"]

    def last(self, path: str | None = None) -> Recorded:
        for r in reversed(self.requests):
            if path is None or r.path == path:
                return r
        raise AssertionError(f"no request to {path}")

    def _default(self, method: str, path: str, rec: Recorded) -> Reply:
        if path == f"/v2/keys/{self.project_id}":
            if self.jwks is not None:
                return Reply(body=self.jwks)
            return Reply(body={"keys": [self.keys[k].jwk for k in self.served_kids]})
        if self.fallback is not None:
            return self.fallback
        if path == "/v1/auth/refresh":
            body = self.jwt_body()
            if not self.rotate_refresh:
                body.pop("refreshJwt")
            return Reply(body=body)
        if path.endswith(("/verify/email", "/verify/sms", "/verify/voice", "/verify/whatsapp")):
            return Reply(body=self.jwt_body())
        jwt_paths = (
            "/v1/auth/magiclink/verify",
            "/v1/auth/enchantedlink/pending-session",
            "/v1/auth/oauth/exchange",
            "/v1/auth/sso/exchange",
            "/v1/auth/saml/exchange",
            "/v1/auth/totp/verify",
            "/v1/auth/password/signup",
            "/v1/auth/password/signin",
            "/v1/auth/password/replace",
            "/v1/auth/tenant/select",
            "/v1/auth/accesskey/exchange",
            "/v1/auth/webauthn/signup/finish",
            "/v1/auth/webauthn/signin/finish",
        )
        if path in jwt_paths:
            return Reply(body=self.jwt_body())
        if path == "/v1/auth/webauthn/update/finish":
            return Reply(body={"jwt": self.jwt_body()})
        if path == "/v1/auth/me/history":
            return Reply(body=[{"userId": self.user_id, "loginTime": 1, "city": "c", "country": "x", "ip": "1.2.3.4"}])
        if path == "/v1/auth/me":
            return Reply(body={"userId": self.user_id, "email": "a@b.c", "loginIds": ["a@b.c"]})
        if path == "/v1/auth/me/tenants":
            return Reply(body={"tenants": [{"id": "t1", "name": "T1", "customAttributes": {}}]})
        if path == "/v1/auth/password/policy":
            return Reply(body={"minLength": 8, "lowercase": True})
        if "/oauth/authorize" in path or "/sso/authorize" in path or "/saml/authorize" in path:
            return Reply(body={"url": "https://idp.example/authorize"})
        if path.startswith("/v1/auth/enchantedlink/"):
            return Reply(body={"linkId": "42", "pendingRef": "pr1", "maskedEmail": "a***@b.c"})
        if path.startswith("/v1/auth/totp/"):
            return Reply(body={"provisioningURL": "otpauth://x", "image": "img", "key": "K"})
        if path.startswith("/v1/auth/webauthn/"):
            return Reply(body={"transactionId": "tx1", "options": "{}"})
        if path == "/v1/auth/password/reset":
            return Reply(body={"resetMethod": "magiclink", "maskedEmail": "a***@b.c"})
        if path in ("/v1/auth/logout", "/v1/auth/logoutall", "/v1/auth/password/update", "/v1/auth/enchantedlink/verify"):
            return Reply(body={})
        return Reply(body={"maskedEmail": "a***@b.c", "maskedPhone": "+1******42"})

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(h.path)
        path = parts.path
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        rec = Recorded(method, path, dict(parse_qsl(parts.query)), {k.lower(): v for k, v in h.headers.items()}, body)
        with self._lock:
            self.requests.append(rec)
            self.counts[path] += 1
            override = self.overrides.get(path)
            reply: Reply | None = None
            if isinstance(override, list) and override:
                reply = override.pop(0) if len(override) > 1 else override[0]
        if path in self.entered:
            self.entered[path].set()
        gate = self.gates.get(path)
        if gate is not None:
            gate.wait(10)
        if reply is None:
            reply = self._default(method, path, rec)
        if reply.status == -1:  # drop the connection without answering
            h.close_connection = True
            h.wfile.flush()
            h.connection.shutdown(2)
            return
        data = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
        h.send_response(reply.status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        for k, v in reply.headers.items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                fake._handle(self, "GET")

            def do_POST(self) -> None:  # noqa: N802
                fake._handle(self, "POST")

            def do_DELETE(self) -> None:  # noqa: N802
                fake._handle(self, "DELETE")

            def do_PATCH(self) -> None:  # noqa: N802
                fake._handle(self, "PATCH")

            def do_PUT(self) -> None:  # noqa: N802
                fake._handle(self, "PUT")

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


