"""Google in the flows, through the emulator's stand-in provider: "Continue with Google"
sends the browser to the identity picker, which sends it back to the app's page; the flow
resumes there with the code and completes signed in (a new user on the first sign-in)."""

from __future__ import annotations

from typing import Any

from .. import flow_engine
from ..flow_engine import Run, Step
from . import identity_provider

# not in step-up: the provider may vouch for another user than the session's
flow_engine.start_section("google", "start-google.html", order=40,
                          flows=("sign-up-or-in", "sign-up", "sign-in"))


@flow_engine.on(flow_engine.START, "google")
def continue_with_google(run: Run, given: dict[str, Any]) -> Step:
    """Start screen, "Continue with Google"."""
    return identity_provider.go(run, "oauth", provider="google")
