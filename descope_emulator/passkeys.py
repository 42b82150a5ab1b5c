"""Passkeys (WebAuthn): the registration and authentication ceremonies, verified with the
maintained ``webauthn`` package (no CBOR/COSE parsing of our own).

A ceremony starts with options holding a fresh challenge and the relying party taken from
the caller's origin; it is kept server-side under a transaction id and can be finished
once, within :data:`CEREMONY_TTL` seconds. Finishing verifies the browser's answer
(challenge, origin, RP id hash, user presence, attestation or signature) and, for an
assertion, applies the WebAuthn sign-count rule (spec §7.2 step 21): when either count is
non-zero, the new count must be greater than the stored one, otherwise the authenticator
may have been cloned and the assertion is refused.

Every refusal is a :class:`PasskeyRefused` carrying a :class:`Refusal` (HTTP status and the
emulator's documented error code); the route layer turns it into the API's error answer.
Storage is reached only through the small :class:`PasskeyStore` interface.
"""

from __future__ import annotations

import hashlib
import secrets
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol
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

CEREMONY_TTL = 300  # seconds between the options and the browser's answer
RP_NAME = "Descope Emulator"
TIMEOUT_MS = 60_000

# What malformed input can raise inside the library's parsers: its own errors, bad
# base64url / JSON / CBOR (ValueError subclasses), wrong JSON types, truncated bytes.
_MALFORMED = (WebAuthnException, ValueError, TypeError, KeyError, IndexError, struct.error)


class Refusal(Enum):
    """Why a ceremony was refused: (HTTP status, error code, message). The codes are the
    emulator's own, documented in ``descope_emulator/README.md``."""

    BAD_ORIGIN = (400, "E061501", "Origin is not a valid http(s) origin")
    ORIGIN_NOT_APPROVED = (403, "E061502", "Origin is not in the project's approved domains")
    UNKNOWN_TRANSACTION = (401, "E061503", "WebAuthn transaction is unknown, expired or used")
    CHALLENGE_MISMATCH = (401, "E061504", "WebAuthn challenge does not match")
    ORIGIN_MISMATCH = (401, "E061505", "WebAuthn origin does not match")
    RP_ID_MISMATCH = (401, "E061506", "WebAuthn relying party id does not match")
    USER_NOT_PRESENT = (401, "E061507", "Authenticator did not report user presence")
    UNKNOWN_CREDENTIAL = (401, "E061508", "Passkey is not registered for this user")
    SIGN_COUNT = (401, "E061509", "Passkey sign count did not increase (cloned authenticator?)")
    MALFORMED = (400, "E061510", "WebAuthn response is malformed")
    VERIFICATION_FAILED = (401, "E061511", "WebAuthn attestation or signature is invalid")
    CREDENTIAL_EXISTS = (409, "E061512", "Passkey is already registered")
    NO_PASSKEYS = (400, "E061513", "User has no passkeys")

    @property
    def status(self) -> int:
        return int(self.value[0])

    @property
    def code(self) -> str:
        return str(self.value[1])

    @property
    def message(self) -> str:
        return str(self.value[2])


class PasskeyRefused(Exception):
    """A ceremony step that must not go on; ``reason`` says why (status, code)."""

    def __init__(self, reason: Refusal, detail: str = "") -> None:
        super().__init__(f"{reason.code} {reason.message}" + (f": {detail}" if detail else ""))
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class RelyingParty:
    """The origin a ceremony runs on and the RP id (its host) the credential is bound to."""

    origin: str
    rp_id: str


@dataclass(frozen=True)
class Passkey:
    """A registered credential. ``public_key`` is the COSE key the authenticator sent."""

    credential_id: str  # base64url, as the browser reports it
    user_id: str
    public_key: bytes = field(repr=False)
    sign_count: int
    transports: tuple[str, ...]
    aaguid: str
    attestation_format: str
    rp_id: str
    created_time: int
    last_used_time: int = 0
    backed_up: bool = False

    def public(self) -> dict[str, Any]:
        """The listing shown by management (no key material)."""
        return {
            "id": self.credential_id,
            "credentialId": self.credential_id,
            "name": f"Passkey {self.credential_id[:8]}",
            "rpId": self.rp_id,
            "aaguid": self.aaguid,
            "attestationFormat": self.attestation_format,
            "transports": list(self.transports),
            "signCount": self.sign_count,
            "backedUp": self.backed_up,
            "createdTime": self.created_time,
            "lastUsedTime": self.last_used_time,
        }


