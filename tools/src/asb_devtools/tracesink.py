"""A local OTLP/HTTP trace receiver: it stands in for an OpenTelemetry collector.

The services' OTLP exporter posts real ``ExportTraceServiceRequest`` protobufs to
``/v1/traces``; the sink decodes them, keeps the spans in memory and prints one line per span
(run ``uv run asb-trace-sink`` and start the system with
``OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318``). The end-to-end tests run it in-process
and read :meth:`TraceSink.spans`.
"""

from __future__ import annotations

import argparse
import gzip
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span

KINDS = {
    Span.SPAN_KIND_INTERNAL: "internal",
    Span.SPAN_KIND_SERVER: "server",
    Span.SPAN_KIND_CLIENT: "client",
    Span.SPAN_KIND_PRODUCER: "producer",
    Span.SPAN_KIND_CONSUMER: "consumer",
}


@dataclass(frozen=True)
class ReceivedSpan:
    service: str
    """The resource's ``service.name`` (``intake-api``, ``casework-worker``...)."""
    trace_id: str
    span_id: str
    parent_span_id: str | None
    name: str
    kind: str
    attributes: dict[str, Any]
    start_ns: int
    end_ns: int
    error: bool


def _value(value: AnyValue) -> Any:
    which = value.WhichOneof("value")
    if which == "array_value":
        return [_value(v) for v in value.array_value.values]
    if which == "kvlist_value":
        return {kv.key: _value(kv.value) for kv in value.kvlist_value.values}
    return getattr(value, which) if which else None


def decode(body: bytes) -> list[ReceivedSpan]:
    """The spans of one OTLP/HTTP protobuf export request."""
    request = ExportTraceServiceRequest()
    request.ParseFromString(body)
    found: list[ReceivedSpan] = []
    for resource_spans in request.resource_spans:
        resource = {a.key: _value(a.value) for a in resource_spans.resource.attributes}
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                found.append(
                    ReceivedSpan(
                        service=str(resource.get("service.name", "")),
                        trace_id=span.trace_id.hex(),
                        span_id=span.span_id.hex(),
                        parent_span_id=span.parent_span_id.hex() or None,
                        name=span.name,
                        kind=KINDS.get(span.kind, "unspecified"),
                        attributes={a.key: _value(a.value) for a in span.attributes},
                        start_ns=span.start_time_unix_nano,
                        end_ns=span.end_time_unix_nano,
                        error=span.status.code == span.status.STATUS_CODE_ERROR,
                    )
                )
    return found


class TraceSink:
    """The receiver on a local port, in a thread of its own; a context manager."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        on_span: Callable[[ReceivedSpan], None] | None = None,
        limit: int = 200_000,
    ) -> None:
        self._spans: list[ReceivedSpan] = []
        self._lock = threading.Lock()
        self.limit = limit
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                if self.path.rstrip("/") != "/v1/traces":
                    self.send_error(404)
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                encoding = (self.headers.get("Content-Encoding") or "").lower()
                try:
                    if encoding == "gzip":
                        body = gzip.decompress(body)
                    elif encoding == "deflate":
                        body = zlib.decompress(body)
                    spans = decode(body)
                except Exception:
                    self.send_error(400, "not an OTLP protobuf trace export")
                    return
                sink._add(spans, on_span)
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="trace-sink", daemon=True
        )

    def _add(
        self, spans: list[ReceivedSpan], on_span: Callable[[ReceivedSpan], None] | None
    ) -> None:
        with self._lock:
            self._spans.extend(spans)
            del self._spans[: max(0, len(self._spans) - self.limit)]
        if on_span is not None:
            for span in spans:
                on_span(span)

    @property
    def endpoint(self) -> str:
        """The base URL to give as ``OTEL_EXPORTER_OTLP_ENDPOINT``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def spans(self) -> list[ReceivedSpan]:
        """Every span received so far, in arrival order."""
        with self._lock:
            return list(self._spans)

    def serve_forever(self) -> None:
        """Serve in the calling thread (the command line)."""
        self._server.serve_forever()

    def start(self) -> TraceSink:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> TraceSink:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def _print(span: ReceivedSpan) -> None:
    parent = span.parent_span_id or "-" * 16
    took = (span.end_ns - span.start_ns) / 1e6
    mark = " ERROR" if span.error else ""
    print(
        f"{span.trace_id} {parent} > {span.span_id} {span.service:24} {span.kind:8} "
        f"{took:8.1f} ms  {span.name}{mark}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4318)
    args = parser.parse_args()
    sink = TraceSink(args.host, args.port, on_span=_print)
    print(f"receiving OTLP/HTTP traces at {sink.endpoint}/v1/traces", flush=True)
    try:
        sink.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
