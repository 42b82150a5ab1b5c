"""The hostile-input corpus: crafted tokens and requests, with the answer each must get.

Every token case is run through `DescopeClient.validate_session` (only `AuthException`
may escape; only the control cases may pass) and, sent as the `DS` cookie and as a
Bearer header, through every framework's middleware over a real HTTP server.
Request cases (duplicate cookies, odd schemes, ...) only make sense over HTTP.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import serialization
from jwt.algorithms import get_default_algorithms

from benchmarks._keys import KeyPair, claims, ec_keypair, rsa_keypair

_ALGORITHMS = get_default_algorithms()

PROJECT_ID = "P2SecurityBattery000000000000"
OTHER_PROJECT_ID = "P2SomeoneElsesProject00000000"

REJECT = frozenset({401})
ACCEPT = frozenset({200})
# Header bytes the HTTP server itself may refuse before the app runs.
SERVER_OR_APP = frozenset({400, 401, 431})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def bj(obj: Any) -> str:
    return b64(json.dumps(obj, separators=(",", ":")).encode())


@dataclass
class Keys:
    """The battery's trusted keys (served as the project's JWKS) and an attacker's."""

    rsa: KeyPair = field(default_factory=lambda: rsa_keypair(kid="battery-rsa"))
    ec: KeyPair = field(default_factory=lambda: ec_keypair(kid="battery-ec", alg="ES256"))
    attacker: KeyPair = field(default_factory=lambda: rsa_keypair(kid="attacker"))
    other_project: KeyPair = field(default_factory=lambda: rsa_keypair(kid="other-project"))

    @property
    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.rsa.jwk, self.ec.jwk]}

    def public_pem(self) -> bytes:
        return self.rsa.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def sign(self, payload: dict[str, Any], kp: KeyPair | None = None, **headers: Any) -> str:
        """Sign with `kp` (default: the trusted RSA key); header fields set to None are dropped.

        Signs by hand rather than through `jwt.encode`, which refuses odd headers.
        """
        kp = kp or self.rsa
        alg = headers.pop("alg", kp.alg)
        hdr = {"alg": alg, "kid": kp.kid, "typ": "JWT", **headers}
        hdr = {name: v for name, v in hdr.items() if v is not None}
        signing_input = f"{bj(hdr)}.{bj(payload)}".encode()
        sig = _ALGORITHMS[alg].sign(signing_input, kp.private_key)
        return f"{signing_input.decode()}.{b64(sig)}"


def raw(header: dict[str, Any], payload: dict[str, Any] | str, sig: bytes = b"") -> str:
    body = payload if isinstance(payload, str) else bj(payload)
    return f"{bj(header)}.{body}.{b64(sig)}"


def hmac_forge(header: dict[str, Any], payload: dict[str, Any], secret: bytes) -> str:
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
    signing_input = f"{bj(header)}.{bj(payload)}"
    sig = hmac.new(secret, signing_input.encode(), digest[header["alg"]]).digest()
    return f"{signing_input}.{b64(sig)}"


@dataclass(frozen=True)
class TokenCase:
    """A session token to present; `valid` only for the controls."""

    id: str
    make: Callable[[Keys], str]
    valid: bool = False
    http: frozenset[int] = REJECT  # statuses allowed over HTTP (cookie and Bearer)


def _now() -> int:
    return int(time.time())


def _tampered(k: Keys) -> str:
    good = k.sign(claims(project_id=PROJECT_ID))
    h, _p, s = good.split(".")
    return f"{h}.{bj(claims(project_id=PROJECT_ID, sub='U-admin', roles=['admin']))}.{s}"


def _tampered_header(k: Keys) -> str:
    good = k.sign(claims(project_id=PROJECT_ID))
    _h, p, s = good.split(".")
    return f"{bj({'alg': 'RS256', 'kid': k.rsa.kid, 'typ': 'JWT', 'x': 1})}.{p}.{s}"


def _swapped_sig(k: Keys) -> str:
    a = k.sign(claims(project_id=PROJECT_ID, sub="U-a"))
    b = k.sign(claims(project_id=PROJECT_ID, sub="U-b"))
    return a.rsplit(".", 1)[0] + "." + b.rsplit(".", 1)[1]


