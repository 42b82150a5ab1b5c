"""Helpers shared by the test folders (and the benchmarks), imported as a package.

* `tests.support.stand_in`: `StandInDescope`, the one stand-in Descope for tests that
  need Descope to misbehave in ways the emulator cannot (keys it does not hold, canned
  failures, gated replies). Everything else talks to the real emulator.
* `tests.support.servers`: real servers on 127.0.0.1 for the matrix apps (WSGI under
  werkzeug, ASGI under uvicorn), request and cookie helpers.
* `tests.support.leaks`: assertions that no token reaches a log line.
"""
