"""The emulator's storage layer: the only place that speaks SQL.

``Store(path)`` opens the database (creating / migrating the schema of :mod:`.schema`) and
offers one query object per area: ``store.users.by_login_id(...)``,
``store.tenants.get(...)``, ... Each area's queries live in ``storage/<area>.py``.
"""

from .database import dumps, loads, new_id
from .store import Store

__all__ = ["Store", "dumps", "loads", "new_id"]
