"""Route modules: one per auth method (``auth_<method>.py``), one per management area
(``mgmt_<area>.py``, mirroring ``descope_core/mgmt/<area>.py``) and the emulator's own
pages and test support (``emulator_*.py``). Each holds handler functions only; the one
route table (``descope_emulator/route_table.py``) maps paths to them. Route modules never
import each other: what several share lives in ``web/`` (request parsing) or ``domain/``
(rules)."""
