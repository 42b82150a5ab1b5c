"""The Django app: settings resolved and the `DescopeClient` built once, at `ready()`.

Nothing is read at import time. In tests, changing any `DESCOPE_*` setting (with
`override_settings` or the `setting_changed` signal) rebuilds the client and settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

from descope_core.config import COOKIE_SETTINGS, cookie_overrides, framework_setting_defaults
from descope_core.exceptions import DescopeError

from ._adapter import end_session

if TYPE_CHECKING:
    from descope_core import DescopeClient
    from descope_core.guard import Guard

APP_LABEL = "descope_django"

# Setting name -> default. The client's settings and defaults come from the core's one
# option table (`None` lets the core apply the environment); the rest are Django's own.
SETTINGS_DEFAULTS: dict[str, Any] = {
    "DESCOPE_CLIENT": None,
    **framework_setting_defaults(),
    "DESCOPE_LOGIN_URL": None,
    "DESCOPE_USERNAME_CLAIM": "sub",
    "DESCOPE_STAFF_ROLE": None,
    "DESCOPE_SUPERUSER_ROLE": None,
    "DESCOPE_CSRF_PROTECT": True,
    "DESCOPE_TRUSTED_ORIGINS": (),
}

# Settings outside our namespace whose change invalidates what `reload()` cached.
_WATCHED = frozenset({"AUTHENTICATION_BACKENDS"})


def setting(name: str) -> Any:
    return getattr(settings, name, SETTINGS_DEFAULTS[name])


@dataclass(frozen=True)
class DescopeSettings:
    """The adapter's own options (the client holds the rest)."""

    login_url: str | None
    username_claim: str
    staff_role: str | None
    superuser_role: str | None
    csrf_protect: bool
    trusted_origins: tuple[str, ...]

    @classmethod
    def from_settings(cls) -> DescopeSettings:
        origins: Iterable[str] | str = setting("DESCOPE_TRUSTED_ORIGINS") or ()
        return cls(
            login_url=setting("DESCOPE_LOGIN_URL") or None,
            username_claim=setting("DESCOPE_USERNAME_CLAIM") or "sub",
            staff_role=setting("DESCOPE_STAFF_ROLE") or None,
            superuser_role=setting("DESCOPE_SUPERUSER_ROLE") or None,
            csrf_protect=bool(setting("DESCOPE_CSRF_PROTECT")),
            trusted_origins=(origins,) if isinstance(origins, str) else tuple(origins),
        )


def build_client() -> DescopeClient:
    """A client from `DESCOPE_*` settings; unset values fall back to the core's defaults.

    With `DESCOPE_CLIENT`, that client, except that the cookie settings the project sets
    (`DESCOPE_COOKIE_SECURE`, `DESCOPE_SESSION_COOKIE_NAME`, ...) decide the project's
    cookies over the client's own (`DescopeClient.with_cookie_settings`).

    Raises:
        DescopeError: no project id, or a malformed setting.
    """
    explicit = setting("DESCOPE_CLIENT")
    if explicit is not None:
        own = {name: getattr(settings, name) for name in COOKIE_SETTINGS if hasattr(settings, name)}
        return explicit.with_cookie_settings(**cookie_overrides(own))  # type: ignore[no-any-return]
    from descope_core import DescopeClient
    from descope_core.config import client_kwargs_from_settings

    return DescopeClient(**client_kwargs_from_settings(lambda name: getattr(settings, name, None)))


class DescopeDjangoConfig(AppConfig):
    name = "descope_django"
    label = APP_LABEL
    verbose_name = "Descope"
    default_auto_field = "django.db.models.BigAutoField"

    _client: DescopeClient | None = None
    _guard: Guard | None = None
    _client_error: DescopeError | None = None
    _owns_client: bool = False
    descope_settings: DescopeSettings
    backend: Any = None  # the configured DescopeBackend instance (or a default one)

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from . import checks  # noqa: F401  (registers the system checks)

        self.reload()
        setting_changed.connect(self._on_setting_changed, dispatch_uid="descope_django.reload")
        # Django's own sign-out (admin "Log out", `django.contrib.auth.logout`) ends the
        # Descope session too: refresh token revoked, DS/DSR cleared on the response
        user_logged_out.connect(self._on_user_logged_out, dispatch_uid="descope_django.logout")

    def reload(self) -> None:
        """Resolve settings and build the client; called at ready() and on setting changes."""
        self.descope_settings = DescopeSettings.from_settings()
        self.backend = _find_backend()
        previous, owned = self._client, self._owns_client
        try:
            self._client = build_client()
            self._client_error = None
        except DescopeError as e:  # e.g. no project id: reported by `manage.py check` too
            self._client = None
            self._client_error = e
        self._owns_client = self._client is not None and setting("DESCOPE_CLIENT") is None
        if previous is not None and owned and previous is not self._client:
            previous.close()  # ours, not one the project passed in DESCOPE_CLIENT
        self._guard = None
        if self._client is not None:
            from descope_core.guard import Guard

            opts = self.descope_settings
            try:
                self._guard = Guard.for_config(
                    self._client.config,
                    login_url=opts.login_url,
                    csrf_protect=opts.csrf_protect,
                    trusted_origins=opts.trusted_origins,
                )
            except ValueError as e:
                raise ImproperlyConfigured(f"DESCOPE_TRUSTED_ORIGINS: {e}") from None

    @property
    def client(self) -> DescopeClient:
        if self._client is None:
            raise ImproperlyConfigured(
                "descope_django has no DescopeClient: set DESCOPE_PROJECT_ID in settings "
                "(or the DESCOPE_PROJECT_ID environment variable), or DESCOPE_CLIENT "
                f"to a DescopeClient instance ({self._client_error})"
            )
        return self._client

    @property
    def guard(self) -> Guard:
        """The cross-site rule and the denials for this project (`descope_core.guard`)."""
        if self._guard is None:
            self.client  # noqa: B018  (raises ImproperlyConfigured naming the fix)
        assert self._guard is not None
        return self._guard

    def _on_user_logged_out(self, sender: Any = None, request: Any = None, **_: Any) -> None:
        if request is not None and self._client is not None:
            end_session(request, self._client, always_clear=False)

    def _on_setting_changed(self, *, setting: str, **kwargs: Any) -> None:
        if setting.startswith("DESCOPE_") or setting in _WATCHED:
            self.reload()


def _find_backend() -> Any:
    from django.contrib.auth import load_backend

    from .backends import DescopeBackend

    for path in getattr(settings, "AUTHENTICATION_BACKENDS", ()):
        try:
            backend = load_backend(path)
        except ImportError:
            continue  # Django's own check reports it
        if isinstance(backend, DescopeBackend):
            return backend
    return DescopeBackend()


def get_config() -> DescopeDjangoConfig:
    try:
        config = apps.get_app_config(APP_LABEL)
    except LookupError:
        raise ImproperlyConfigured(
            'descope_django is not installed: add "descope_django" to INSTALLED_APPS'
        ) from None
    assert isinstance(config, DescopeDjangoConfig)
    return config
