"""OpenTelemetry spans and counters, when `opentelemetry-api` is installed.

Spans (tracer `descope_core`):

* `descope.session.validate`: one per session decision (`SessionManager.resolve` /
  `aresolve`), attribute `descope.session.result` (`valid`, `refreshed` or the reason);
* `descope.session.refresh`: one per refresh call actually made (single-flight waiters
  share it);
* `descope.keys.fetch`: one per JWKS download;
* `descope.api`: one per HTTP call to Descope, attributes `descope.path` (the URL path,
  never a query string), `http.request.method`, `http.response.status_code`,
  `descope.error_code`, `descope.request_id` (the `cf-ray` header Descope answers with).

Counters (meter `descope_core`): `descope.session.refreshes`,
`descope.session.refresh_failures`, `descope.token_cache.hits`, `descope.api.rate_limited`.

No attribute ever carries a token, a key or a request body: only the names above.

Cost when nothing listens: without `opentelemetry-api` every function here is a no-op (a
shared null context manager). With the API installed but no tracer provider configured
(`trace.set_tracer_provider`, or `OTEL_PYTHON_TRACER_PROVIDER`), `span()` builds nothing
either: no span object, no context attach/detach. OpenTelemetry lets a process set its
provider once and never unset it, so the decision is a one-way switch: `tracing()` turns
True the first time a real provider is seen and stays True; until then each call reads
one module attribute (the same global OpenTelemetry's own proxy reads). Counters follow
the meter provider the same way. A provider set after the first request is picked up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

try:  # optional dependency: the `otel` extra
    from opentelemetry import metrics as _metrics
    from opentelemetry import trace as _trace
    from opentelemetry.metrics import NoOpMeterProvider
    from opentelemetry.trace import NoOpTracerProvider, Status, StatusCode

    try:  # where the API keeps the global providers (set once per process)
        from opentelemetry.metrics import _internal as _metrics_globals
    except ImportError:  # pragma: no cover - a future layout: ask the public getters
        _metrics_globals = None  # type: ignore[assignment]
except ImportError:  # pragma: no cover - exercised by environments without the extra
    _trace = None  # type: ignore[assignment]
    _metrics = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from .outcome import SessionOutcome

logger = logging.getLogger("descope_core.transport")

INSTRUMENTATION = "descope_core"
VALIDATE = "descope.session.validate"
REFRESH = "descope.session.refresh"
KEYS_FETCH = "descope.keys.fetch"
API_CALL = "descope.api"

REFRESHES = "descope.session.refreshes"
REFRESH_FAILURES = "descope.session.refresh_failures"
CACHE_HITS = "descope.token_cache.hits"
RATE_LIMITED = "descope.api.rate_limited"

# response headers naming Descope's id for a request, first present wins
REQUEST_ID_HEADERS = ("cf-ray", "x-request-id")

ENABLED = _trace is not None
_NULL: AbstractContextManager[Any] = nullcontext()

if _trace is not None and _metrics is not None:
    # proxies: they follow whatever provider the application sets later (getting them
    # installs a provider named by OTEL_PYTHON_TRACER_PROVIDER / _METER_PROVIDER)
    _tracer = _trace.get_tracer(INSTRUMENTATION)
    _meter = _metrics.get_meter(INSTRUMENTATION)
    _counters = {
        REFRESHES: _meter.create_counter(REFRESHES, description="refresh calls made"),
        REFRESH_FAILURES: _meter.create_counter(
            REFRESH_FAILURES, description="refresh calls Descope refused or could not answer"
        ),
        CACHE_HITS: _meter.create_counter(
            CACHE_HITS, description="session tokens served from the verified-token cache"
        ),
        RATE_LIMITED: _meter.create_counter(
            RATE_LIMITED, description="Descope answers with status 429"
        ),
    }


# the one-way switches (see the module doc): True once a real provider was seen
_tracing = False
_metering = False


def _configured(module: Any, attribute: str, noop: type) -> bool:
    """Whether OpenTelemetry holds a real (not no-op) global provider."""
    provider = getattr(module, attribute, _UNKNOWN)
    if provider is _UNKNOWN:  # pragma: no cover - another API layout: trace as before
        return True
    return provider is not None and not isinstance(provider, noop)


_UNKNOWN = object()


def tracing() -> bool:
    """True once a tracer provider is configured (then for the life of the process)."""
    global _tracing
    if _tracing:
        return True
    if not ENABLED or not _configured(_trace, "_TRACER_PROVIDER", NoOpTracerProvider):
        return False
    _tracing = True
    return True


def metering() -> bool:
    """True once a meter provider is configured (then for the life of the process)."""
    global _metering
    if _metering:
        return True
    if not ENABLED or not _configured(_metrics_globals, "_METER_PROVIDER", NoOpMeterProvider):
        return False
    _metering = True
    return True


def span(name: str, attributes: Mapping[str, Any] | None = None) -> AbstractContextManager[Any]:
    """A span around a block (None inside when nothing is traced: no OpenTelemetry, or no
    tracer provider configured yet; then nothing is built at all).

    Exceptions are not recorded as events (their text is not ours to export); a block
    that raises marks the span as an error with the exception's class name only.
    """
    if not _tracing and not tracing():
        return _NULL
    return _span(name, attributes)


@contextmanager
def _span(name: str, attributes: Mapping[str, Any] | None) -> Iterator[Any]:
    with _tracer.start_as_current_span(
        name, attributes=attributes, record_exception=False, set_status_on_exception=False
    ) as current:
        try:
            yield current
        except BaseException as exc:
            current.set_status(Status(StatusCode.ERROR, type(exc).__name__))
            error_code = getattr(exc, "error_code", None)
            if isinstance(error_code, str) and error_code:
                current.set_attribute("descope.error_code", error_code)
            status = getattr(exc, "status_code", None)
            if isinstance(status, int) and not isinstance(status, bool):
                current.set_attribute("http.response.status_code", status)
            raise


def count(name: str, amount: int = 1) -> None:
    """Add to one of this module's counters (no-op until a meter provider is configured,
    as OpenTelemetry's own proxy counters are)."""
    if _metering or metering():
        _counters[name].add(amount)


def set_attributes(current: Any, attributes: Mapping[str, Any]) -> None:
    """Set attributes on a span from `span()` (which is None without OpenTelemetry)."""
    if current is not None:
        current.set_attributes({k: v for k, v in attributes.items() if v is not None})


def request_id(headers: Mapping[str, str]) -> str | None:
    """The id Descope gave a request (`cf-ray`), if its response carries one."""
    for name in REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return value
    return None


def api_call(method: str, path: str) -> AbstractContextManager[Any]:
    """The `descope.api` span of one HTTP call; `path` must not include a query string."""
    return span(API_CALL, {"descope.path": path, "http.request.method": method})


def api_response(current: Any, method: str, path: str, status: int, headers: Mapping[str, str]) -> None:
    """Record one response on the call's span, count a 429, and log it with its request id."""
    rid = request_id(headers)
    if status == 429:
        count(RATE_LIMITED)
    set_attributes(current, {"http.response.status_code": status, "descope.request_id": rid})
    logger.debug("descope %s %s -> %s (request id %s)", method, path, status, rid or "-")


def session_result(current: Any, outcome: SessionOutcome) -> None:
    """Name the outcome of a `descope.session.validate` span: `valid`, `refreshed`, or
    the reason there is no session."""
    if current is None:
        return
    session = outcome.session
    if session is not None:
        result = "refreshed" if session.refreshed else "valid"
    else:
        result = outcome.reason.value if outcome.reason is not None else "missing"
    current.set_attribute("descope.session.result", result)