def _padded_to(size: int) -> Callable[[Keys], str]:
    def make(k: Keys) -> str:
        return k.sign(claims(project_id=PROJECT_ID, pad="A" * size))

    return make


def _pid(**kw: Any) -> dict[str, Any]:
    return claims(project_id=PROJECT_ID, **kw)


def _hdr(k: Keys, **kw: Any) -> dict[str, Any]:
    return {"alg": "RS256", "kid": k.rsa.kid, "typ": "JWT", **kw}


TOKEN_CASES: list[TokenCase] = [
    # controls
    TokenCase("valid-rs256", lambda k: k.sign(_pid()), valid=True, http=ACCEPT),
    TokenCase("valid-es256", lambda k: k.sign(_pid(), k.ec), valid=True, http=ACCEPT),
    TokenCase(
        "valid-iss-url",
        lambda k: k.sign(claims(project_id=f"https://api.example.test/{PROJECT_ID}")),
        valid=True,
        http=ACCEPT,
    ),
    # algorithm confusion
    TokenCase("alg-none", lambda k: raw({"alg": "none", "typ": "JWT"}, _pid())),
    TokenCase("alg-none-kid", lambda k: raw({"alg": "none", "kid": k.rsa.kid}, _pid())),
    TokenCase("alg-None-case", lambda k: raw({"alg": "None", "kid": k.rsa.kid}, _pid())),
    TokenCase("alg-NONE-case", lambda k: raw({"alg": "NONE", "kid": k.rsa.kid}, _pid())),
    TokenCase("alg-none-with-sig", lambda k: raw({"alg": "none", "kid": k.rsa.kid}, _pid(), b"x" * 32)),
    TokenCase("alg-missing", lambda k: raw({"kid": k.rsa.kid}, _pid(), b"x" * 256)),
    TokenCase("alg-empty", lambda k: raw({"alg": "", "kid": k.rsa.kid}, _pid(), b"x" * 256)),
    TokenCase("alg-not-string", lambda k: raw({"alg": ["RS256"], "kid": k.rsa.kid}, _pid(), b"x")),
    TokenCase(
        "hs256-public-pem",
        lambda k: hmac_forge({"alg": "HS256", "kid": k.rsa.kid}, _pid(), k.public_pem()),
    ),
    TokenCase(
        "hs256-public-jwk-json",
        lambda k: hmac_forge({"alg": "HS256", "kid": k.rsa.kid}, _pid(), k.rsa.jwk_json.encode()),
    ),
    TokenCase(
        "hs384-public-pem",
        lambda k: hmac_forge({"alg": "HS384", "kid": k.rsa.kid}, _pid(), k.public_pem()),
    ),
    TokenCase(
        "hs512-public-pem",
        lambda k: hmac_forge({"alg": "HS512", "kid": k.rsa.kid}, _pid(), k.public_pem()),
    ),
    TokenCase(
        "hs256-empty-secret",
        lambda k: hmac_forge({"alg": "HS256", "kid": k.rsa.kid}, _pid(), b""),
    ),
    TokenCase(
        "hs256-ec-kid",
        lambda k: hmac_forge({"alg": "HS256", "kid": k.ec.kid}, _pid(), k.ec.jwk_json.encode()),
    ),
    # header alg vs the JWK's alg
    TokenCase("rs256-signed-kid-of-ec-key", lambda k: k.sign(_pid(), k.rsa, kid=k.ec.kid)),
    TokenCase("es256-signed-kid-of-rsa-key", lambda k: k.sign(_pid(), k.ec, kid=k.rsa.kid)),
    TokenCase("ps256-with-rs256-jwk", lambda k: k.sign(_pid(), k.rsa, alg="PS256")),
    TokenCase("rs512-with-rs256-jwk", lambda k: k.sign(_pid(), k.rsa, alg="RS512")),
    TokenCase("es384-header-es256-jwk", lambda k: raw({"alg": "ES384", "kid": k.ec.kid}, _pid(), b"x" * 96)),
    # kid games
    TokenCase("unknown-kid", lambda k: k.sign(_pid(), k.rsa, kid="no-such-kid")),
    TokenCase("kid-path-traversal", lambda k: k.sign(_pid(), k.rsa, kid="../../etc/passwd")),
    TokenCase("kid-url", lambda k: k.sign(_pid(), k.rsa, kid="http://127.0.0.1:9/keys")),
    TokenCase("kid-sql", lambda k: k.sign(_pid(), k.rsa, kid="' OR 1=1 --")),
    TokenCase("kid-nul", lambda k: k.sign(_pid(), k.rsa, kid="battery-rsa\x00")),
    TokenCase("kid-10k", lambda k: k.sign(_pid(), k.rsa, kid="k" * 10_000)),
    TokenCase("kid-int", lambda k: raw({"alg": "RS256", "kid": 7}, _pid(), b"x" * 256)),
    TokenCase("kid-list", lambda k: raw({"alg": "RS256", "kid": [k.rsa.kid]}, _pid(), b"x" * 256)),
    TokenCase("kid-null", lambda k: raw({"alg": "RS256", "kid": None}, _pid(), b"x" * 256)),
    TokenCase("kid-missing", lambda k: k.sign(_pid(), k.rsa, kid=None)),
    # key injection through the header: must be ignored
    TokenCase(
        "jku-injection",
        lambda k: k.sign(_pid(), k.attacker, jku="http://127.0.0.1:9/jwks.json"),
    ),
    TokenCase(
        "jku-injection-trusted-kid",
        lambda k: k.sign(_pid(), k.attacker, kid=k.rsa.kid, jku="http://127.0.0.1:9/jwks.json"),
    ),
    TokenCase(
        "x5u-injection",
        lambda k: k.sign(_pid(), k.attacker, kid=k.rsa.kid, x5u="http://127.0.0.1:9/cert.pem"),
    ),
    TokenCase("jwk-header-injection", lambda k: k.sign(_pid(), k.attacker, jwk=k.attacker.jwk)),
    TokenCase(
        "jwk-header-injection-trusted-kid",
        lambda k: k.sign(_pid(), k.attacker, kid=k.rsa.kid, jwk=k.attacker.jwk),
    ),
    TokenCase(
        "x5c-injection",
        lambda k: k.sign(_pid(), k.attacker, kid=k.rsa.kid, x5c=["MIIBfake"]),
    ),
    TokenCase("attacker-key-trusted-kid", lambda k: k.sign(_pid(), k.attacker, kid=k.rsa.kid)),
    # integrity
    TokenCase("tampered-payload", _tampered),
    TokenCase("tampered-header", _tampered_header),
    TokenCase("swapped-signature", _swapped_sig),
    TokenCase("stripped-signature", lambda k: k.sign(_pid()).rsplit(".", 1)[0] + "."),
    TokenCase("stripped-signature-no-dot", lambda k: k.sign(_pid()).rsplit(".", 1)[0]),
    TokenCase("truncated-signature", lambda k: k.sign(_pid())[:-10]),
    TokenCase("crit-unknown-extension", lambda k: k.sign(_pid(), crit=["x-unknown"], **{"x-unknown": 1})),
    # time
    TokenCase("expired", lambda k: k.sign(_pid(ttl=-3600))),
    TokenCase("expired-beyond-leeway", lambda k: k.sign(_pid(ttl=-60))),
    TokenCase("exp-missing", lambda k: k.sign({key: v for key, v in _pid().items() if key != "exp"})),
    TokenCase("exp-string", lambda k: k.sign({**_pid(), "exp": "9999999999"})),
    TokenCase("exp-null", lambda k: k.sign({**_pid(), "exp": None})),
    TokenCase("exp-bool", lambda k: k.sign({**_pid(), "exp": True})),
    TokenCase("nbf-future", lambda k: k.sign(_pid(nbf=_now() + 3600))),
    TokenCase("iat-future", lambda k: k.sign({**_pid(), "iat": _now() + 3600})),
    # issuer / audience / project
    TokenCase("wrong-iss", lambda k: k.sign(claims(project_id=OTHER_PROJECT_ID))),
    TokenCase("iss-missing", lambda k: k.sign({key: v for key, v in _pid().items() if key != "iss"})),
    TokenCase("iss-url-other-project", lambda k: k.sign(claims(project_id=f"https://x.test/{OTHER_PROJECT_ID}"))),
    TokenCase("iss-suffix-trick", lambda k: k.sign(claims(project_id=f"evil{PROJECT_ID}"))),
    TokenCase("iss-prefix-trick", lambda k: k.sign(claims(project_id=f"{PROJECT_ID}/evil"))),
    TokenCase("iss-not-string", lambda k: k.sign({**_pid(), "iss": [PROJECT_ID]})),
    TokenCase("wrong-aud", lambda k: k.sign(_pid(aud="some-other-audience"))),
    TokenCase("wrong-aud-list", lambda k: k.sign(_pid(aud=["a", "b"]))),
    TokenCase(
        "other-project-token",
        lambda k: k.sign(claims(project_id=OTHER_PROJECT_ID), k.other_project),
    ),
    TokenCase(
        "other-project-key-our-iss",
        lambda k: k.sign(_pid(), k.other_project),
    ),
    # token type
    TokenCase("refresh-as-session", lambda k: k.sign(_pid(drn="DSR", ttl=86400))),
    TokenCase("drn-garbage", lambda k: k.sign(_pid(drn="XX"))),
    # malformed / size / encoding
    TokenCase("one-mb", lambda k: "a" * (1 << 20), http=frozenset({400, 401, 413, 431})),
    TokenCase("one-mb-signed", _padded_to(1 << 20), http=frozenset({400, 401, 413, 431})),
    TokenCase("valid-9kb-signed", _padded_to(9_000), valid=True, http=frozenset({200, 400, 431})),
    TokenCase("70kb-signed", _padded_to(70_000), http=frozenset({400, 401, 413, 431})),
    TokenCase("non-ascii", lambda k: k.sign(_pid())[:-4] + "é✓漢字", http=SERVER_OR_APP),
    TokenCase("nul-byte", lambda k: k.sign(_pid())[:20] + "\x00" + k.sign(_pid())[20:], http=SERVER_OR_APP),
    TokenCase("control-chars", lambda k: "\x01\x02\x7f." + k.sign(_pid()), http=SERVER_OR_APP),
    TokenCase("empty", lambda k: ""),
    TokenCase("whitespace", lambda k: "   "),
    TokenCase("null-literal", lambda k: "null"),
    TokenCase("three-dots", lambda k: "..."),
    TokenCase("four-segments", lambda k: k.sign(_pid()) + ".extra"),
    TokenCase("jwe-like", lambda k: "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d"),
    TokenCase("bad-base64-header", lambda k: "!!!." + k.sign(_pid()).split(".", 1)[1]),
    TokenCase("header-not-json", lambda k: b64(b"not json") + "." + k.sign(_pid()).split(".", 1)[1]),
    TokenCase("header-json-array", lambda k: b64(b"[1,2]") + "." + k.sign(_pid()).split(".", 1)[1]),
    TokenCase("header-json-huge-number", lambda k: b64(b'{"alg":1e999999}') + ".e30.x"),
    TokenCase("payload-not-json", lambda k: raw(_hdr(k), b64(b"\xff\xfe"), b"x" * 256)),
    TokenCase("payload-json-array", lambda k: raw(_hdr(k), b64(b"[]"), b"x" * 256)),
    TokenCase(
        "payload-deep-nesting",
        lambda k: raw(_hdr(k), b64(b"[" * 40_000), b"x" * 256),
        http=frozenset({400, 401, 413, 431}),
    ),
    TokenCase("signed-payload-array", lambda k: _sign_raw_payload(k, b"[1]")),
    TokenCase("signed-payload-string", lambda k: _sign_raw_payload(k, b'"DS"')),
    TokenCase("roles-not-list-signed-by-stranger", lambda k: k.sign(_pid(roles="admin"), k.attacker)),
]


