"""`DescopeBackend`: Descope sessions -> rows of the project's user model.

`authenticate(request, session=...)` gets or creates the user named by the configured
claim (`DESCOPE_USERNAME_CLAIM`, default `sub`) and keeps a few fields in step with the
session: `is_staff` / `is_superuser` from `DESCOPE_STAFF_ROLE` / `DESCOPE_SUPERUSER_ROLE`,
`email`, `first_name`, `last_name` from the claims when present. The row is written only
on first sight or when one of those fields changed.

`has_perm` answers from the session's Descope permissions, so Django's
`permission_required` and `user.has_perm("read:reports")` work unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.hashers import make_password
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.http import HttpRequest

from descope_core.outcome import DescopeSession

if TYPE_CHECKING:
    from .apps import DescopeSettings

SESSION_ATTR = "descope_session"  # set on user objects returned by `authenticate`

# model field -> claims to read it from, first present wins
_CLAIM_FIELDS: dict[str, tuple[str, ...]] = {
    "email": ("email",),
    "first_name": ("given_name", "name"),
    "last_name": ("family_name",),
}


def _settings() -> DescopeSettings:
    """The adapter's options, from this app's config in Django's registry (`apps.py`
    imports this module at ready(), so this module does not import `apps`)."""
    config = django_apps.get_containing_app_config(__name__)
    if config is None:
        raise ImproperlyConfigured(
            'descope_django is not installed: add "descope_django" to INSTALLED_APPS'
        )
    settings: DescopeSettings = config.descope_settings  # type: ignore[attr-defined]
    return settings


class DescopeBackend(BaseBackend):
    """Authentication backend for sessions validated by `DescopeMiddleware`."""

    # -- overridable steps ---------------------------------------------------------------

    def get_username(self, session: DescopeSession, opts: DescopeSettings) -> str | None:
        value = session.claims.get(opts.username_claim)
        if opts.username_claim == "sub" and not value:
            value = session.user_id
        return value if isinstance(value, str) and value else None

    def synced_fields(self, session: DescopeSession, opts: DescopeSettings) -> dict[str, Any]:
        """Field values the user row must carry for this session."""
        model = get_user_model()
        fields: dict[str, Any] = {}
        roles = set(session.roles)
        if opts.superuser_role and _has_field(model, "is_superuser"):
            fields["is_superuser"] = opts.superuser_role in roles
        if (opts.staff_role or opts.superuser_role) and _has_field(model, "is_staff"):
            fields["is_staff"] = bool(roles & {opts.staff_role, opts.superuser_role} - {None})
        for name, claims in _CLAIM_FIELDS.items():
            value = _first_str(session.claims, claims)
            if value is not None and _has_field(model, name):
                fields[name] = _fit(model, name, value)
        return fields

    def new_user_defaults(self, model: Any, fields: dict[str, Any]) -> dict[str, Any]:
        """Values for a user created on first sight: the synced fields, no usable password."""
        defaults = dict(fields)
        if _has_field(model, "password"):
            defaults["password"] = make_password(None)
        return defaults

    # -- Django backend API --------------------------------------------------------------

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        session: DescopeSession | None = None,
        **kwargs: Any,
    ) -> Any:
        if session is None:
            return None
        opts = _settings()
        username = self.get_username(session, opts)
        if username is None:
            return None
        model = get_user_model()
        fields = self.synced_fields(session, opts)
        user, created = model._default_manager.get_or_create(
            **{model.USERNAME_FIELD: username}, defaults=self.new_user_defaults(model, fields)
        )
        if not created:
            changed = _changed(user, fields)
            if changed:
                user.save(update_fields=changed)
        return self._finish(user, session)

    async def aauthenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        session: DescopeSession | None = None,
        **kwargs: Any,
    ) -> Any:
        if session is None:
            return None
        opts = _settings()
        username = self.get_username(session, opts)
        if username is None:
            return None
        model = get_user_model()
        fields = self.synced_fields(session, opts)
        user, created = await model._default_manager.aget_or_create(
            **{model.USERNAME_FIELD: username}, defaults=self.new_user_defaults(model, fields)
        )
        if not created:
            changed = _changed(user, fields)
            if changed:
                await user.asave(update_fields=changed)
        return self._finish(user, session)

    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        try:
            user = model._default_manager.get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id: Any) -> Any:
        model = get_user_model()
        try:
            user = await model._default_manager.aget(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        return getattr(user, "is_active", True) is not False

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or not getattr(user_obj, "is_active", False):
            return set()
        session = getattr(user_obj, SESSION_ATTR, None)
        if not isinstance(session, DescopeSession):
            return set()
        return set(session.permissions)

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return self.get_user_permissions(user_obj, obj)

    async def aget_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return self.get_user_permissions(user_obj, obj)

    async def aget_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return self.get_user_permissions(user_obj, obj)

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_user_permissions(user_obj, obj)

    async def ahas_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return self.has_perm(user_obj, perm, obj)

    # -- helpers -------------------------------------------------------------------------

    def _finish(self, user: Any, session: DescopeSession) -> Any:
        if not self.user_can_authenticate(user):
            return None
        setattr(user, SESSION_ATTR, session)
        user.backend = f"{type(self).__module__}.{type(self).__qualname__}"
        return user


def _has_field(model: Any, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _fit(model: Any, name: str, value: str) -> str:
    max_length = getattr(model._meta.get_field(name), "max_length", None)
    return value[:max_length] if max_length else value


def _first_str(claims: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = claims.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _changed(user: Any, fields: Mapping[str, Any]) -> list[str]:
    changed = [name for name, value in fields.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, fields[name])
    return changed
