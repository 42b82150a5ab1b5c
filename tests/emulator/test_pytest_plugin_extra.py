"""The pytest plugin without the `emulator` extra: a test using its fixtures fails with
the install command instead of being skipped (run in a subprocess hiding uvicorn)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

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