def _sign_raw_payload(k: Keys, payload: bytes) -> str:
    """A correctly RS256-signed token whose payload is valid JSON but not an object."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    signing_input = f"{bj(_hdr(k))}.{b64(payload)}".encode()
    sig = k.rsa.private_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input.decode()}.{b64(sig)}"


@dataclass(frozen=True)
class RequestCase:
    """Raw request headers (values may be bytes: sent as is) for `method path` of the
    matrix app (tests/integrations/README.md). In str values `{origin}` is replaced by
    the server's own origin and `{host}` by its host:port."""

    id: str
    make: Callable[[Keys], list[tuple[str, str | bytes]]]
    allowed: frozenset[int]
    method: str = "GET"
    path: str = "/protected"


def _valid(k: Keys) -> str:
    return k.sign(_pid())


CROSS_SITE = frozenset({403})
TRUSTED_ORIGIN = "https://app.trusted.example"  # every matrix app trusts it


def _cookie_post(
    case_id: str,
    headers: list[tuple[str, str]],
    allowed: frozenset[int],
    path: str = "/unguarded",
    method: str = "POST",
) -> RequestCase:
    """A request carrying a valid session cookie, plus `headers` (the cross-site rule)."""
    return RequestCase(
        case_id, lambda k: [("Cookie", f"DS={_valid(k)}"), *headers], allowed, method, path
    )


