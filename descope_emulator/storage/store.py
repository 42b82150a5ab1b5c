"""``Store``: the database plus one query object per area."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .access_keys import AccessKeys
from .audit_events import AuditEvents
from .authz_relations import AuthzRelations
from .challenges import Challenges
from .database import Database
from .fga_tuples import FgaTuples
from .flows import Flows
from .login_history import LoginHistory
from .meta import Meta
from .outbox import Outbox
from .passkeys import Passkeys
from .pending_sessions import PendingSessions
from .permissions import Permissions
from .project_documents import ProjectDocuments
from .records import Records
from .refresh_tokens import RefreshTokens
from .roles import Roles
from .signing_keys import SigningKeys
from .sso_applications import SsoApplications
from .sso_settings import SsoSettings
from .tenants import Tenants
from .users import Users


class Store:
    """Everything the emulator remembers. A new area adds its query class here."""

    def __init__(self, path: str) -> None:
        self.db = Database(path)
        self.meta = Meta(self.db)
        self.signing_keys = SigningKeys(self.db)
        self.users = Users(self.db)
        self.login_history = LoginHistory(self.db)
        self.refresh_tokens = RefreshTokens(self.db)
        self.challenges = Challenges(self.db)
        self.pending_sessions = PendingSessions(self.db)
        self.outbox = Outbox(self.db)
        self.tenants = Tenants(self.db)
        self.roles = Roles(self.db)
        self.permissions = Permissions(self.db)
        self.access_keys = AccessKeys(self.db)
        self.audit_events = AuditEvents(self.db)
        self.flows = Flows(self.db)
        self.sso_settings = SsoSettings(self.db)
        self.sso_applications = SsoApplications(self.db)
        self.fga_tuples = FgaTuples(self.db)
        self.authz_relations = AuthzRelations(self.db)
        self.project_documents = ProjectDocuments(self.db)
        self.passkeys = Passkeys(self.db)
        self.records = Records(self.db)

    @property
    def path(self) -> str:
        """The database file (or ``:memory:``)."""
        return self.db.path

    @contextmanager
    def tx(self) -> Iterator[None]:
        """One transaction around several area calls (they join it; nothing is written
        when the block raises)."""
        with self.db.tx():
            yield

    def reset(self) -> None:
        """Empty all data but the signing keys and the meta settings."""
        self.db.reset()

    def close(self) -> None:
        """Close the database."""
        self.db.close()
