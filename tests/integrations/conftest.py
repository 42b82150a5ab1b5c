"""The cross-framework matrix: one real server per test, per framework.

`framework` is parametrised over flask / asgi / django; `server` starts that framework's
matrix app (tests/integrations/apps/<framework>_app.py, contract in README.md) on
127.0.0.1 at an ephemeral port in a background thread, against the emulator.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.servers import (
    FRAMEWORKS,
    REQUIRES,
    Server,
    client_kwargs_for,
    load_app_module,
    serve,
)


@pytest.fixture(params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    # The per-framework tox envs install one framework; the full suite installs all three.
    pytest.importorskip(REQUIRES[name])
    return name


@pytest.fixture
def server(framework: str, descope_emulator: Any) -> Iterator[Server]:
    module = load_app_module(framework)
    app, kind = module.make_app(client_kwargs_for(descope_emulator))
    with serve(app, kind) as base_url:
        yield Server(framework, base_url, descope_emulator)