# The one cross-site rule (descope_core.guard), on guarded, unguarded and logout routes.
CROSS_SITE_CASES: list[RequestCase] = [
    _cookie_post("xs-foreign-origin", [("Origin", "https://evil.example")], CROSS_SITE),
    _cookie_post("xs-foreign-origin-guarded", [("Origin", "https://evil.example")], CROSS_SITE, "/protected"),
    _cookie_post("xs-foreign-origin-put", [("Origin", "https://evil.example")], frozenset({403, 405}), method="PUT"),
    _cookie_post("xs-foreign-origin-delete", [("Origin", "https://evil.example")], CROSS_SITE, method="DELETE"),
    _cookie_post("xs-null-origin", [("Origin", "null")], CROSS_SITE),
    _cookie_post("xs-origin-junk", [("Origin", "not an origin")], CROSS_SITE),
    _cookie_post("xs-origin-userinfo", [("Origin", "http://evil@{host}")], CROSS_SITE),
    _cookie_post("xs-same-origin", [("Origin", "{origin}")], ACCEPT),
    _cookie_post("xs-no-origin-at-all", [], ACCEPT),
    # the scheme counts, and a trusted proxy's X-Forwarded-Proto sets it
    _cookie_post("xs-https-origin-http-site", [("Origin", "https://{host}")], CROSS_SITE),
    _cookie_post(
        "xs-http-origin-behind-tls-proxy",
        [("X-Forwarded-Proto", "https"), ("Origin", "http://{host}")],
        CROSS_SITE,
    ),
    _cookie_post(
        "xs-https-origin-behind-tls-proxy",
        [("X-Forwarded-Proto", "https"), ("Origin", "https://{host}")],
        ACCEPT,
    ),
    # a Referer speaks when Origin and Sec-Fetch-Site are absent
    _cookie_post("xs-foreign-referer", [("Referer", "https://evil.example/page")], CROSS_SITE),
    _cookie_post("xs-junk-referer", [("Referer", "garbage")], CROSS_SITE),
    _cookie_post("xs-same-referer", [("Referer", "{origin}/form")], ACCEPT),
    _cookie_post("xs-fetch-site-cross", [("Sec-Fetch-Site", "cross-site")], CROSS_SITE),
    _cookie_post("xs-fetch-site-same-site", [("Sec-Fetch-Site", "same-site")], CROSS_SITE),
    # a trusted origin works from a browser (which says cross-site for it)
    _cookie_post(
        "xs-trusted-origin-from-browser",
        [("Origin", TRUSTED_ORIGIN), ("Sec-Fetch-Site", "cross-site")],
        ACCEPT,
    ),
    _cookie_post(
        "xs-untrusted-origin-from-browser",
        [("Origin", "https://untrusted.example"), ("Sec-Fetch-Site", "cross-site")],
        CROSS_SITE,
    ),
    _cookie_post("xs-trusted-lookalike", [("Origin", TRUSTED_ORIGIN + ".evil.example")], CROSS_SITE),
    _cookie_post("xs-trusted-other-scheme", [("Origin", "http://app.trusted.example")], CROSS_SITE),
    # logout is a route like any other: cross-site it is refused and revokes nothing
    _cookie_post("xs-logout-foreign-origin", [("Origin", "https://evil.example")], CROSS_SITE, "/logout"),
    _cookie_post("xs-logout-fetch-site", [("Sec-Fetch-Site", "cross-site")], CROSS_SITE, "/logout"),
    _cookie_post("xs-logout-foreign-referer", [("Referer", "https://evil.example/")], CROSS_SITE, "/logout"),
    RequestCase(
        "xs-bearer-foreign-origin",
        lambda k: [("Authorization", f"Bearer {_valid(k)}"), ("Origin", "https://evil.example")],
        ACCEPT,
        "POST",
        "/protected",
    ),
    RequestCase(
        "xs-refresh-cookie-only-foreign",
        lambda k: [("Cookie", "DSR=garbage"), ("Origin", "https://evil.example")],
        CROSS_SITE,
        "POST",
        "/unguarded",
    ),
]

