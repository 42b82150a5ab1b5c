"""The fault switch (``/emulator/faults``, ``--fault``): forced statuses, latency and
dropped connections per path prefix, plus the per-path call counters."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from . import errors


@dataclass
class Fault:
    """What to do to requests whose path starts with ``path``."""

    path: str
    status: int | None = None
    latency: float = 0.0
    retry_after: int | None = None
    drop: bool = False
    times: int | None = None  # requests left to fault; None = until removed

    def as_dict(self) -> dict[str, Any]:
        """The wire form (``/emulator/faults``)."""
        return {
            "path": self.path,
            "status": self.status,
            "latencySeconds": self.latency,
            "retryAfter": self.retry_after,
            "drop": self.drop,
            "times": self.times,
        }


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_fault(body: Any) -> Fault:
    """A fault from its wire form; raises a 400 ApiError when malformed."""
    if not isinstance(body, dict):
        raise errors.WRONG_TYPE("fault must be a JSON object")
    path = body.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise errors.WRONG_TYPE("fault 'path' must be a string starting with '/'")
    status = body.get("status")
    if status is not None and (not _is_int(status) or not 100 <= status <= 599):
        raise errors.WRONG_TYPE("fault 'status' must be an HTTP status code")
    latency = body.get("latencySeconds", 0) or 0
    if not isinstance(latency, (int, float)) or isinstance(latency, bool) or not 0 <= latency <= 600:
        raise errors.WRONG_TYPE("fault 'latencySeconds' must be a number between 0 and 600")
    retry_after = body.get("retryAfter")
    if retry_after is not None and not _is_int(retry_after):
        raise errors.WRONG_TYPE("fault 'retryAfter' must be an integer")
    drop = body.get("drop", False)
    if not isinstance(drop, bool):
        raise errors.WRONG_TYPE("fault 'drop' must be a boolean")
    times = body.get("times")
    if times is not None and (not _is_int(times) or times < 1):
        raise errors.WRONG_TYPE("fault 'times' must be a positive integer")
    return Fault(path, status, float(latency), retry_after, drop, times)


class Traffic:
    """Counters of API calls per path and the switched-on faults (thread-safe)."""

    def __init__(self, faults: list[dict[str, Any]] | None = None) -> None:
        self._lock = threading.Lock()
        self.counters: Counter[str] = Counter()
        self.faults: dict[str, Fault] = {}
        for raw in faults or []:
            self.add_fault(parse_fault(raw))

    def count(self, path: str) -> None:
        """Count one call of ``path`` (refresh and JWKS calls also under their names)."""
        with self._lock:
            self.counters[path] += 1
            if path == "/v1/auth/refresh":
                self.counters["refresh"] += 1
            elif path.startswith("/v2/keys/"):
                self.counters["jwks"] += 1

    def stats(self) -> dict[str, int]:
        """``{"refresh": n, "jwks": n, "<path>": n, ...}``."""
        with self._lock:
            out = {"refresh": 0, "jwks": 0}
            out.update(self.counters)
            return out

    def add_fault(self, fault: Fault) -> None:
        """Switch a fault on (replacing one for the same path)."""
        with self._lock:
            self.faults[fault.path] = fault

    def remove_fault(self, path: str | None = None) -> None:
        """Switch off the fault for ``path``, or every fault."""
        with self._lock:
            if path:
                self.faults.pop(path, None)
            else:
                self.faults.clear()

    def list_faults(self) -> list[Fault]:
        """The faults switched on."""
        with self._lock:
            return list(self.faults.values())

    def fault_for(self, path: str) -> Fault | None:
        """The fault with the longest prefix of ``path`` (a counted fault uses one up)."""
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

    def clear(self) -> None:
        """Forget counters and faults."""
        with self._lock:
            self.counters.clear()
            self.faults.clear()
