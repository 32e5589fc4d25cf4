"""OpenTelemetry traces across HTTP and the bus, exported by OTLP when an endpoint is set.

Off by default: with no endpoint configured nothing is installed and the OpenTelemetry API
stays a no-op (the W3C ``traceparent`` still travels as it always has). When
``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``) is set, each API
and worker process exports its spans to it over OTLP/HTTP, as ``<service>-<role>``:

- HTTP server spans, from FastAPI's own telemetry (it uses the installed provider);
- a span per database call (asyncpg), with the statement and never its values;
- the relay's publish (PRODUCER) and the consumer's receive (CONSUMER), from the aio-pika
  instrumentation: the relay publishes each event inside the trace the event carries, so the
  broker's message continues the request's trace;
- a CONSUMER span per handled event (:func:`consuming`), whose parent is the receive span, or
  the envelope's ``traceparent`` when the message came without one;
- whatever a service wraps in :func:`span_in` (notifications: the send of each message).

Events written to the outbox take the traceparent of the active span (:func:`traceparent`), so
one report's trace runs from the intake API through every consumer to the email sent.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import SpanKind, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from .messaging.envelope import Envelope, current_traceparent

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import Span, SpanProcessor, TracerProvider
    from opentelemetry.sdk.trace.sampling import Sampler
    from opentelemetry.trace import Link
    from opentelemetry.trace.span import TraceState
    from opentelemetry.util.types import Attributes

    from .settings import ServiceSettings

__all__ = [
    "SpanKind",
    "StatusCode",
    "configure",
    "consuming",
    "enabled",
    "in_trace_of",
    "install",
    "shutdown",
    "span_in",
    "traceparent",
    "traces_endpoint",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

_PROPAGATOR = TraceContextTextMapPropagator()
_NOTHING: AbstractContextManager[None] = nullcontext()
_provider: TracerProvider | None = None
# The no-op tracer until a provider is installed, then the provider's.
_tracer: trace.Tracer = trace.NoOpTracer()


def traces_endpoint(settings: ServiceSettings) -> str | None:
    """Where spans are sent, from the standard OTLP variables; None when tracing is off."""
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return None
    if settings.otel_exporter_otlp_traces_endpoint:
        return settings.otel_exporter_otlp_traces_endpoint
    if settings.otel_exporter_otlp_endpoint:
        return settings.otel_exporter_otlp_endpoint.rstrip("/") + "/v1/traces"
    return None


def enabled() -> bool:
    """True once :func:`configure` has installed an exporter in this process."""
    return _provider is not None


def configure(service: str, role: str, settings: ServiceSettings) -> bool:
    """Install the SDK, the OTLP exporter and the instrumentations if an endpoint is set.

    Called once per process before the app is built; True if tracing is on.
    """
    if _provider is not None:
        return True
    endpoint = traces_endpoint(settings)
    if endpoint is None:
        return False
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.aio_pika import AioPikaInstrumentor
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(
        sampler=_sampler(),
        resource=Resource.create(
            {
                "service.name": f"{service}-{role}",
                "service.namespace": "asb",
                "deployment.environment.name": settings.environment,
            }
        ),
        # Shut down by :func:`shutdown` when the server has stopped, not by atexit.
        shutdown_on_exit=False,
    )
    # Spans are exported when they end, so the query is gone before any leaves the process.
    provider.add_span_processor(_redactor())
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    trace.set_tracer_provider(provider)
    AsyncPGInstrumentor().instrument(tracer_provider=provider)  # type: ignore[no-untyped-call]
    AioPikaInstrumentor().instrument(tracer_provider=provider)
    install(provider)
    log.info("tracing on", extra={"endpoint": endpoint, "service_name": f"{service}-{role}"})
    return True


def install(provider: TracerProvider | None) -> None:
    """Make ``provider`` this module's (None: tracing off again). :func:`configure` does it for
    a service process; a test may install a provider with an in-memory exporter."""
    global _provider, _tracer
    _provider = provider
    _tracer = provider.get_tracer("asb_shared") if provider is not None else trace.NoOpTracer()


def shutdown() -> None:
    """Export the spans still buffered and stop the exporter (at process exit)."""
    if _provider is not None:
        _provider.shutdown()
        install(None)


def _redactor() -> SpanProcessor:
    from opentelemetry.sdk.trace import SpanProcessor

    class RedactQuery(SpanProcessor):
        """Keeps a query string's names and drops its values (a search may name a person)."""

        def on_start(self, span: Span, parent_context: Context | None = None) -> None:
            query = (span.attributes or {}).get("url.query")
            if isinstance(query, str) and query:
                pairs = parse_qsl(query, keep_blank_values=True)
                span.set_attribute("url.query", urlencode([(k, "REDACTED") for k, _ in pairs]))

    return RedactQuery()


