"""The demo: `python -m example_apps [APP] [--port N] [--emulator-port N]`.

APP is one of the product apps (flask, django, fastapi), the API examples (drf, ninja,
websocket), or `react`: the React single-page example, built from npm at start and served
by the FastAPI app (which answers its API calls).

The product apps' sign-in pages run the official Descope web component: the demo installs
it from npm first (`example_apps/frontend`, when npm is there; the forms work without it).

Starts the Descope emulator and one example app as subprocesses, seeds the emulator
through the management client (idempotently), prints where to go and how to sign in,
and stops both processes on Ctrl-C. The emulator keeps its state in its SQLite file, so
a second run finds the same users, keys and sessions.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from types import FrameType

from descope_core import DescopeClient
from descope_emulator import ui_library

from . import frontend, launch
from .seed import ADMIN, DEMO_TENANT_NAME, DEMO_USERS, seed

EMULATOR_PROJECT_ID = "P2EmuLocalDescopeProject0001"
# The emulator accepts any management key it is started with; the demo pins one so the
# seeding step (and you, with curl) can use it on every run.
DEMO_MANAGEMENT_KEY = "demo-management-key-local-only"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m example_apps",
        description="Start the Descope emulator and one example app, seeded with demo users.",
    )
    parser.add_argument(
        "app", nargs="?", default="flask", choices=(*launch.DEMO_APPS, launch.REACT_APP)
    )
    parser.add_argument("--port", type=int, default=8000, help="app port (default 8000)")
    parser.add_argument(
        "--emulator-port", type=int, default=4040, help="emulator port (default 4040)"
    )
    parser.add_argument(
        "--db", default=None, help="emulator SQLite file (default: the emulator's own default)"
    )
    parser.add_argument(
        "--session-ttl", default=None, help="emulator session lifetime, e.g. 30s or 10m"
    )
    return parser.parse_args(argv)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    signal.signal(signal.SIGTERM, _raise_interrupt)
    emulator_url = f"http://{launch.HOST}:{args.emulator_port}"
    app_url = launch.public_url(args.port)  # what the app builds its links from
    busy = port_problem(args)
    if busy:
        print(busy, file=sys.stderr)
        return 2
    procs: list[launch.Process] = []
    try:
        if args.app in launch.FLOW_PAGE_APPS:
            if not build_frontend(react=args.app == launch.REACT_APP):
                return 1
        print(f"Starting the Descope emulator on {emulator_url} ...", flush=True)
        emulator = launch.Process(
            "emulator",
            launch.emulator_argv(
                args.emulator_port,
                db=args.db,
                session_ttl=args.session_ttl,
                management_key=DEMO_MANAGEMENT_KEY,
            ),
        )
        procs.append(emulator)
        launch.wait_http(f"{emulator_url}/emulator/health", emulator)

        print("Seeding the demo tenant, roles and users ...", flush=True)
        seed(
            DescopeClient(
                project_id=EMULATOR_PROJECT_ID,
                management_key=DEMO_MANAGEMENT_KEY,
                base_url=emulator_url,
            )
        )

        print(f"Starting the {args.app} example app on {app_url} ...", flush=True)
        env = launch.app_env(emulator_url, EMULATOR_PROJECT_ID)
        procs.append(launch.start_app(launch.server_of(args.app), args.port, env))

        print(banner(args.app, app_url, emulator_url), flush=True)
        while all(p.running() for p in procs):
            time.sleep(0.5)
        dead = next(p for p in procs if not p.running())
        print(f"\n{dead.name} stopped (exit code {dead.popen.returncode}); shutting down.")
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        for proc in reversed(procs):
            proc.stop()


def build_frontend(react: bool) -> bool:
    """Install the browser side, printing the timings: the official web component (and the
    React example's bundle) from npm into `example_apps/frontend`, and the UI components
    library the emulator draws the flow screens with (`python -m descope_emulator ui install`,
    into the emulator's cache). Both are skipped when already there.

    Returns:
        False when the React example cannot be built (the demo stops); for the other apps
        a failure is only a warning, as their sign-in forms work without the component.
    """
    print("Installing the Descope web component and UI library from npm ...", flush=True)
    started = time.monotonic()
    try:
        report = frontend.prepare(react=react)
        library = ui_library.install()
    except (frontend.FrontendError, ui_library.UiLibraryError) as e:
        print(f"{e}", file=sys.stderr)
        if react:
            return False
        print("Going on without it: the sign-in page shows the app's own forms.", file=sys.stderr)
        return True
    built = f"web component {report.component_bytes // 1024} KiB"
    if report.react_bytes is not None:
        built += f", React bundle {report.react_bytes // 1024} KiB (esbuild, {report.build_seconds:.2f} s)"
    print(
        f"  {time.monotonic() - started:.1f} s: {built}, UI library {library.version} "
        f"({library.size_on_disk() / 2**20:.1f} MiB)",
        flush=True,
    )
    return True


def port_problem(args: argparse.Namespace) -> str | None:
    """A message naming the busy port and the option to move it, or None."""
    for port, option in ((args.emulator_port, "--emulator-port"), (args.port, "--port")):
        if not launch.port_is_free(port):
            other = launch.free_port()
            return (
                f"Port {port} on {launch.HOST} is already in use by another program (not one "
                f"this demo started). Stop that program, or pick another port:\n\n"
                f"    python -m example_apps {args.app} {option} {other}\n"
            )
    if args.port == args.emulator_port:
        return "--port and --emulator-port must differ."
    return None


def banner(app: str, app_url: str, emulator_url: str) -> str:
    width = max(len(u.login_id) for u in DEMO_USERS)
    users = "\n".join(
        f"    {u.login_id:<{width}}  {u.password:<18} roles: {', '.join(u.roles)}"
        for u in DEMO_USERS
    )
    if app in launch.API_APPS:
        return api_banner(app, app_url, emulator_url, users)
    if app == launch.REACT_APP:
        return react_banner(app_url, emulator_url, users)
    return f"""
  Descope demo ({app}) is running on {app_url}/ (a page opened on {launch.HOST} moves here:
  passkeys and the sign-in cookies need this one host name).

    App:              {app_url}/
    Sign in:          {app_url}/signin
    Console:          {emulator_url}/   (users, roles, request log)
    Outbox:           {emulator_url}/#outbox   (email codes and magic links)

  Demo users (tenant "{DEMO_TENANT_NAME}"), password sign-in:
{users}

  Try {ADMIN.login_id} on {app_url}/admin, the tenant switcher on the profile page,
  and the API:  curl -H "Authorization: Bearer <DS cookie>" {app_url}/api/reports

  Press Ctrl-C to stop both processes.
"""


def react_banner(app_url: str, emulator_url: str, users: str) -> str:
    return f"""
  Descope demo (React single-page app + FastAPI API) is running.

    React page:       {app_url}/react   (the official React SDK and the sign-up-or-in flow)
    Its API:          {app_url}/api/reports   (called with Authorization: Bearer <session>)
    Console:          {emulator_url}/   (users, roles, request log)
    Outbox:           {emulator_url}/#outbox   (email codes and magic links)

  Demo users (tenant "{DEMO_TENANT_NAME}"), password sign-in:
{users}

  Press Ctrl-C to stop both processes.
"""


def api_banner(app: str, app_url: str, emulator_url: str, users: str) -> str:
    token = (
        f"curl -s -X POST -H 'Authorization: Bearer {EMULATOR_PROJECT_ID}' "
        f"-d '{{\"loginId\": \"{ADMIN.login_id}\", \"password\": \"{ADMIN.password}\"}}' "
        f"{emulator_url}/v1/auth/password/signin"
    )
    if app == "websocket":
        tryit = f"Open {app_url}/ and sign in: the feed page opens the WebSocket."
    else:
        tryit = (
            f"Get a session token (sessionJwt) from the emulator:\n    {token}\n"
            f"  then:  curl -H 'Authorization: Bearer <sessionJwt>' {app_url}/api/reports"
        )
    return f"""
  Descope API example ({app}) is running on {app_url}/
  Console:  {emulator_url}/   (users, roles, outbox, request log)

  Demo users (tenant "{DEMO_TENANT_NAME}"), password sign-in:
{users}

  {tryit}

  Press Ctrl-C to stop both processes.
"""


if __name__ == "__main__":
    sys.exit(main())