@dataclass(frozen=True)
class Ceremony:
    """A started, not yet finished ceremony. ``purpose`` is the caller's word (signup,
    signin, update); ``data`` is the caller's context, handed back when it finishes."""

    id: str
    registration: bool
    purpose: str
    challenge: bytes = field(repr=False)
    origin: str
    rp_id: str
    user_id: str
    expires: float
    allowed: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


class PasskeyStore(Protocol):
    """Where ceremonies and passkeys live; the emulator's storage layer implements it."""

    def put_ceremony(self, ceremony: Ceremony) -> None:
        """Keep a started ceremony."""

    def take_ceremony(self, ceremony_id: str) -> Ceremony | None:
        """Remove and return a ceremony (atomically: a second take gets None)."""

    def add_passkey(self, passkey: Passkey) -> None:
        """Store a newly registered passkey."""

    def passkey(self, credential_id: str) -> Passkey | None:
        """One passkey by credential id, or None."""

    def passkeys_of(self, user_id: str) -> list[Passkey]:
        """A user's passkeys, oldest first."""

    def record_use(self, credential_id: str, old_count: int, new_count: int, when: int) -> bool:
        """Set the sign count to ``new_count`` if it is still ``old_count``; False if not."""

    def delete_passkey(self, user_id: str, credential_id: str) -> bool:
        """Remove one of a user's passkeys; False when the user has no such passkey."""

    def delete_passkeys_of(self, user_id: str) -> int:
        """Remove all of a user's passkeys; returns how many there were."""


