"""`python -m example_apps.frontend install`: install the pinned npm packages (when
needed), copy the web component where the apps serve it and bundle the React example."""

from __future__ import annotations

import argparse
import sys

from . import FrontendError, prepare


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the process exit code (1 with a message on failure)."""
    parser = argparse.ArgumentParser(
        prog="python -m example_apps.frontend",
        description="Install and build the example apps' browser side from npm.",
    )
    parser.add_argument("command", choices=["install"])
    parser.parse_args(argv)
    try:
        report = prepare(react=True)
    except FrontendError as e:
        print(e, file=sys.stderr)
        return 1
    print(
        f"npm install: {report.install_seconds:.1f} s, build: {report.build_seconds:.2f} s; "
        f"web component {report.component_bytes // 1024} KiB, "
        f"React bundle {(report.react_bytes or 0) // 1024} KiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
