"""Passkeys (WebAuthn): the registration and authentication ceremonies, verified with the
maintained ``webauthn`` package (no CBOR/COSE parsing of our own).

A ceremony starts with options holding a fresh challenge and the relying party taken from
the caller's origin (checked against the project's approved domains when it has some); it
is kept under a transaction id and can be finished once, within :data:`CEREMONY_TTL`
seconds. Finishing verifies the browser's answer (challenge, origin, RP id hash, user
presence, attestation or signature) and, for an assertion, applies the WebAuthn sign-count
rule (spec §7.2 step 21): when either count is non-zero, the new count must be greater
than the stored one, otherwise the authenticator may have been cloned.

Each refusal raises its ``errors.WEBAUTHN_*`` condition, so a client can tell a replayed
assertion (the transaction is used up, or the challenge is an old one) from a cloned
authenticator (sign count) or an unknown credential.
"""

from __future__ import annotations

import hashlib
import secrets
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    options_to_json_dict,
    parse_attestation_object,
    parse_authentication_credential_json,
    parse_authenticator_data,
    parse_client_data_json,
    parse_registration_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticationCredential,
    AuthenticatorData,
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    ClientDataType,
    CollectedClientData,
    PublicKeyCredentialDescriptor,
    RegistrationCredential,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from .. import errors
from ..state import Emulator
from ..storage.passkeys import Ceremony, Passkey
from . import project_settings

CEREMONY_TTL = 300  # seconds between the options and the browser's answer
RP_NAME = "Descope Emulator"
TIMEOUT_MS = 60_000

# What malformed input can raise inside the library's parsers: its own errors, bad
# base64url / JSON / CBOR (ValueError subclasses), wrong JSON types, truncated bytes.
_MALFORMED = (WebAuthnException, ValueError, TypeError, KeyError, IndexError, struct.error)


@dataclass(frozen=True)
class RelyingParty:
    """The origin a ceremony runs on and the RP id (its host) the credential is bound to."""

    origin: str
    rp_id: str


def relying_party(origin: str, approved_domains: Sequence[str] = ()) -> RelyingParty:
    """The RP of a ceremony started from ``origin`` (``scheme://host[:port]``).

    Raises:
        ApiError: WEBAUTHN_BAD_ORIGIN when it is not an http(s) origin;
            WEBAUTHN_ORIGIN_NOT_APPROVED when approved domains are set and the host is
            neither one of them nor a subdomain of one.
    """
    try:
        parts = urlsplit(origin.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError as exc:
        raise errors.WEBAUTHN_BAD_ORIGIN(f"Not an origin: {origin[:100]}") from exc
    if (
        parts.scheme not in ("http", "https")
        or not host
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise errors.WEBAUTHN_BAD_ORIGIN(f"Not an origin: {origin[:100]}")
    allowed = [d.strip().lower().lstrip(".") for d in approved_domains if d.strip()]
    if allowed and not any(host == d or host.endswith("." + d) for d in allowed):
        raise errors.WEBAUTHN_ORIGIN_NOT_APPROVED(f"'{host}' is not an approved domain")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return RelyingParty(origin=f"{parts.scheme}://{netloc}", rp_id=host)


def public(passkey: Passkey) -> dict[str, Any]:
    """A passkey as management lists it (no key material)."""
    return {
        "id": passkey.credential_id,
        "credentialId": passkey.credential_id,
        "name": f"Passkey {passkey.credential_id[:8]}",
        "rpId": passkey.rp_id,
        "aaguid": passkey.aaguid,
        "attestationFormat": passkey.attestation_format,
        "transports": list(passkey.transports),
        "signCount": passkey.sign_count,
        "backedUp": passkey.backed_up,
        "createdTime": passkey.created_time,
        "lastUsedTime": passkey.last_used_time,
    }


def _descriptors(passkeys: Sequence[Passkey]) -> list[PublicKeyCredentialDescriptor]:
    out = []
    for p in passkeys:
        transports = []
        for t in p.transports:
            try:
                transports.append(AuthenticatorTransport(t))
            except ValueError:
                continue
        out.append(PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id),
                                                 transports=transports or None))
    return out


