"""The committed AsyncAPI document matches the contracts in the code."""

from pathlib import Path

from asb_shared import contracts
from asb_shared.asyncapi import document, platform_contracts, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.json"


def test_every_contract_has_a_channel_and_a_message() -> None:
    doc = document()
    published = platform_contracts()
    assert {c.__name__ for c in published} >= {"ReportReceived", "CaseOpened", "MessageDelivered"}
    assert all(c.__module__ == contracts.__name__ for c in published)
    for contract in published:
        assert contract.event_type in doc["channels"]
        assert f"{contract.__name__}V{contract.event_version}" in doc["components"]["messages"]


def test_the_committed_document_is_up_to_date() -> None:
    assert DOC.read_text() == render(), (
        "run: uv run python -m asb_shared.asyncapi > docs/asyncapi.json"
    )
