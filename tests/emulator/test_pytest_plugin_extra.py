"""The pytest plugin without the `emulator` extra: a test using its fixtures fails with
the install command instead of being skipped (run in a subprocess hiding uvicorn)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

USES_FIXTURE = textwrap.dedent(
    """
    def test_needs_the_emulator(descope_emulator):
        assert descope_emulator.base_url
    """
)

RUNNER = textwrap.dedent(
    """
    import sys
    sys.modules["uvicorn"] = None  # as if the emulator extra were not installed
    import pytest
    sys.exit(pytest.main([sys.argv[1], "-q", "-p", "no:cacheprovider", "-rA"]))
    """
)


def test_missing_extra_fails_with_the_install_command(tmp_path: Path) -> None:
    test_file = tmp_path / "test_app.py"
    test_file.write_text(USES_FIXTURE)
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(test_file)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out[-2000:]
    assert "1 error" in out and "skipped" not in out
    assert "pip install 'descope-suite[emulator]'" in out
    assert "uvicorn not installed" in out


# -- the handle's attributes and the async client fixture ------------------------------


def test_handle_attributes_are_typed_and_documented(descope_emulator: Any) -> None:
    handle_type = type(descope_emulator)
    doc = handle_type.__doc__ or ""
    for name, setting in (
        ("project_id", "DESCOPE_PROJECT_ID"),
        ("base_url", "DESCOPE_BASE_URL"),
        ("management_key", "DESCOPE_MANAGEMENT_KEY"),
    ):
        assert name in doc
        attribute = getattr(handle_type, name)
        assert isinstance(attribute, property) and setting in (attribute.__doc__ or "")
        assert attribute.fget.__annotations__["return"] in ("str", str)
        assert isinstance(getattr(descope_emulator, name), str)
    assert descope_emulator.base_url.startswith("http://127.0.0.1:")
    assert descope_emulator.management_key not in repr(descope_emulator)


def test_async_client_fixture_in_a_sync_test(descope_emulator: Any, descope_client_async: Any) -> None:
    from descope_core import DescopeClientAsync

    assert isinstance(descope_client_async, DescopeClientAsync)
    assert descope_client_async.config.base_url == descope_emulator.base_url
    tokens = descope_emulator.sign_in("ada@example.com", roles=["admin"])

    async def main() -> tuple[dict[str, Any], dict[str, Any]]:
        async with descope_client_async as client:
            claims = await client.validate_session(tokens["sessionJwt"])
            user = await client.mgmt.user.load("ada@example.com")
            return claims, user

    claims, user = asyncio.run(main())
    assert descope_client_async.validate_roles(claims, ["admin"]) is True
    assert user["user"]["loginIds"] == ["ada@example.com"]


ASYNC_TEST = textwrap.dedent(
    """
    import asyncio, gc, warnings

    def test_async_fixture_on_a_loop_left_open(descope_emulator, descope_client_async):
        loop = asyncio.new_event_loop()
        tokens = descope_emulator.sign_in("bo@example.com")
        claims = loop.run_until_complete(
            descope_client_async.validate_session(tokens["sessionJwt"])
        )
        loop.run_until_complete(descope_client_async.mgmt.user.load("bo@example.com"))
        assert claims["sub"] == tokens["userId"]
        globals()["LOOP"] = loop

    def test_the_fixture_closed_that_loops_pool():
        loop = globals().pop("LOOP")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loop.close()
            del loop
            gc.collect()
        unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
        assert unclosed == []
    """
)


def test_async_client_fixture_closes_pools_at_teardown(tmp_path: Path) -> None:
    """After the test, the fixture closes the pools of loops still open: nothing is left
    for the garbage collector to warn about (run in a subprocess: GC warnings are
    process-wide)."""
    test_file = tmp_path / "test_async_fixture.py"
    test_file.write_text(ASYNC_TEST)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(test_file), "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=tmp_path,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    assert "2 passed" in out


CORS_CHECK = textwrap.dedent(
    """
    import requests

    def test_origin_allowed(descope_emulator):
        for origin, allowed in (("https://app.example.test", True), ("https://other.test", False)):
            r = requests.options(descope_emulator.base_url + "/v1/flow/start", timeout=10,
                                 headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
            assert (r.headers.get("access-control-allow-origin") == origin) is allowed
    """
)


def test_cors_origin_option_reaches_the_emulator(tmp_path: Path) -> None:
    (tmp_path / "test_front.py").write_text(CORS_CHECK)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "test_front.py", "-q", "-p", "no:cacheprovider",
         "--descope-emulator-cors-origin", "https://app.example.test"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "1 passed" in out, out[-2000:]