def _new_ceremony(
    e: Emulator,
    registration: bool,
    purpose: str,
    rp: RelyingParty,
    user_id: str,
    data: dict[str, Any],
    allowed: tuple[str, ...] = (),
) -> Ceremony:
    return Ceremony(
        id=secrets.token_urlsafe(24),
        registration=registration,
        purpose=purpose,
        challenge=secrets.token_bytes(32),
        origin=rp.origin,
        rp_id=rp.rp_id,
        user_id=user_id,
        expires=e.now() + CEREMONY_TTL,
        allowed=allowed,
        data=data,
    )


def _options(options: Any) -> dict[str, Any]:
    """What the browser needs: ``{"publicKey": {...}}`` with base64url byte fields."""
    return {"publicKey": options_to_json_dict(options)}


# -- starting ----------------------------------------------------------------------------------
def start_registration(
    e: Emulator,
    *,
    purpose: str,
    origin: str,
    user_id: str,
    user_name: str,
    display_name: str = "",
    data: dict[str, Any] | None = None,
) -> tuple[str, dict[str, Any]]:
    """Begin ``navigator.credentials.create``: returns (transaction id, options).

    ``user_id`` is the WebAuthn user handle; the user's existing passkeys are excluded so
    the same authenticator cannot register twice.

    Raises:
        ApiError: the origin is malformed or not approved.
    """
    rp = relying_party(origin, project_settings.approved_domains(e))
    ceremony = _new_ceremony(e, True, purpose, rp, user_id, dict(data or {}))
    options = generate_registration_options(
        rp_id=rp.rp_id,
        rp_name=RP_NAME,
        user_name=user_name,
        user_id=user_id.encode(),
        user_display_name=display_name or user_name,
        challenge=ceremony.challenge,
        timeout=TIMEOUT_MS,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(e.store.passkeys.of_user(user_id)),
    )
    e.store.passkeys.put_ceremony(ceremony)
    return ceremony.id, _options(options)


