"""Example apps (Flask, Django, FastAPI) and the one-command demo (`python -m example_apps`).

The three apps implement the same small product so they can be compared file by file;
`example_apps.launch` starts the emulator and an app as subprocesses and
`example_apps.seed` fills the emulator with the demo tenant, roles and users.
"""
