"""Tracing: off unless an endpoint is set, and the trace handed from event to event.

The whole journey's trace, across real processes, is tests/e2e/test_tracing.py.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator

import pytest
from asb_shared import tracing
from asb_shared.messaging import Event, Outbox
from asb_shared.messaging.envelope import current_traceparent
from asb_shared.observability import configure_logging
from asb_shared.settings import ServiceSettings
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

_OTEL_VARIABLES = (
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_SDK_DISABLED",
)


class SomethingTraced(Event):
    event_type = "test.tracing.something"

    key: str


@pytest.fixture
def no_otel_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _OTEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def exported() -> Iterator[InMemorySpanExporter]:
    """A provider of this module's own, its finished spans kept in memory."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.install(provider)
    try:
        yield exporter
    finally:
        tracing.install(None)


def _hex(span_context: trace.SpanContext) -> tuple[str, str]:
    return f"{span_context.trace_id:032x}", f"{span_context.span_id:016x}"


def _traceparent(span_context: trace.SpanContext) -> str:
    trace_id, span_id = _hex(span_context)
    return f"00-{trace_id}-{span_id}-{span_context.trace_flags:02x}"


def test_with_no_endpoint_no_exporter_is_installed(no_otel_env: None) -> None:
    before = trace.get_tracer_provider()
    assert tracing.traces_endpoint(ServiceSettings()) is None
    assert tracing.configure("probe", "api", ServiceSettings()) is False
    assert not tracing.enabled()
    # The global provider is still the API's no-op stand-in: nothing records, nothing exports.
    assert trace.get_tracer_provider() is before
    assert not trace.get_tracer(__name__).start_span("x").is_recording()
    # Nothing wraps the consumer or the relay either.
    envelope = Outbox("probe").envelope(SomethingTraced(key="a"), organisation_id=uuid.uuid4())
    assert tracing.consuming(envelope, "probe") is tracing.consuming(envelope, "other")
    work = object()
    assert tracing.in_trace_of(envelope.model_dump_json(), work) is work  # type: ignore[arg-type]


def test_the_traceparent_still_travels_when_tracing_is_off(no_otel_env: None) -> None:
    carried = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    token = current_traceparent.set(carried)
    try:
        envelope = Outbox("probe").envelope(SomethingTraced(key="a"), organisation_id=uuid.uuid4())
    finally:
        current_traceparent.reset(token)
    assert envelope.traceparent == carried


def test_the_endpoint_comes_from_the_standard_variables(
    no_otel_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")
    assert tracing.traces_endpoint(ServiceSettings()) == "http://collector:4318/v1/traces"
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://other:4318/spans")
    assert tracing.traces_endpoint(ServiceSettings()) == "http://other:4318/spans"
    monkeypatch.setenv("OTEL_SDK_DISABLED", "true")
    assert tracing.traces_endpoint(ServiceSettings()) is None


async def test_an_event_hands_its_trace_to_the_handling_of_it(
    exported: InMemorySpanExporter,
) -> None:
    tracer = trace.get_tracer(__name__, tracer_provider=tracing._provider)
    outbox = Outbox("probe")
    with tracer.start_as_current_span("request", kind=SpanKind.SERVER) as request:
        sent = outbox.envelope(SomethingTraced(key="a"), organisation_id=uuid.uuid4())
    trace_id, request_id = _hex(request.get_span_context())
    # Injected with the W3C propagator: the active span's context.
    assert sent.traceparent == _traceparent(request.get_span_context())
    assert sent.traceparent.startswith(f"00-{trace_id}-{request_id}-")

    # The relay publishes inside the event's trace.
    async def publish() -> tuple[str, str]:
        return _hex(trace.get_current_span().get_span_context())

    assert await tracing.in_trace_of(sent.model_dump_json(), publish()) == (trace_id, request_id)

    # The consumer's span continues it (no receive span here: the parent is the envelope's).
    with tracing.consuming(sent, "probe.events"):
        assert tracing.traceparent() != sent.traceparent
        emitted = outbox.envelope(SomethingTraced(key="b"), organisation_id=uuid.uuid4())
    [_, process] = exported.get_finished_spans()
    assert process.kind is SpanKind.CONSUMER
    assert process.name == "test.tracing.something process"
    assert process.parent is not None
    assert _hex(process.parent) == (trace_id, request_id)
    assert process.attributes is not None
    assert process.attributes["messaging.system"] == "rabbitmq"
    assert process.attributes["messaging.destination.name"] == "probe.events"
    assert process.attributes["messaging.message.id"] == str(sent.id)
    assert process.attributes["asb.event.type"] == "test.tracing.something"
    # What the handler emits carries the consumer span: the next hop hangs from it.
    assert process.context is not None
    assert emitted.traceparent == _traceparent(process.context)


async def test_a_receive_span_of_the_same_trace_is_the_consumers_parent(
    exported: InMemorySpanExporter,
) -> None:
    tracer = trace.get_tracer(__name__, tracer_provider=tracing._provider)
    with tracer.start_as_current_span("request"):
        sent = Outbox("probe").envelope(SomethingTraced(key="a"), organisation_id=uuid.uuid4())
    context = tracing._extract(sent.traceparent)
    with tracer.start_as_current_span("receive", context=context, kind=SpanKind.CONSUMER) as got:
        with tracing.consuming(sent, "probe.events"):
            pass
    # A receive span of another trace (a message that came without trace headers) is not.
    with tracer.start_as_current_span("orphan receive", kind=SpanKind.CONSUMER):
        with tracing.consuming(sent, "probe.events"):
            pass
    spans = {s.name: s for s in exported.get_finished_spans()}
    first, second = (s for s in exported.get_finished_spans() if s.name.endswith(" process"))
    assert first.parent is not None and first.parent.span_id == got.get_span_context().span_id
    assert second.parent is not None
    assert second.parent.span_id == spans["request"].context.span_id


def test_a_query_string_keeps_its_names_and_loses_its_values(
    exported: InMemorySpanExporter,
) -> None:
    provider = tracing._provider
    assert provider is not None
    provider.add_span_processor(tracing._redactor())
    tracer = trace.get_tracer(__name__, tracer_provider=provider)
    with tracer.start_as_current_span("GET", attributes={"url.query": "q=Jo+Bloggs&page=2"}):
        pass
    [span] = exported.get_finished_spans()
    assert span.attributes is not None
    assert span.attributes["url.query"] == "q=REDACTED&page=REDACTED"


def test_a_database_call_outside_any_trace_is_not_recorded() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider(sampler=tracing._sampler())
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer(__name__)
    query = {"db.system": "postgresql"}
    with tracer.start_as_current_span("SELECT", attributes=query):  # a relay's poll
        pass
    with tracer.start_as_current_span("send email"):
        with tracer.start_as_current_span("UPDATE", attributes=query):
            pass
    assert sorted(s.name for s in exporter.get_finished_spans()) == ["UPDATE", "send email"]


def test_a_log_line_carries_the_active_spans_traceparent(
    exported: InMemorySpanExporter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging("probe")
    try:
        tracer = trace.get_tracer(__name__, tracer_provider=tracing._provider)
        with tracer.start_as_current_span("work") as span:
            logging.getLogger("probe").info("inside")
    finally:
        root.handlers[:], root.level = handlers, level
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["traceparent"] == _traceparent(span.get_span_context())
