"""``python -m descope_emulator`` / ``descope-emulator``: run a local Descope emulator.
``python -m descope_emulator ui install``: fetch the UI components library the official web
component draws the flow screens with (ui_library.py)."""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import re
import sys
from pathlib import Path

from . import ui_library
from .config import DEFAULT_PROJECT_ID, LOOPBACK_NAMES, EmulatorConfig
from .cors import normalize_origin
from .domain import project_file
from .state import Emulator

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def duration(text: str) -> int:
    """``90``, ``2s``, ``10m``, ``12h``, ``28d`` -> seconds."""
    match = _DURATION.match(text)
    if not match or int(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"invalid duration {text!r} (examples: 2s, 10m, 28d)")
    return int(match.group(1)) * _UNITS[match.group(2)]


def fault(text: str) -> dict[str, object]:
    """``--fault '{"path": "/v1/auth/refresh", "status": 503}'`` or ``--fault /v1/auth/refresh=503``."""
    text = text.strip()
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"invalid fault JSON: {exc}") from exc
        if not isinstance(value, dict):
            raise argparse.ArgumentTypeError("a fault must be a JSON object")
        return value
    path, _, status = text.partition("=")
    out: dict[str, object] = {"path": path}
    if status == "drop":
        out["drop"] = True
    elif status:
        if not status.isdigit():
            raise argparse.ArgumentTypeError(f"invalid fault status {status!r}")
        out["status"] = int(status)
    return out