# Credentials of two users: an explicit credential is never rescued by a cookie, and a
# refresh token serves only the user of the session it accompanies.
MIXED_USER_CASES: list[RequestCase] = [
    RequestCase(
        "mixed-expired-bearer-other-users-dsr",
        lambda k: [
            ("Authorization", f"Bearer {k.sign(_pid(sub='U-alice', ttl=-3600))}"),
            ("Cookie", f"DSR={k.sign(_pid(sub='U-mallory', drn='DSR', ttl=86400))}"),
        ],
        REJECT,
    ),
    RequestCase(
        "mixed-garbage-bearer-other-users-ds",
        lambda k: [("Authorization", "Bearer x.y.z"), ("Cookie", f"DS={k.sign(_pid(sub='U-b'))}")],
        REJECT,
    ),
    RequestCase(
        "mixed-expired-ds-other-users-dsr",
        lambda k: [
            (
                "Cookie",
                f"DS={k.sign(_pid(sub='U-alice', ttl=-3600))}; "
                f"DSR={k.sign(_pid(sub='U-bob', drn='DSR', ttl=86400))}",
            )
        ],
        REJECT,
    ),
    RequestCase(
        "mixed-valid-ds-other-users-dsr",
        lambda k: [
            (
                "Cookie",
                f"DS={k.sign(_pid(sub='U-alice'))}; DSR={k.sign(_pid(sub='U-bob', drn='DSR', ttl=86400))}",
            )
        ],
        ACCEPT,  # as alice; the other user's refresh token is ignored (tests/core, matrix)
    ),
]