def _sampler() -> Sampler:
    from opentelemetry.sdk.trace.sampling import (
        Decision,
        Sampler,
        SamplingResult,
        _get_from_env_or_default,
    )

    class NoLoneQueries(Sampler):
        """Drops a database call made outside any trace (the relay's, the dispatcher's and the
        timers' polls, every second in every worker); anything else as ``OTEL_TRACES_SAMPLER``
        says (by default: every trace, and a child whenever its parent is sampled)."""

        def __init__(self) -> None:
            self.inner = _get_from_env_or_default()

        def should_sample(
            self,
            parent_context: Context | None,
            trace_id: int,
            name: str,
            kind: SpanKind | None = None,
            attributes: Attributes = None,
            links: Sequence[Link] | None = None,
            trace_state: TraceState | None = None,
        ) -> SamplingResult:
            if (
                attributes
                and ("db.system" in attributes or "db.system.name" in attributes)
                and not trace.get_current_span(parent_context).get_span_context().is_valid
            ):
                return SamplingResult(Decision.DROP)
            return self.inner.should_sample(
                parent_context, trace_id, name, kind, attributes, links, trace_state
            )

        def get_description(self) -> str:
            return f"NoLoneQueries{{{self.inner.get_description()}}}"

    return NoLoneQueries()


def traceparent() -> str | None:
    """The W3C traceparent of the active span; else the one the work in hand arrived with."""
    if _provider is not None and trace.get_current_span().get_span_context().is_valid:
        carrier: dict[str, str] = {}
        _PROPAGATOR.inject(carrier)
        return carrier.get("traceparent")
    return current_traceparent.get()


def _extract(traceparent: str | None) -> Context | None:
    if not traceparent:
        return None
    extracted = _PROPAGATOR.extract({"traceparent": traceparent})
    return extracted if trace.get_current_span(extracted).get_span_context().is_valid else None


def in_trace_of(payload: str, work: Awaitable[T]) -> Awaitable[T]:
    """Run ``work`` (a publish) inside the trace the envelope in ``payload`` carries.

    With tracing off it is ``work`` itself: the payload is not even parsed.
    """
    if _provider is None:
        return work
    try:
        carried = json.loads(payload).get("traceparent")
    except (ValueError, AttributeError):
        carried = None
    parent = _extract(carried if isinstance(carried, str) else None)
    return work if parent is None else _within(parent, work)


async def _within(parent: Context, work: Awaitable[T]) -> T:
    token = otel_context.attach(parent)
    try:
        return await work
    finally:
        otel_context.detach(token)


def received() -> Context | None:
    """The context a delivery arrives in (aio-pika's receive span), kept with it so that its
    handling, later and in another task, hangs from the receive; None when tracing is off."""
    if _provider is None:
        return None
    return otel_context.get_current()


def consuming(
    envelope: Envelope, queue: str, arrived_in: Context | None = None
) -> AbstractContextManager[None]:
    """A CONSUMER span around the handling of one event (nothing at all when tracing is off).

    Its parent is the active span (aio-pika's receive) when that continues the envelope's
    trace, else the envelope's own traceparent (a message published without trace headers).
    """
    if _provider is None:
        return _NOTHING
    return _consuming(envelope, queue, arrived_in)


@contextmanager
def _consuming(envelope: Envelope, queue: str, arrived_in: Context | None) -> Iterator[None]:
    token = otel_context.attach(arrived_in) if arrived_in is not None else None
    try:
        with _consumer_span(envelope, queue):
            yield
    finally:
        if token is not None:
            otel_context.detach(token)


@contextmanager
def _consumer_span(envelope: Envelope, queue: str) -> Iterator[None]:
    parent: Context | None = None
    carried = _extract(envelope.traceparent)
    if carried is not None:
        active = trace.get_current_span().get_span_context()
        wanted = trace.get_current_span(carried).get_span_context()
        if not active.is_valid or active.trace_id != wanted.trace_id:
            parent = carried
    with _tracer.start_as_current_span(
        f"{envelope.type} process",
        context=parent,
        kind=SpanKind.CONSUMER,
        attributes={
            "messaging.system": "rabbitmq",
            "messaging.operation.type": "process",
            "messaging.destination.name": queue,
            "messaging.rabbitmq.destination.routing_key": envelope.type,
            "messaging.message.id": str(envelope.id),
            "messaging.message.conversation_id": str(envelope.correlation_id),
            "asb.event.type": envelope.type,
            "asb.event.version": envelope.version,
            "asb.event.producer": envelope.producer,
        },
    ):
        yield


def span_in(
    traceparent: str | None,
    name: str,
    *,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: Mapping[str, Any] | None = None,
) -> AbstractContextManager[trace.Span]:
    """A span continuing the trace of ``traceparent`` (work taken up later, from a row that
    kept the trace it was made in); a root span when there is none. A no-op span when off."""
    return _tracer.start_as_current_span(
        name, context=_extract(traceparent), kind=kind, attributes=attributes
    )
