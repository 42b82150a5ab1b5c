"""``Emulator``: the state one running emulator shares between requests (configuration,
storage, signing keys, clock, traffic counters and faults). Domain modules take it as
their first argument; handlers reach it through ``request.app.state.emulator``."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from .config import EmulatorConfig
from .faults import Traffic
from .request_log import RequestLog
from .signing_keys import KeyRing
from .storage import Store


class Emulator:
    """Everything a request handler needs, shared through ``app.state.emulator``."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.store = Store(config.db)
        self.keys = KeyRing(self.store.signing_keys)
        self.project_id = config.project_id
        key = config.management_key or self.store.meta.get("management_key")
        if not key:
            key = "K2" + secrets.token_urlsafe(24).replace("-", "x").replace("_", "y")
        if self.store.meta.get("management_key") != key:
            self.store.meta.set("management_key", key)
        self.management_key: str = key
        self.clock_offset = 0.0
        self.traffic = Traffic(config.faults)
        self.requests = RequestLog()  # the console's request log (masked, bounded)
        # run after every reset (and once for a new database): the fresh-project defaults
        # and the seed project file; the app factory registers them (domain modules)
        self.on_reset: list[Callable[[Emulator], None]] = []

    def now(self) -> float:
        """The emulator's clock (wall clock plus ``/emulator/clock`` advances)."""
        return time.time() + self.clock_offset

    def reset(self) -> None:
        """Empty all data (keys are kept), clear faults, counters and clock."""
        self.store.reset()
        self.traffic.clear()
        self.requests.clear()
        self.clock_offset = 0.0
        for hook in self.on_reset:
            hook(self)
