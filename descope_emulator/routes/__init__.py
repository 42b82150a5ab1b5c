"""Route modules. Each public module exposes ``routes: list[BaseRoute]``; app.py collects
them all (``auth_*`` for /v1/auth, ``mgmt_*`` for /v1/mgmt and /v2/mgmt, ``testsupport``
for /emulator)."""
