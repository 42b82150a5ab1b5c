"""Serve a matrix app against the emulator for the fault tests (reuses the battery's helper)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_SECURITY = Path(__file__).resolve().parents[1] / "security"
if str(_SECURITY) not in sys.path:
    sys.path.insert(0, str(_SECURITY))

from servers import serve_matrix_app as _serve  # noqa: E402


@contextmanager
def serve_matrix_app(framework: str, emulator: Any, **extra: Any) -> Iterator[int]:
    kwargs = {
        "project_id": emulator.project_id,
        "base_url": emulator.base_url,
        "management_key": emulator.management_key,
        "cookie_secure": False,
        **extra,
    }
    with _serve(framework, kwargs) as port:
        yield port
