"""The emulator's settings (CLI flags and the pytest plugin build one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_PROJECT_ID = "P2EmuLocalDescopeProject0001"
DEFAULT_SESSION_TTL = 600
DEFAULT_REFRESH_TTL = 28 * 24 * 3600
#: names the emulator always answers to (host_check.py), on any port
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


@dataclass
class EmulatorConfig:
    """Settings of one emulator instance."""

    project_id: str = DEFAULT_PROJECT_ID
    management_key: str | None = None  # None: generated once and kept in the database
    db: str = "./.descope-emulator.sqlite3"
    session_ttl: int = DEFAULT_SESSION_TTL
    refresh_ttl: int = DEFAULT_REFRESH_TTL
    code_ttl: int = 180  # OTP codes
    link_ttl: int = 600  # magic / enchanted links, OAuth codes
    max_code_attempts: int = 5  # wrong codes before the code is locked
    faults: list[dict[str, Any]] = field(default_factory=list)
    # project settings to start from (domain/project_settings.py keys), e.g. from the CLI
    settings: dict[str, Any] = field(default_factory=dict)
    # a project file (domain/project_file.py shape) loaded at start and after every reset
    seed: dict[str, Any] | None = None
    # Passkeys: when set, a WebAuthn origin's host must be one of these or a subdomain.
    approved_domains: list[str] = field(default_factory=list)
    # Host names the emulator answers to besides 127.0.0.1, localhost and ::1 (host_check.py):
    # the interface it is bound to and the names given with --allowed-host
    allowed_hosts: list[str] = field(default_factory=list)
    # The front end (flows): the UI library's folder (None: the installed cache), the cache
    # folder (None: ui_library.default_cache()), origins allowed besides localhost, and a
    # folder of screens replacing the emulator's own by id.
    ui_components: str | None = None
    ui_cache: str | None = None
    cors_origins: list[str] = field(default_factory=list)
    flow_screens: str | None = None