def setting(text: str) -> tuple[str, object]:
    """``KEY=VALUE`` for a project setting; VALUE is JSON (``true``, ``5``, ``["a.com"]``)
    or else a plain string."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError("expected KEY=VALUE, e.g. refreshTokenRotation=true")
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, ``localhost``)."""
    if host.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin(text: str) -> str:
    """``--cors-origin https://app.example.test`` -> the normalized origin."""
    try:
        return normalize_origin(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``descope-emulator``."""
    p = argparse.ArgumentParser(
        prog="descope-emulator",
        description="A local, offline Descope-compatible server for development and tests.",
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=4040, help="port (default 4040; 0 = pick a free one)")
    p.add_argument("--db", default="./.descope-emulator.sqlite3",
                   help="SQLite file (default ./.descope-emulator.sqlite3; ':memory:' for none)")
    p.add_argument("--project-id", default=DEFAULT_PROJECT_ID)
    p.add_argument("--management-key", default=None,
                   help="management key (default: generated once and kept in the database)")
    p.add_argument("--session-ttl", type=duration, default=600, help="session token lifetime (10m)")
    p.add_argument("--refresh-ttl", type=duration, default=28 * 86400,
                   help="refresh token lifetime (28d)")
    p.add_argument("--fault", type=fault, action="append", default=[],
                   help='inject a fault: JSON {"path","status","latencySeconds","retryAfter","drop"} '
                        "or PATH=STATUS / PATH=drop; repeatable")
    p.add_argument("--setting", type=setting, action="append", default=[], metavar="KEY=VALUE",
                   help="a project setting, e.g. refreshTokenRotation=true, "
                        "refreshTokenRotationGraceSeconds=5, approvedDomains='[\"example.com\"]', "
                        "passwordPolicy='{\"minLength\": 12}'; repeatable")
    p.add_argument("--import", dest="import_file", default=None, metavar="PROJECT.json",
                   help="start from a project file (replaces the database's data)")
    p.add_argument("--export-on-exit", default=None, metavar="PROJECT.json",
                   help="write the project file there when the emulator stops")
    p.add_argument("--approved-domain", action="append", default=[], dest="approved_domains",
                   metavar="DOMAIN",
                   help="passkeys: only origins on DOMAIN or its subdomains may run WebAuthn "
                        "ceremonies (repeatable; default: any origin)")
    p.add_argument("--allowed-host", action="append", default=[], dest="allowed_hosts",
                   metavar="NAME",
                   help="a Host name the emulator answers to besides 127.0.0.1, localhost, ::1 "
                        "and --host (repeatable); other names get 421 (DNS rebinding)")
    p.add_argument("--ui-components", default=None, metavar="DIR",
                   help="the UI components library the flow screens are drawn with: a "
                        "node_modules folder (or the package folder) that has "
                        f"{ui_library.PACKAGE} (default: the copy `ui install` fetched)")
    p.add_argument("--ui-cache", default=None, metavar="DIR",
                   help=f"where `ui install` put the library (default ${ui_library.CACHE_ENV} "
                        "or ~/.cache/descope-emulator/ui)")
    p.add_argument("--cors-origin", type=origin, action="append", default=[],
                   dest="cors_origins", metavar="ORIGIN",
                   help="a browser origin allowed to call the emulator besides any "
                        "http://localhost:<port> and http://127.0.0.1:<port> (repeatable)")
    p.add_argument("--flow-screens", default=None, metavar="DIR",
                   help="a folder of flow screens (<screenId>.html) replacing the emulator's "
                        "own by id")
    p.add_argument("--log-level", default="warning")
    return p


def ui_command(argv: list[str]) -> int:
    """``ui install [--cache DIR] [--version V]``, ``ui status`` and ``ui theme --from DIR``:
    the UI library and its theme."""
    p = argparse.ArgumentParser(prog="descope-emulator ui",
                                description="The Descope UI components library the flow "
                                            "screens are drawn with.")
    p.add_argument("action", choices=["install", "status", "theme"],
                   help="install: fetch the library into the cache (and write its theme); "
                        "status: what the cache holds; theme --from DIR: write the theme of a "
                        "copy you point --ui-components at")
    p.add_argument("--from", dest="source", default=None, metavar="DIR",
                   help="theme: the node_modules (or package) folder --ui-components names")
    p.add_argument("--cache", default=None, metavar="DIR",
                   help=f"cache folder (default ${ui_library.CACHE_ENV} or "
                        "~/.cache/descope-emulator/ui)")
    p.add_argument("--version", default=ui_library.PINNED_VERSION,
                   help=f"library version (default {ui_library.PINNED_VERSION}, the pinned one)")
    args = p.parse_args(argv)
    cache = Path(args.cache).expanduser() if args.cache else None
    if args.action == "status":
        lib = ui_library.locate((cache or ui_library.default_cache()) / args.version)
        if lib is None:
            print(f"{ui_library.PACKAGE}@{args.version} is not installed: run "
                  f"{ui_library.INSTALL_HINT}")
            return 1
        print(f"{ui_library.PACKAGE}@{lib.version} at {lib.root} "
              f"({lib.size_on_disk() / 1e6:.1f} MB)")
        return 0
    if args.action == "theme":
        lib = ui_library.locate(Path(args.source).expanduser()) if args.source else None
        if lib is None:
            print(f"descope-emulator ui theme: --from DIR must hold {ui_library.PACKAGE}",
                  file=sys.stderr)
            return 2
        try:
            written = ui_library.theme_for(lib, cache)
        except ui_library.UiLibraryError as exc:
            print(f"descope-emulator ui theme: {exc}", file=sys.stderr)
            return 2
        print(f"theme of {ui_library.PACKAGE}@{lib.version} written to {written}")
        return 0
    try:
        lib = ui_library.install(cache, args.version)
    except ui_library.UiLibraryError as exc:
        print(f"descope-emulator ui install: {exc}", file=sys.stderr)
        return 2
    print(f"{ui_library.PACKAGE}@{lib.version} installed at {lib.root} "
          f"({lib.size_on_disk() / 1e6:.1f} MB)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the emulator in the foreground until Ctrl-C; returns the exit status (2: cannot start)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["ui"]:
        return ui_command(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        import uvicorn

        from .app import create_app
        from .server import base_url_of, bind, uvicorn_config
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        print(f"descope-emulator needs the 'emulator' extra ({exc})", file=sys.stderr)
        return 2
    seed = None
    if args.import_file:
        try:
            with open(args.import_file, encoding="utf-8") as fh:
                seed = json.load(fh)
        except (OSError, ValueError) as exc:
            print(f"descope-emulator: cannot read {args.import_file}: {exc}", file=sys.stderr)
            return 2
    config = EmulatorConfig(
        project_id=args.project_id,
        management_key=args.management_key,
        db=args.db,
        session_ttl=args.session_ttl,
        refresh_ttl=args.refresh_ttl,
        faults=args.fault,
        settings=dict(args.setting),
        seed=seed,
        approved_domains=args.approved_domains,
        allowed_hosts=[args.host, *args.allowed_hosts],
        ui_components=args.ui_components,
        ui_cache=args.ui_cache,
        cors_origins=args.cors_origins,
        flow_screens=args.flow_screens,
    )
    try:
        app = create_app(config)
    except Exception as exc:  # noqa: BLE001 - report any startup problem as a message
        print(f"descope-emulator: cannot start: {exc}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(
            f"WARNING: binding {args.host}, not a loopback address: the emulator is a local "
            "development tool, not an identity provider. Anyone who can reach it can sign in "
            "as anyone, read the outbox and reset the project. It answers only to the names "
            f"{', '.join(sorted({*LOOPBACK_NAMES, args.host, *args.allowed_hosts}))} "
            "(add one with --allowed-host NAME).",
            file=sys.stderr, flush=True,
        )
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        print(f"descope-emulator: cannot bind {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    base_url = base_url_of(sock)
    emulator = app.emulator
    print(f"Descope emulator listening on {base_url}")
    print(f"  project id:     {emulator.project_id}")
    print(f"  management key: {emulator.management_key}")
    print(f"  database:       {args.db}")
    print(f"  console:        {base_url}/   (users, roles, outbox, request log)")
    print(f"  outbox:         {base_url}/#outbox   (JSON: {base_url}/emulator/outbox.json)")
    from .domain import flow_content

    ui = flow_content.status(emulator)
    print(f"  flow screens:   {'UI library ' + ui['version'] if ui['installed'] else ui['message']}")
    if ui["installed"] and not ui["themed"]:
        print(f"                  {ui['message']}")
    print("Paste into your shell:")
    print(f"  export DESCOPE_PROJECT_ID={emulator.project_id}")
    print(f"  export DESCOPE_BASE_URL={base_url}")
    print(f"  export DESCOPE_BASE_URI={base_url}")
    print(f"  export DESCOPE_MANAGEMENT_KEY={emulator.management_key}", flush=True)
    server = uvicorn.Server(
        uvicorn_config(app, args.log_level)
    )
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after a clean shutdown
        print("emulator stopped", flush=True)
    finally:
        if args.export_on_exit:
            export_project(emulator, args.export_on_exit)
    return 0


def export_project(emulator: Emulator, path: str) -> None:
    """Write the project file (``--export-on-exit``) atomically."""
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(project_file.dump(emulator), fh, indent=2, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)
    print(f"project written to {path}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
