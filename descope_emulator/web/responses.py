"""The JSON answer every handler returns."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse


def ok(data: Any = None, status: int = 200) -> JSONResponse:
    """A JSON answer (``{}`` when there is nothing to say)."""
    return JSONResponse({} if data is None else data, status_code=status)
