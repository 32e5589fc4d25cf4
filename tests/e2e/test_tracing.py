"""One report's trace, end to end: every process it passes through adds its spans to it.

The system runs with ``OTEL_EXPORTER_OTLP_ENDPOINT`` pointing at a local OTLP/HTTP receiver
(see conftest.py), which decodes the real protobuf exports. The report is posted with a W3C
``traceparent`` of the test's own, so its trace is found among the other journeys'.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

import httpx
import pytest
from asb_devtools.runner import System
from asb_devtools.tracesink import ReceivedSpan, TraceSink
from asb_shared.testing import eventually
from e2e_system import ORG

pytestmark = pytest.mark.e2e


def _report(email: str) -> dict[str, Any]:
    return {
        "organisation_id": str(ORG),
        "categories": ["noise"],
        "description": "Drilling and banging from the flat above at two in the morning.",
        "location": {"address": "3 Trace Row, Stockport", "postcode": "SK4 1AA"},
        "occurred_at": "2026-11-21T02:00:00Z",
        "reporter": {"name": "Tracy Resident", "email": email, "preferred_channel": "email"},
    }


def _one(spans: list[ReceivedSpan], **wanted: Any) -> ReceivedSpan:
    found = [s for s in spans if all(getattr(s, k) == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, [(s.service, s.kind, s.name) for s in spans])
    return found[0]


async def test_one_report_is_one_trace_from_the_request_to_the_email_sent(
    system: System, trace_sink: TraceSink
) -> None:
    cfg = system.config
    trace_id, caller_span = secrets.token_hex(16), secrets.token_hex(8)
    email = f"tracy+{uuid.uuid4().hex[:8]}@example.org"
    async with httpx.AsyncClient(timeout=10) as http:
        created = await http.post(
            f"{cfg.api_url('intake')}/v1/reports",
            json=_report(email),
            headers={"traceparent": f"00-{trace_id}-{caller_span}-01"},
        )
        assert created.status_code == 201, created.text

        async def sent() -> list[ReceivedSpan]:
            return [
                s
                for s in trace_sink.spans()
                if s.trace_id == trace_id
                and s.service == "notifications-worker"
                and s.name == "send email"
                # The acknowledgement (an officer already on the patch is told too).
                and s.attributes.get("asb.message.kind") == "report_acknowledgement"
            ]

        [send] = await eventually(sent, timeout=60, interval=0.25)
        # The email went to the sink too (the span is around the real SMTP send).
        got = (await http.get(f"{cfg.mail_url}/api/messages", params={"to": email})).json()
        assert got, "the acknowledgement email was not received"

    async def whole_trace() -> list[ReceivedSpan]:
        """The trace once every process's spans are in: each process exports its own in
        batches, so the send's may arrive before an earlier hop's on a busy machine."""
        spans = [s for s in trace_sink.spans() if s.trace_id == trace_id]
        ids = {s.span_id for s in spans}
        hops = [
            s
            for s in spans
            if s.kind == "consumer"
            and s.name in ("intake.report.received process", "casework.case.opened process")
        ]
        chained = all(
            h.parent_span_id in ids
            and any(r.span_id == h.parent_span_id and r.parent_span_id in ids for r in spans)
            for h in hops
        )
        return spans if len(hops) >= 2 and chained else []

    spans = await eventually(whole_trace, timeout=30, interval=0.25)
    by_id = {s.span_id: s for s in spans}
    assert {"intake-api", "intake-worker", "casework-worker", "notifications-worker"} <= {
        s.service for s in spans
    }

    # The request: FastAPI's server span continues the caller's trace, with database calls in it.
    request = _one(spans, service="intake-api", kind="server")
    assert request.parent_span_id == caller_span
    assert request.attributes.get("http.route") == "/v1/reports"
    assert any(s.parent_span_id == request.span_id and s.kind == "client" for s in spans), (
        "no database span under the request"
    )

    def hop(consumer_service: str, event_type: str, producer_service: str) -> ReceivedSpan:
        """The consumer's span for the event, checked to hang from the producer's publish."""
        process = _one(
            spans, service=consumer_service, kind="consumer", name=f"{event_type} process"
        )
        assert process.attributes["messaging.system"] == "rabbitmq"
        assert process.attributes["asb.event.type"] == event_type
        assert process.attributes["messaging.destination.name"]
        assert process.attributes["messaging.message.id"]
        receive = by_id[process.parent_span_id or ""]
        assert (receive.service, receive.kind) == (consumer_service, "consumer")
        assert (
            receive.attributes["messaging.message.id"] == process.attributes["messaging.message.id"]
        )
        publish = by_id[receive.parent_span_id or ""]
        assert (publish.service, publish.kind) == (producer_service, "producer")
        return process

    opened = hop("casework-worker", "intake.report.received", "intake-worker")
    # The relay published the event inside the request's trace: its publish hangs from it.
    assert by_id[by_id[opened.parent_span_id or ""].parent_span_id or ""].parent_span_id == (
        request.span_id
    )
    told = hop("notifications-worker", "casework.case.opened", "casework-worker")
    # ...and casework's event was written by the handling of intake's.
    relayed = by_id[by_id[told.parent_span_id or ""].parent_span_id or ""]
    assert relayed.parent_span_id == opened.span_id

    # The email's send continues the trace of the handling that queued it.
    assert send.kind == "client"
    assert send.parent_span_id == told.span_id
    assert send.attributes["asb.message.outcome"] == "Accepted"
    assert not send.error
