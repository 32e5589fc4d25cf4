"""Unit tests of the envelope and the contract registry (no I/O)."""

import uuid

import pytest
from asb_shared.contracts.casework import CaseOpenedV2
from asb_shared.contracts.common import AsbCategory
from asb_shared.contracts.intake import ReportReceivedV2
from asb_shared.messaging import Envelope, Event, Outbox, contract_for
from asb_shared.messaging.envelope import all_contracts, current_correlation_id


def test_every_contract_is_registered_by_type_and_version() -> None:
    assert contract_for("intake.report.received", 2) is ReportReceivedV2
    assert contract_for("casework.case.opened", 2) is CaseOpenedV2
    assert contract_for("casework.case.opened", 1) is None  # retired (docs/RUNBOOK.md)
    assert contract_for("casework.case.opened", 99) is None
    types = [c.event_type for c in all_contracts()]
    assert types == sorted(types)


def test_a_second_contract_for_the_same_type_and_version_is_refused() -> None:
    with pytest.raises(TypeError, match="two contracts"):

        class Clash(Event):
            event_type = "intake.report.received"
            event_version = 2


def test_envelope_round_trips_and_ignores_unknown_fields() -> None:
    env = Envelope(
        type="x.y.z",
        producer="test",
        organisation_id=uuid.uuid4(),
        correlation_id=uuid.uuid4(),
        data={"a": 1},
    )
    raw = env.model_dump(mode="json") | {"added_later": "ignored"}
    back = Envelope.model_validate(raw)
    assert back == env
    assert back.id.version == 7


def test_outbox_envelope_takes_the_correlation_of_the_work_in_hand() -> None:
    correlation = uuid.uuid4()
    token = current_correlation_id.set(correlation)
    try:
        env = Outbox("intake").envelope(
            CaseOpenedV2.model_construct(categories=[AsbCategory.NOISE]),
            organisation_id=uuid.uuid4(),
        )
    finally:
        current_correlation_id.reset(token)
    assert env.correlation_id == correlation
    assert env.type == "casework.case.opened"
    assert env.producer == "intake"


def test_consumers_ignore_fields_a_newer_producer_added() -> None:
    data = {
        "case_id": str(uuid.uuid4()),
        "case_reference": "CASE-2026-000001",
        "version": 1,
        "status": "received",
        "categories": ["noise"],
        "report_id": str(uuid.uuid4()),
        "report_reference": "ASB-2026-000001",
        "opened_at": "2026-11-23T10:00:00Z",
        "anonymous": True,
        "a_field_from_the_future": {"x": 1},
    }
    event = CaseOpenedV2.model_validate(data)
    assert event.case_reference == "CASE-2026-000001"
    assert not hasattr(event, "a_field_from_the_future")
