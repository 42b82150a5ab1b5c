"""Settings every benchmark app reads from the environment the runner sets."""

from __future__ import annotations

import json
import os
from typing import Any

PROJECT_ID = os.environ.get("DESCOPE_PROJECT_ID", "")
BASE_URL = os.environ.get("DESCOPE_BASE_URL", "http://127.0.0.1:9")
PUBLIC_KEY: dict[str, Any] | None = (
    json.loads(os.environ["DESCOPE_PUBLIC_KEY"]) if os.environ.get("DESCOPE_PUBLIC_KEY") else None
)
LEEWAY = int(os.environ.get("BENCH_LEEWAY", "5"))


def our_client() -> Any:
    from descope_core import DescopeClient

    kwargs: dict[str, Any] = {
        "project_id": PROJECT_ID,
        "base_url": BASE_URL,
        "cookie_secure": False,
        "jwt_validation_leeway": LEEWAY,
    }
    if PUBLIC_KEY is not None:
        kwargs["public_key"] = PUBLIC_KEY
    return DescopeClient(**kwargs)