def start_authentication(
    e: Emulator, *, purpose: str, origin: str, user_id: str, data: dict[str, Any] | None = None
) -> tuple[str, dict[str, Any]]:
    """Begin ``navigator.credentials.get`` for one user's passkeys on this RP, or, with an
    empty ``user_id``, for any passkey registered on it (a discoverable credential: the
    browser offers the passkeys it holds, as conditional UI does; the answer names the user).

    Raises:
        ApiError: WEBAUTHN_NO_PASSKEYS when the user has none there; origin refusals.
    """
    rp = relying_party(origin, project_settings.approved_domains(e))
    passkeys = [p for p in e.store.passkeys.of_user(user_id) if p.rp_id == rp.rp_id] if user_id \
        else []
    if user_id and not passkeys:
        raise errors.WEBAUTHN_NO_PASSKEYS(f"The user has no passkey for {rp.rp_id}")
    allowed = tuple(p.credential_id for p in passkeys)
    ceremony = _new_ceremony(e, False, purpose, rp, user_id, dict(data or {}), allowed)
    options = generate_authentication_options(
        rp_id=rp.rp_id,
        challenge=ceremony.challenge,
        timeout=TIMEOUT_MS,
        allow_credentials=_descriptors(passkeys),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    e.store.passkeys.put_ceremony(ceremony)
    return ceremony.id, _options(options)


# -- finishing ---------------------------------------------------------------------------------
def _take(e: Emulator, transaction_id: str, registration: bool, purposes: Sequence[str]) -> Ceremony:
    """The ceremony, removed whatever happens next: a transaction finishes once."""
    ceremony = e.store.passkeys.take_ceremony(transaction_id) if transaction_id else None
    if (
        ceremony is None
        or ceremony.expires <= e.now()
        or ceremony.registration != registration
        or ceremony.purpose not in purposes
    ):
        raise errors.WEBAUTHN_UNKNOWN_TRANSACTION("WebAuthn transaction is unknown, expired or used")
    return ceremony


def _check_client_data(client_data: CollectedClientData, kind: ClientDataType,
                       ceremony: Ceremony) -> None:
    if client_data.type != kind:
        raise errors.WEBAUTHN_MALFORMED(f"clientDataJSON type is not {kind.value}")
    if not secrets.compare_digest(client_data.challenge, ceremony.challenge):
        raise errors.WEBAUTHN_CHALLENGE_MISMATCH("WebAuthn challenge does not match")
    if client_data.origin != ceremony.origin:
        raise errors.WEBAUTHN_ORIGIN_MISMATCH(
            f"WebAuthn origin {str(client_data.origin)[:100]!r} is not {ceremony.origin!r}"
        )


def _check_authenticator_data(auth_data: AuthenticatorData, ceremony: Ceremony) -> None:
    if auth_data.rp_id_hash != hashlib.sha256(ceremony.rp_id.encode()).digest():
        raise errors.WEBAUTHN_RP_ID_MISMATCH(f"WebAuthn RP id is not {ceremony.rp_id!r}")
    if not auth_data.flags.up:
        raise errors.WEBAUTHN_USER_NOT_PRESENT("Authenticator did not report user presence")


def finish_registration(
    e: Emulator, transaction_id: str, response: Any, purposes: Sequence[str]
) -> tuple[Ceremony, Passkey]:
    """Verify a ``navigator.credentials.create`` answer (``none``, ``packed`` and the other
    formats the library verifies; x5c chains are not checked against a trust store). The
    passkey is returned, not stored: the caller stores it with its user.

    Raises:
        ApiError: unknown/expired/used transaction, malformed answer, challenge, origin,
            RP id or user-presence mismatch, invalid attestation, or a credential id that
            is already registered.
    """
    ceremony = _take(e, transaction_id, True, purposes)
    try:
        credential: RegistrationCredential = parse_registration_credential_json(response)
        client_data = parse_client_data_json(credential.response.client_data_json)
        attestation = parse_attestation_object(credential.response.attestation_object)
    except _MALFORMED as exc:
        raise errors.WEBAUTHN_MALFORMED("WebAuthn registration answer is malformed") from exc
    _check_client_data(client_data, ClientDataType.WEBAUTHN_CREATE, ceremony)
    _check_authenticator_data(attestation.auth_data, ceremony)
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=ceremony.challenge,
            expected_rp_id=ceremony.rp_id,
            expected_origin=ceremony.origin,
        )
    except _MALFORMED as exc:
        raise errors.WEBAUTHN_VERIFICATION_FAILED(f"Attestation refused: {str(exc)[:200]}") from exc
    credential_id = bytes_to_base64url(verified.credential_id)
    if e.store.passkeys.get(credential_id) is not None:
        raise errors.WEBAUTHN_CREDENTIAL_EXISTS("This passkey is already registered")
    passkey = Passkey(
        credential_id=credential_id,
        user_id=ceremony.user_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=tuple(t.value for t in credential.response.transports or ()),
        aaguid=verified.aaguid,
        attestation_format=str(getattr(verified.fmt, "value", verified.fmt)),
        rp_id=ceremony.rp_id,
        created_time=int(e.now()),
        backed_up=verified.credential_backed_up,
    )
    return ceremony, passkey


def finish_authentication(
    e: Emulator, transaction_id: str, response: Any, purposes: Sequence[str]
) -> tuple[Ceremony, Passkey]:
    """Verify a ``navigator.credentials.get`` answer against the stored passkey and record
    its new sign count. The passkey's ``user_id`` is the user who signed in (for a
    discoverable ceremony, the only thing that names them).

    Raises:
        ApiError: unknown/expired/used transaction (a replayed assertion), a credential
            that is not one of the user's passkeys, malformed answer, challenge, origin,
            RP id or user-presence mismatch, a bad signature, or a sign count that did
            not increase (cloned authenticator).
    """
    ceremony = _take(e, transaction_id, False, purposes)
    if ceremony.user_id:
        return ceremony, _verify_assertion(e, ceremony, response)
    try:
        return ceremony, _verify_assertion(e, ceremony, response)
    except errors.ApiError:
        # A discoverable ceremony (conditional UI) survives a refused answer until it
        # expires: the web component starts it once per page and offers it again after a
        # refusal. A verified answer still finishes it, so an assertion is never replayed.
        e.store.passkeys.put_ceremony(ceremony)
        raise