REQUEST_CASES: list[RequestCase] = [
    RequestCase("no-credentials", lambda k: [], REJECT),
    # one policy on every framework (descope_core.cookies): the first occurrence wins
    RequestCase("dup-cookie-garbage-first", lambda k: [("Cookie", f"DS=garbage; DS={_valid(k)}")], frozenset({401})),
    RequestCase("dup-cookie-valid-first", lambda k: [("Cookie", f"DS={_valid(k)}; DS=garbage")], frozenset({200})),
    RequestCase("dup-cookie-both-bad", lambda k: [("Cookie", "DS=a.b.c; DS=x.y.z")], REJECT),
    RequestCase(
        "dup-cookie-two-headers",
        lambda k: [("Cookie", "DS=garbage"), ("Cookie", f"DS={k.sign(_pid(ttl=-3600))}")],
        frozenset({400, 401}),
    ),
    RequestCase("cookie-quoted-valid", lambda k: [("Cookie", f'DS="{_valid(k)}"')], frozenset({200})),  # quotes stripped
    RequestCase("cookie-quoted-semicolon", lambda k: [("Cookie", f'DS="{_valid(k)};x"')], REJECT),
    RequestCase("cookie-quote-inside", lambda k: [("Cookie", f'DS={_valid(k)[:30]}"{_valid(k)[30:]}')], REJECT),
    RequestCase("cookie-escaped-quotes", lambda k: [("Cookie", 'DS="\\"a.b.c\\""')], REJECT),
    RequestCase("cookie-semicolon-split", lambda k: [("Cookie", f"DS={_valid(k)[:40]};{_valid(k)[40:]}")], REJECT),
    RequestCase("cookie-empty-value", lambda k: [("Cookie", "DS=")], REJECT),
    RequestCase("cookie-name-lowercase", lambda k: [("Cookie", f"ds={_valid(k)}")], REJECT),
    RequestCase("cookie-name-spaced", lambda k: [("Cookie", f" DS = {_valid(k)[:-3]}abc ")], REJECT),
    RequestCase("cookie-many", lambda k: [("Cookie", "; ".join(f"c{i}=v{i}" for i in range(500)))], SERVER_OR_APP),
    RequestCase("cookie-header-1mb", lambda k: [("Cookie", "DS=" + "a" * (1 << 20))], frozenset({400, 401, 413, 431})),
    RequestCase("cookie-non-utf8", lambda k: [("Cookie", b"DS=\xff\xfe\xfd")], SERVER_OR_APP),
    RequestCase("refresh-cookie-garbage-only", lambda k: [("Cookie", "DSR=garbage")], REJECT),
    RequestCase(
        "session-as-refresh",
        lambda k: [("Cookie", f"DSR={_valid(k)}")],
        REJECT,
    ),
    RequestCase(
        "expired-session-with-session-as-refresh",
        lambda k: [("Cookie", f"DS={k.sign(_pid(ttl=-3600))}; DSR={_valid(k)}")],
        REJECT,
    ),
    RequestCase(
        "refresh-in-both-cookies",
        lambda k: [("Cookie", f"DS={k.sign(_pid(drn='DSR', ttl=86400))}; DSR={k.sign(_pid(drn='DSR', ttl=86400))}")],
        REJECT,
    ),
    RequestCase(
        "bearer-valid-cookie-garbage",
        lambda k: [("Authorization", f"Bearer {_valid(k)}"), ("Cookie", "DS=garbage")],
        ACCEPT,
    ),
    RequestCase(
        "bearer-garbage-cookie-valid",
        lambda k: [("Authorization", "Bearer garbage"), ("Cookie", f"DS={_valid(k)}")],
        REJECT,  # an explicit credential that fails is not rescued by the cookie
    ),
    RequestCase(
        "bearer-other-user-cookie-valid",
        lambda k: [
            ("Authorization", f"Bearer {k.sign(_pid(sub='U-bearer'))}"),
            ("Cookie", f"DS={k.sign(_pid(sub='U-cookie'))}"),
        ],
        ACCEPT,
    ),
    RequestCase("auth-basic", lambda k: [("Authorization", "Basic dXNlcjpwYXNz")], REJECT),
    RequestCase("auth-basic-with-jwt", lambda k: [("Authorization", f"Basic {_valid(k)}")], REJECT),
    RequestCase("auth-token-scheme", lambda k: [("Authorization", f"Token {_valid(k)}")], REJECT),
    RequestCase("auth-jwt-no-scheme", lambda k: [("Authorization", _valid(k))], REJECT),
    RequestCase("auth-bearer-empty", lambda k: [("Authorization", "Bearer ")], REJECT),
    RequestCase("auth-bearer-only", lambda k: [("Authorization", "Bearer")], REJECT),
    RequestCase("auth-bearer-two-tokens", lambda k: [("Authorization", f"Bearer {_valid(k)} {_valid(k)}")], REJECT),
    RequestCase("auth-bearer-lowercase", lambda k: [("Authorization", f"bearer {_valid(k)}")], ACCEPT),
    RequestCase("auth-digest-cookie-valid", lambda k: [("Authorization", 'Digest username="u"'), ("Cookie", f"DS={_valid(k)}")], ACCEPT),
    RequestCase("auth-nul", lambda k: [("Authorization", "Bearer a\x00b")], SERVER_OR_APP),
    RequestCase("auth-non-ascii", lambda k: [("Authorization", "Bearer é漢".encode())], SERVER_OR_APP),
    RequestCase("auth-dup-headers", lambda k: [("Authorization", "Bearer garbage"), ("Authorization", f"Bearer {_valid(k)}")], frozenset({400, 401})),
    *CROSS_SITE_CASES,
    *MIXED_USER_CASES,
]
