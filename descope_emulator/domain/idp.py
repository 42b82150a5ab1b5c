"""The emulator's stand-in identity provider for sign-ins where the provider hands the app a
credential directly (Google One Tap, native Sign in with Google / Apple): it signs OpenID
Connect ID tokens with a key of its own, published at ``/emulator/idp/jwks`` (and an OpenID
configuration at ``/emulator/idp/.well-known/openid-configuration``), and issues single-use
authorization codes. A token signed by any other key, for another audience or nonce, or
expired, is refused, as Descope refuses a token Google did not sign.

The key lives in the database's ``meta`` table (kept by a reset, like the signing keys)."""

from __future__ import annotations

import functools
import hashlib
import json
import secrets
from typing import TYPE_CHECKING, Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from .. import errors
from . import challenges

if TYPE_CHECKING:
    from ..state import Emulator

PATH = "/emulator/idp"
PROVIDERS = ("google", "apple")  # the providers with a One Tap / native sign-in
ID_TOKEN_TTL = 3600
_KEY = "idp_private_pem"
_KID = "emulator-idp-1"
_CODE = "idp_code"


@functools.lru_cache(maxsize=8)
def _private(pem: str) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def _key(e: Emulator) -> rsa.RSAPrivateKey:
    pem = e.store.meta.get(_KEY)
    if pem is None:
        fresh = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = fresh.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()).decode()
        e.store.meta.set(_KEY, pem)
    return _private(pem)


def issuer(base_url: str) -> str:
    """The stand-in's issuer as reached through ``base_url``."""
    return base_url + PATH


def jwks(e: Emulator) -> dict[str, Any]:
    """``{"keys": [...]}``: the public key the stand-in's ID tokens verify with."""
    jwk = json.loads(RSAAlgorithm.to_jwk(_key(e).public_key()))
    jwk.update({"kid": _KID, "alg": "RS256", "use": "sig"})
    return {"keys": [jwk]}


def openid_configuration(base_url: str) -> dict[str, Any]:
    """The stand-in's OpenID Connect discovery document."""
    iss = issuer(base_url)
    return {"issuer": iss, "jwks_uri": iss + "/jwks",
            "authorization_endpoint": iss + "/sign-in",
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token"]}


def check_provider(provider: str) -> str:
    """400 unless ``provider`` has a One Tap / native sign-in."""
    if provider not in PROVIDERS:
        raise errors.PROVIDER_NOT_SUPPORTED(
            f"Provider '{provider}' has no native or One Tap sign-in (one of {', '.join(PROVIDERS)})")
    return provider


def client_id(e: Emulator, provider: str) -> str:
    """The client id the project's app has at the stand-in for ``provider``."""
    return f"{e.project_id}-{check_provider(provider)}.emulator-idp"


def subject(login_id: str) -> str:
    """The stand-in's stable user id for a login id."""
    return hashlib.sha256(login_id.lower().encode()).hexdigest()[:21]


def mint_id_token(e: Emulator, base_url: str, *, provider: str, login_id: str, name: str,
                  nonce: str) -> str:
    """An ID token the stand-in signs for the person ``login_id`` (an email) and the app's
    client id at ``provider``."""
    if "@" not in login_id:
        raise errors.INVALID_REQUEST("'loginId' must be an email address")
    now = int(e.now())
    claims: dict[str, Any] = {
        "iss": issuer(base_url), "aud": client_id(e, provider), "sub": subject(login_id),
        "email": login_id, "email_verified": True, "iat": now, "exp": now + ID_TOKEN_TTL,
    }
    if name:
        claims["name"] = name
    if nonce:
        claims["nonce"] = nonce
    return jwt.encode(claims, _key(e), algorithm="RS256", headers={"kid": _KID})


def verify_id_token(e: Emulator, token: str, *, provider: str, nonce: str | None
                    ) -> dict[str, Any]:
    """The claims of an ID token the stand-in signed for ``provider`` (and ``nonce`` when
    given); 401 for any other token."""
    audience = client_id(e, provider)
    try:
        claims: dict[str, Any] = jwt.decode(
            token, _key(e).public_key(), algorithms=["RS256"], audience=audience,
            options={"verify_exp": False, "verify_iat": False, "require": ["iss", "sub", "exp"]})
    except jwt.PyJWTError as exc:
        raise errors.PROVIDER_TOKEN_INVALID(f"ID token refused: {exc}") from None
    if not str(claims["iss"]).endswith(PATH):
        raise errors.PROVIDER_TOKEN_INVALID("ID token refused: unknown issuer")
    exp = claims["exp"]
    if isinstance(exp, bool) or not isinstance(exp, (int, float)) or exp <= e.now():
        raise errors.PROVIDER_TOKEN_INVALID("ID token refused: expired")
    if nonce is not None and claims.get("nonce") != nonce:
        raise errors.PROVIDER_TOKEN_INVALID("ID token refused: nonce does not match")
    if not isinstance(claims.get("email"), str):
        raise errors.PROVIDER_TOKEN_INVALID("ID token refused: no email")
    return claims


def new_code(e: Emulator, base_url: str, *, provider: str, login_id: str, name: str,
             nonce: str) -> str:
    """A single-use authorization code for the person, as a native sign-in returns it."""
    token = mint_id_token(e, base_url, provider=provider, login_id=login_id, name=name,
                          nonce=nonce)
    return challenges.new_state(e, _CODE, login_id, {"provider": provider, "idToken": token})


def redeem_code(e: Emulator, code: str, *, provider: str, nonce: str | None) -> dict[str, Any]:
    """The ID token claims behind a code (single use; 401 when unknown, used or for another
    provider or nonce)."""
    try:
        data = challenges.check_link(e, (_CODE,), code)["data"]
    except errors.ApiError:
        raise errors.PROVIDER_TOKEN_INVALID("Authorization code refused") from None
    if data.get("provider") != provider:
        raise errors.PROVIDER_TOKEN_INVALID("Authorization code was issued for another provider")
    return verify_id_token(e, str(data["idToken"]), provider=provider, nonce=nonce)


def new_nonce() -> str:
    """A random nonce for a sign-in the app is about to make."""
    return secrets.token_urlsafe(16)