def _verify_assertion(e: Emulator, ceremony: Ceremony, response: Any) -> Passkey:
    """The stored passkey that signed ``response`` for ``ceremony``, its new sign count
    recorded (see :func:`finish_authentication` for what is refused)."""
    try:
        credential: AuthenticationCredential = parse_authentication_credential_json(response)
        client_data = parse_client_data_json(credential.response.client_data_json)
        auth_data = parse_authenticator_data(credential.response.authenticator_data)
    except _MALFORMED as exc:
        raise errors.WEBAUTHN_MALFORMED("WebAuthn assertion is malformed") from exc
    passkey = e.store.passkeys.get(credential.id)
    handle = credential.response.user_handle
    discoverable = not ceremony.user_id  # any passkey of the RP; it names its user
    if (
        passkey is None
        or (discoverable and (passkey.rp_id != ceremony.rp_id or not handle))
        or (not discoverable and (passkey.user_id != ceremony.user_id
                                  or credential.id not in ceremony.allowed))
        or (handle and handle != passkey.user_id.encode())
    ):
        raise errors.WEBAUTHN_UNKNOWN_CREDENTIAL("This passkey is not registered for the user")
    _check_client_data(client_data, ClientDataType.WEBAUTHN_GET, ceremony)
    _check_authenticator_data(auth_data, ceremony)
    try:
        # The stored count is applied below, once the signature is known to be good, so a
        # forged answer is reported as forged and not as a cloned authenticator.
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=ceremony.challenge,
            expected_rp_id=ceremony.rp_id,
            expected_origin=ceremony.origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=0,
        )
    except _MALFORMED as exc:
        raise errors.WEBAUTHN_VERIFICATION_FAILED(f"Assertion refused: {str(exc)[:200]}") from exc
    new_count = verified.new_sign_count
    cloned = errors.WEBAUTHN_SIGN_COUNT(
        f"Passkey sign count {new_count} did not increase past {passkey.sign_count} "
        "(cloned authenticator?)"
    )
    if (new_count or passkey.sign_count) and new_count <= passkey.sign_count:
        raise cloned
    if not e.store.passkeys.record_use(passkey.credential_id, passkey.sign_count, new_count,
                                       int(e.now())):
        raise cloned
    return passkey


# -- a user's passkeys ---------------------------------------------------------------------------
def add(e: Emulator, user: dict[str, Any], passkey: Passkey) -> None:
    """Store a verified passkey for ``user`` and mark the user as a WebAuthn user."""
    with e.store.tx():
        user["webauthn"] = True
        e.store.users.save(user)
        e.store.passkeys.add(passkey)


def remove(e: Emulator, user: dict[str, Any], credential_id: str) -> None:
    """Remove one passkey; it can no longer sign in.

    Raises:
        ApiError: PASSKEY_NOT_FOUND when the user has no such passkey.
    """
    with e.store.tx():
        if not e.store.passkeys.delete(user["userId"], credential_id):
            raise errors.PASSKEY_NOT_FOUND("The user has no passkey with this credential id")
        if not e.store.passkeys.of_user(user["userId"]):
            user["webauthn"] = False
            e.store.users.save(user)


def remove_all(e: Emulator, user: dict[str, Any]) -> None:
    """Remove every passkey of the user."""
    with e.store.tx():
        e.store.passkeys.delete_all(user["userId"])
        user["webauthn"] = False
        e.store.users.save(user)
