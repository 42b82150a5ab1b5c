"""descope_core.telemetry with the OpenTelemetry SDK: spans captured by the in-memory
exporter and counters read by the in-memory metric reader, against the emulator over
HTTP. No attribute may carry a token or a key; without opentelemetry installed the client
works and nothing is recorded (checked in a subprocess that cannot import it).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("opentelemetry.sdk")

from opentelemetry import metrics, trace  # noqa: E402
from opentelemetry.sdk.metrics import MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.export import InMemoryMetricReader  # noqa: E402
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (  # noqa: E402
    InMemorySpanExporter,
)

from descope_core import telemetry  # noqa: E402
from descope_core.exceptions import AuthException, RateLimitException  # noqa: E402

_EXPORTER = InMemorySpanExporter()
_READER = InMemoryMetricReader()
_installed: list[bool] = []


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """The process-wide providers (OpenTelemetry allows setting them once), cleared."""
    if not _installed:
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
        trace.set_tracer_provider(provider)
        metrics.set_meter_provider(MeterProvider(metric_readers=[_READER]))
        _installed.append(True)
    _EXPORTER.clear()
    yield _EXPORTER


def counters() -> dict[str, int]:
    data = _READER.get_metrics_data()
    out: dict[str, int] = {}
    if data is None:
        return out
    for resource in data.resource_metrics:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                out[metric.name] = sum(int(p.value) for p in metric.data.data_points)
    return out


def delta(before: dict[str, int], name: str) -> int:
    return counters().get(name, 0) - before.get(name, 0)


def named(exporter: InMemorySpanExporter, name: str) -> list[ReadableSpan]:
    return [s for s in exporter.get_finished_spans() if s.name == name]


def assert_no_secret(exporter: InMemorySpanExporter, *secrets: str) -> None:
    for span in exporter.get_finished_spans():
        for key, value in (span.attributes or {}).items():
            leaked = any(secret and secret in str(value) for secret in secrets)
            assert leaked is False, f"attribute {key} of {span.name} carries a secret"
        status = span.status.description or ""
        assert not any(secret and secret in status for secret in secrets)


@pytest.fixture
def client(descope_emulator: Any) -> Iterator[Any]:
    c = descope_emulator.client()
    yield c
    c.close()


def test_enabled_with_the_api_installed() -> None:
    assert telemetry.ENABLED is True


def test_validate_and_key_fetch_spans(spans: InMemorySpanExporter, client: Any,
                                      descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    outcome = client.sessions.resolve({}, {"authorization": "Bearer " + tokens["sessionJwt"]})
    assert outcome.session is not None
    (validate,) = named(spans, telemetry.VALIDATE)
    assert validate.attributes["descope.session.result"] == "valid"
    (fetch,) = named(spans, telemetry.KEYS_FETCH)
    # the JWKS download is an API call inside the key-fetch span, inside validate
    (api,) = [s for s in named(spans, telemetry.API_CALL) if s.parent is not None
              and s.parent.span_id == fetch.context.span_id]
    assert api.attributes["descope.path"].startswith("/v2/keys/")
    assert api.attributes["http.response.status_code"] == 200
    assert fetch.parent is not None and fetch.parent.span_id == validate.context.span_id
    assert_no_secret(spans, tokens["sessionJwt"], tokens["refreshJwt"],
                     descope_emulator.management_key)


def test_refresh_span_api_attributes_and_counter(spans: InMemorySpanExporter, client: Any,
                                                 descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("ada@example.com", session_ttl=-60)
    before = counters()
    outcome = client.sessions.resolve(
        {"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}, {}
    )
    assert outcome.session is not None and outcome.session.refreshed
    (validate,) = named(spans, telemetry.VALIDATE)
    assert validate.attributes["descope.session.result"] == "refreshed"
    (refresh,) = named(spans, telemetry.REFRESH)
    (api,) = [s for s in named(spans, telemetry.API_CALL)
              if s.attributes["descope.path"] == "/v1/auth/refresh"]
    assert api.parent is not None and api.parent.span_id == refresh.context.span_id
    assert api.attributes["http.request.method"] == "POST"
    assert api.attributes["http.response.status_code"] == 200
    assert str(api.attributes["descope.request_id"]).endswith("-EMU")
    assert delta(before, telemetry.REFRESHES) == 1
    assert delta(before, telemetry.REFRESH_FAILURES) == 0
    assert_no_secret(spans, tokens["sessionJwt"], tokens["refreshJwt"],
                     outcome.session.session_token, descope_emulator.management_key)


def test_refused_refresh_counts_a_failure_and_names_the_error_code(
    spans: InMemorySpanExporter, client: Any, descope_emulator: Any
) -> None:
    tokens = descope_emulator.sign_in("ada@example.com", session_ttl=-60)
    descope_emulator.revoke(tokens["refreshJwt"])
    before = counters()
    outcome = client.sessions.resolve({"DS": tokens["sessionJwt"], "DSR": tokens["refreshJwt"]}, {})
    assert outcome.session is None
    (validate,) = named(spans, telemetry.VALIDATE)
    assert validate.attributes["descope.session.result"] == "refresh_failed"
    (api,) = [s for s in named(spans, telemetry.API_CALL)
              if s.attributes["descope.path"] == "/v1/auth/refresh"]
    assert api.attributes["http.response.status_code"] == 401
    assert api.attributes["descope.error_code"]
    assert api.attributes["descope.request_id"]
    assert api.status.status_code.name == "ERROR"
    assert delta(before, telemetry.REFRESH_FAILURES) == 1
    assert_no_secret(spans, tokens["sessionJwt"], tokens["refreshJwt"])


def test_cache_hits_counted(spans: InMemorySpanExporter, client: Any,
                            descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    headers = {"authorization": "Bearer " + tokens["sessionJwt"]}
    client.sessions.resolve({}, headers)
    before = counters()
    for _ in range(3):
        assert client.sessions.resolve({}, headers).session is not None
    assert delta(before, telemetry.CACHE_HITS) == 3


def test_every_api_call_has_a_span_and_429s_are_counted(
    spans: InMemorySpanExporter, client: Any, descope_emulator: Any
) -> None:
    client.mgmt.user.create("grace@example.com", email="grace@example.com")
    before = counters()
    with descope_emulator.faults("/v1/mgmt/user", status=429, retry_after=2):
        with pytest.raises(RateLimitException):
            client.mgmt.user.load("grace@example.com")
    paths = [s.attributes["descope.path"] for s in named(spans, telemetry.API_CALL)]
    assert paths[0].startswith("/v1/mgmt/user/create")
    limited = named(spans, telemetry.API_CALL)[-1]
    assert limited.attributes["http.response.status_code"] == 429
    assert limited.attributes["http.request.method"] == "GET"
    assert delta(before, telemetry.RATE_LIMITED) == 1
    assert_no_secret(spans, descope_emulator.management_key)


def test_logs_name_the_request_id(spans: InMemorySpanExporter, client: Any,
                                  descope_emulator: Any,
                                  caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="descope_core.transport"):
        with pytest.raises(AuthException):
            client.mgmt.user.load("nobody@example.com")
    (api,) = named(spans, telemetry.API_CALL)
    rid = api.attributes["descope.request_id"]
    assert any(f"request id {rid}" in r.getMessage() for r in caplog.records)
    assert not any(descope_emulator.management_key in r.getMessage() for r in caplog.records)


NO_OTEL = textwrap.dedent(
    """
    import sys
    sys.modules["opentelemetry"] = None  # as if opentelemetry-api were not installed
    from descope_core import DescopeClient, telemetry
    assert telemetry.ENABLED is False
    with telemetry.span(telemetry.VALIDATE) as current:
        assert current is None
    telemetry.count(telemetry.REFRESHES)
    client = DescopeClient(sys.argv[1], base_url=sys.argv[2], cookie_secure=False)
    outcome = client.sessions.resolve({}, {"authorization": "Bearer " + sys.argv[3]})
    assert outcome.session is not None
    print("ok")
    """
)


def test_no_op_without_opentelemetry(descope_emulator: Any) -> None:
    tokens = descope_emulator.sign_in("ada@example.com")
    result = subprocess.run(
        [sys.executable, "-c", NO_OTEL, descope_emulator.project_id, descope_emulator.base_url,
         tokens["sessionJwt"]],
        capture_output=True, text=True, timeout=120, env={**os.environ},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


LATE_PROVIDER = textwrap.dedent(
    """
    import sys
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from descope_core import DescopeClient, telemetry

    assert telemetry.ENABLED is True and telemetry.tracing() is False
    client = DescopeClient(sys.argv[1], base_url=sys.argv[2], cookie_secure=False)
    headers = {"authorization": "Bearer " + sys.argv[3]}
    # the API is installed but nothing listens: no span object is built at all
    with telemetry.span(telemetry.VALIDATE) as current:
        assert current is None
    for _ in range(3):
        assert client.sessions.resolve({}, headers).session is not None
    assert telemetry.tracing() is False

    # a provider set after requests were served is picked up, and stays
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    assert client.sessions.resolve({}, headers).session is not None
    assert telemetry.tracing() is True
    names = [s.name for s in exporter.get_finished_spans()]
    assert names == [telemetry.VALIDATE], names
    assert exporter.get_finished_spans()[0].attributes["descope.session.result"] == "valid"
    print("ok")
    """
)


def test_no_span_built_until_a_tracer_provider_is_set(descope_emulator: Any) -> None:
    """With the API but no provider nothing is built; a provider set later is used."""
    tokens = descope_emulator.sign_in("ada@example.com")
    result = subprocess.run(
        [sys.executable, "-c", LATE_PROVIDER, descope_emulator.project_id,
         descope_emulator.base_url, tokens["sessionJwt"]],
        capture_output=True, text=True, timeout=120, env={**os.environ},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
