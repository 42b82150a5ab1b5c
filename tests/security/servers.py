"""Real servers for the battery, reusing the integration matrix's helpers.

tests/integrations/matrix_support.py owns `load_app_module` and `serve(app, kind)`; it is
loaded here under its own module name so its helpers are shared, not copied.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

_MATRIX_CONFTEST = Path(__file__).resolve().parents[1] / "integrations" / "matrix_support.py"
_NAME = "descope_matrix_servers"


def matrix() -> ModuleType:
    if _NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(_NAME, _MATRIX_CONFTEST)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[_NAME] = module
        spec.loader.exec_module(module)
    return sys.modules[_NAME]


@contextmanager
def serve_matrix_app(framework: str, client_kwargs: dict[str, Any]) -> Iterator[int]:
    """Start apps/<framework>_app.py on 127.0.0.1; yields the port."""
    m = matrix()
    app, kind = m.load_app_module(framework).make_app(client_kwargs)
    with m.serve(app, kind) as base_url:
        yield int(base_url.rsplit(":", 1)[1])