def relying_party(origin: str, approved_domains: Sequence[str] = ()) -> RelyingParty:
    """The RP of a ceremony started from ``origin`` (``scheme://host[:port]``).

    Raises:
        PasskeyRefused: BAD_ORIGIN when it is not an http(s) origin; ORIGIN_NOT_APPROVED when
            approved domains are set and the host is neither one of them nor a subdomain.
    """
    try:
        parts = urlsplit(origin.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError as exc:
        raise PasskeyRefused(Refusal.BAD_ORIGIN, origin[:100]) from exc
    if (
        parts.scheme not in ("http", "https")
        or not host
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise PasskeyRefused(Refusal.BAD_ORIGIN, origin[:100])
    if approved_domains:
        allowed = [d.strip().lower().lstrip(".") for d in approved_domains if d.strip()]
        if not any(host == d or host.endswith("." + d) for d in allowed):
            raise PasskeyRefused(Refusal.ORIGIN_NOT_APPROVED, host)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return RelyingParty(origin=f"{parts.scheme}://{netloc}", rp_id=host)


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


def _options_json(options: Any) -> dict[str, Any]:
    """What the browser needs: ``{"publicKey": {...}}`` with base64url byte fields."""
    return {"publicKey": options_to_json_dict(options)}


def _ensure_client_data(
    client_data: CollectedClientData, kind: ClientDataType, ceremony: Ceremony
) -> None:
    if client_data.type != kind:
        raise PasskeyRefused(Refusal.MALFORMED, f"clientDataJSON type is not {kind.value}")
    if not secrets.compare_digest(client_data.challenge, ceremony.challenge):
        raise PasskeyRefused(Refusal.CHALLENGE_MISMATCH)
    if client_data.origin != ceremony.origin:
        raise PasskeyRefused(Refusal.ORIGIN_MISMATCH, str(client_data.origin)[:100])


def _ensure_authenticator_data(auth_data: AuthenticatorData, ceremony: Ceremony) -> None:
    if auth_data.rp_id_hash != hashlib.sha256(ceremony.rp_id.encode()).digest():
        raise PasskeyRefused(Refusal.RP_ID_MISMATCH)
    if not auth_data.flags.up:
        raise PasskeyRefused(Refusal.USER_NOT_PRESENT)


class Passkeys:
    """The WebAuthn domain: start and finish ceremonies, list and remove passkeys."""

    def __init__(
        self,
        store: PasskeyStore,
        clock: Callable[[], float],
        approved_domains: Callable[[], Sequence[str]] = tuple,
        rp_name: str = RP_NAME,
    ) -> None:
        self._store = store
        self._clock = clock
        self._approved = approved_domains
        self._rp_name = rp_name

    # -- starting ---------------------------------------------------------------------------
    def _keep(self, ceremony: Ceremony) -> None:
        self._store.put_ceremony(ceremony)

    def _new_ceremony(
        self,
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
            expires=self._clock() + CEREMONY_TTL,
            allowed=allowed,
            data=data,
        )

    def relying_party(self, origin: str) -> RelyingParty:
        """``origin`` checked and turned into an RP (see :func:`relying_party`)."""
        return relying_party(origin, self._approved())

    def start_registration(
        self,
        *,
        purpose: str,
        origin: str,
        user_id: str,
        user_name: str,
        display_name: str = "",
        data: dict[str, Any] | None = None,
    ) -> tuple[str, dict[str, Any]]:
        """Begin ``navigator.credentials.create``: returns (transaction id, options).

        The user's existing passkeys are excluded, so the same authenticator cannot
        register twice. ``user_id`` is the WebAuthn user handle.

        Raises:
            PasskeyRefused: the origin is malformed or not approved.
        """
        rp = self.relying_party(origin)
        ceremony = self._new_ceremony(True, purpose, rp, user_id, dict(data or {}))
        options = generate_registration_options(
            rp_id=rp.rp_id,
            rp_name=self._rp_name,
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
            exclude_credentials=_descriptors(self._store.passkeys_of(user_id)),
        )
        self._keep(ceremony)
        return ceremony.id, _options_json(options)

    def start_authentication(
        self,
        *,
        purpose: str,
        origin: str,
        user_id: str,
        data: dict[str, Any] | None = None,
    ) -> tuple[str, dict[str, Any]]:
        """Begin ``navigator.credentials.get`` for one user's passkeys.

        Raises:
            PasskeyRefused: NO_PASSKEYS when the user has none; origin refusals.
        """
        rp = self.relying_party(origin)
        passkeys = [p for p in self._store.passkeys_of(user_id) if p.rp_id == rp.rp_id]
        if not passkeys:
            raise PasskeyRefused(Refusal.NO_PASSKEYS)
        allowed = tuple(p.credential_id for p in passkeys)
        ceremony = self._new_ceremony(False, purpose, rp, user_id, dict(data or {}), allowed)
        options = generate_authentication_options(
            rp_id=rp.rp_id,
            challenge=ceremony.challenge,
            timeout=TIMEOUT_MS,
            allow_credentials=_descriptors(passkeys),
            user_verification=UserVerificationRequirement.PREFERRED,
        )
        self._keep(ceremony)
        return ceremony.id, _options_json(options)

    def has_passkeys(self, user_id: str) -> bool:
        """Whether the user has registered any passkey."""
        return bool(self._store.passkeys_of(user_id))

    # -- finishing --------------------------------------------------------------------------
    def _take(self, transaction_id: str, registration: bool, purposes: Sequence[str]) -> Ceremony:
        """The ceremony, removed whatever happens next: a transaction is finished once."""
        ceremony = self._store.take_ceremony(transaction_id) if transaction_id else None
        if (
            ceremony is None
            or ceremony.expires <= self._clock()
            or ceremony.registration != registration
            or ceremony.purpose not in purposes
        ):
            raise PasskeyRefused(Refusal.UNKNOWN_TRANSACTION)
        return ceremony

    def finish_registration(
        self, transaction_id: str, response: Any, purposes: Sequence[str]
    ) -> tuple[Ceremony, Passkey]:
        """Verify a ``navigator.credentials.create`` answer. The passkey is returned, not
        stored: the caller stores it (:meth:`add`) with the user it belongs to.

        Raises:
            PasskeyRefused: unknown/expired/used transaction, malformed answer, challenge,
                origin, RP id or user-presence mismatch, invalid attestation, or a
                credential id that is already registered.
        """
        ceremony = self._take(transaction_id, True, purposes)
        try:
            credential: RegistrationCredential = parse_registration_credential_json(response)
            client_data = parse_client_data_json(credential.response.client_data_json)
            attestation = parse_attestation_object(credential.response.attestation_object)
        except _MALFORMED as exc:
            raise PasskeyRefused(Refusal.MALFORMED) from exc
        _ensure_client_data(client_data, ClientDataType.WEBAUTHN_CREATE, ceremony)
        _ensure_authenticator_data(attestation.auth_data, ceremony)
        try:
            verified = verify_registration_response(
                credential=credential,
                expected_challenge=ceremony.challenge,
                expected_rp_id=ceremony.rp_id,
                expected_origin=ceremony.origin,
            )
        except _MALFORMED as exc:
            raise PasskeyRefused(Refusal.VERIFICATION_FAILED, str(exc)[:200]) from exc
        credential_id = bytes_to_base64url(verified.credential_id)
        if self._store.passkey(credential_id) is not None:
            raise PasskeyRefused(Refusal.CREDENTIAL_EXISTS)
        passkey = Passkey(
            credential_id=credential_id,
            user_id=ceremony.user_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=tuple(t.value for t in credential.response.transports or ()),
            aaguid=verified.aaguid,
            attestation_format=str(getattr(verified.fmt, "value", verified.fmt)),
            rp_id=ceremony.rp_id,
            created_time=int(self._clock()),
            backed_up=verified.credential_backed_up,
        )
        return ceremony, passkey

    def add(self, passkey: Passkey) -> None:
        """Store a verified passkey (from :meth:`finish_registration`)."""
        self._store.add_passkey(passkey)

    def finish_authentication(
        self, transaction_id: str, response: Any, purposes: Sequence[str]
    ) -> tuple[Ceremony, Passkey]:
        """Verify a ``navigator.credentials.get`` answer against the stored passkey and
        record the new sign count.

        Raises:
            PasskeyRefused: unknown/expired/used transaction (a replayed assertion), a
                credential that is not one of the user's passkeys, malformed answer,
                challenge, origin, RP id or user-presence mismatch, a bad signature, or a
                sign count that did not increase (cloned authenticator).
        """
        ceremony = self._take(transaction_id, False, purposes)
        try:
            credential: AuthenticationCredential = parse_authentication_credential_json(response)
            client_data = parse_client_data_json(credential.response.client_data_json)
            auth_data = parse_authenticator_data(credential.response.authenticator_data)
        except _MALFORMED as exc:
            raise PasskeyRefused(Refusal.MALFORMED) from exc
        passkey = self._store.passkey(credential.id)
        if (
            passkey is None
            or passkey.user_id != ceremony.user_id
            or credential.id not in ceremony.allowed
        ):
            raise PasskeyRefused(Refusal.UNKNOWN_CREDENTIAL)
        handle = credential.response.user_handle
        if handle and handle != passkey.user_id.encode():
            raise PasskeyRefused(Refusal.UNKNOWN_CREDENTIAL, "user handle does not match")
        _ensure_client_data(client_data, ClientDataType.WEBAUTHN_GET, ceremony)
        _ensure_authenticator_data(auth_data, ceremony)
        try:
            # The stored count is applied below, after the signature is known to be good,
            # so that a forged answer is reported as such and not as a cloned authenticator.
            verified = verify_authentication_response(
                credential=credential,
                expected_challenge=ceremony.challenge,
                expected_rp_id=ceremony.rp_id,
                expected_origin=ceremony.origin,
                credential_public_key=passkey.public_key,
                credential_current_sign_count=0,
            )
        except _MALFORMED as exc:
            raise PasskeyRefused(Refusal.VERIFICATION_FAILED, str(exc)[:200]) from exc
        new_count = verified.new_sign_count
        if (new_count or passkey.sign_count) and new_count <= passkey.sign_count:
            raise PasskeyRefused(Refusal.SIGN_COUNT)
        now = int(self._clock())
        if not self._store.record_use(passkey.credential_id, passkey.sign_count, new_count, now):
            raise PasskeyRefused(Refusal.SIGN_COUNT, "used concurrently")
        return ceremony, passkey

    # -- management -------------------------------------------------------------------------
    def list(self, user_id: str) -> list[Passkey]:
        """A user's passkeys, oldest first."""
        return self._store.passkeys_of(user_id)

    def remove(self, user_id: str, credential_id: str) -> bool:
        """Remove one passkey; it can no longer sign in. False if the user has no such one."""
        return self._store.delete_passkey(user_id, credential_id)

    def remove_all(self, user_id: str) -> int:
        """Remove all of a user's passkeys; returns how many were removed."""
        return self._store.delete_passkeys_of(user_id)
