"""Fixtures of the parity harness: one recording server, one signing key, and a runner
that makes the same call through our client and through the official `descope` package.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from .cases import Case
from .recording_server import Recorded, RecordingServer
from .sdk_refs import OFFICIAL_MODULES, OURS_MODULES, SdkTypes, resolve

PROJECT_ID = "P2parityHarness0000000000000001"
MANAGEMENT_KEY = "K2parity-management-key"
KID = "parity-k1"



@dataclass
class Signer:
    key: Any
    jwk: dict[str, Any]

    def token(self, kind: str) -> str:
        now = int(time.time())
        claims = {
            "sub": "U2parityUser",
            "iss": PROJECT_ID,
            "iat": now - 7200 if kind == "expired" else now,
            "exp": now - 3600 if kind == "expired" else now + 3600,
            "drn": "DSR" if kind.startswith("refresh") else "DS",
            "jti": kind,  # one token per kind, distinct even when signed in the same second
            "roles": ["admin"],
            "permissions": ["read"],
            "tenants": {"t1": {"roles": ["admin"], "permissions": ["read"]}},
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KID})


@pytest.fixture(scope="session")
def signer() -> Signer:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    jwk.update(kid=KID, alg="RS256", use="sig")
    return Signer(key, jwk)


@pytest.fixture(scope="session")
def recording_server() -> Iterator[RecordingServer]:
    server = RecordingServer().start()
    try:
        yield server
    finally:
        server.stop()


def _target(root: Any, dotted: str) -> Any:
    obj = root
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


@dataclass
class Outcome:
    requests: list[Recorded]
    error: BaseException | None
    result: Any = None


class Runner:
    """Builds each SDK's client against the recording server and runs one case on it."""

    def __init__(self, server: RecordingServer, signer: Signer) -> None:
        self.server = server
        self.signer = signer
        self.official_types = SdkTypes(OFFICIAL_MODULES)
        self.ours_types = SdkTypes(OURS_MODULES)
        self._tokens: dict[str, str] = {}
        self._sync_clients: dict[str, Any] = {}
        self._async_clients: dict[str, Any] = {}
        self._event_loop: asyncio.AbstractEventLoop | None = None

    def token(self, kind: str) -> str:
        # one token per kind for the whole run, so both SDKs see identical values
        if kind not in self._tokens:
            self._tokens[kind] = self.signer.token(kind)
        return self._tokens[kind]

    def _kwargs(self) -> dict[str, Any]:
        return {
            "project_id": PROJECT_ID,
            "management_key": MANAGEMENT_KEY,
            "base_url": self.server.base_url,
            "public_key": dict(self.signer.jwk),
        }

    def official_client(self, mode: str) -> Any:
        import descope as official

        cls = official.DescopeClient if mode == "sync" else official.DescopeClientAsync
        return cls(**self._kwargs(), verbose=True)

    def our_client(self, mode: str) -> Any:
        import descope_core

        if mode == "sync":
            return descope_core.DescopeClient(**self._kwargs(), verbose=True)
        return descope_core.DescopeClientAsync(**self._kwargs(), verbose=True)

    def run(self, case: Case, side: str, mode: str) -> Outcome:
        types = self.official_types if side == "official" else self.ours_types
        self.server.answers = {}
        self.server.default_answer = resolve(case.answer, types, self.token)
        self.server.take()
        args = resolve(case.args, types, self.token)
        kwargs = resolve(dict(case.kwargs), types, self.token)
        error: BaseException | None = None
        result: Any = None
        if mode == "sync":
            client = self._sync_client(side)
            try:
                result = _target(client, case.call)(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - reported by the test, with the requests
                error = exc
        else:
            error, result = self._loop().run_until_complete(
                self._run_async(case, side, args, kwargs)
            )
        return Outcome(self.server.take(), error, result)

    def _sync_client(self, side: str) -> Any:
        # one sync client per side for the whole run: calls share no state that matters
        # here, and building the official one costs a license handshake each time
        if side not in self._sync_clients:
            maker = self.official_client if side == "official" else self.our_client
            self._sync_clients[side] = maker("sync")
            self.server.take()  # construction traffic (license handshake) is not a call's
        return self._sync_clients[side]

    def _loop(self) -> asyncio.AbstractEventLoop:
        # one loop for the run, so the async clients (costly to build) are built once
        if self._event_loop is None:
            self._event_loop = asyncio.new_event_loop()
        return self._event_loop

    async def _run_async(
        self, case: Case, side: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[BaseException | None, Any]:
        if side not in self._async_clients:
            maker = self.official_client if side == "official" else self.our_client
            self._async_clients[side] = maker("async")
        client = self._async_clients[side]
        self.server.take()
        try:
            result = _target(client, case.call)(*args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
        except Exception as exc:  # noqa: BLE001 - reported by the test, with the requests
            return exc, None
        return None, result

    def close(self) -> None:
        if self._event_loop is None:
            return
        for client in self._async_clients.values():
            aclose = getattr(client, "aclose", None)
            if aclose is not None:
                self._event_loop.run_until_complete(aclose())
        self._event_loop.close()


@pytest.fixture(scope="session")
def runner(recording_server: RecordingServer, signer: Signer) -> Iterator[Runner]:
    runner = Runner(recording_server, signer)
    try:
        yield runner
    finally:
        runner.close()
