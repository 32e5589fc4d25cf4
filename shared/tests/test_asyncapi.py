"""The committed AsyncAPI document matches the contracts in the code."""

from pathlib import Path

from asb_shared import contracts
from asb_shared.asyncapi import document, platform_contracts, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.json"


def test_every_contract_has_a_channel_and_a_message() -> None:
    doc = document()
    published = platform_contracts()
    assert {c.__name__ for c in published} >= {
        "ReportReceivedV2",
        "CaseOpenedV2",
        "MessageDelivered",
    }
    assert all(c.__module__.startswith(f"{contracts.__name__}.") for c in published)
    for contract in published:
        assert contract.event_type in doc["channels"]
        assert f"{contract.__name__}V{contract.event_version}" in doc["components"]["messages"]


def test_the_committed_document_is_up_to_date() -> None:
    assert DOC.read_text() == render(), (
        "run: uv run python -m asb_shared.asyncapi > docs/asyncapi.json"
    )


PREFIX = {
    contracts.intake: "intake.",
    contracts.casework: "casework.",
    contracts.engagement: "engagement.",
    contracts.notifications: "notifications.",
    contracts.partner_gateway: "partners.",
}


def test_each_contract_lives_in_its_producers_module() -> None:
    """A contract's module is the service that publishes it (its event type's first part); the
    common module defines none (MASH and MARAC referrals are made by casework, and so
    published as ``casework.*``)."""
    assert set(PREFIX) == set(contracts.PRODUCERS)
    published = platform_contracts()
    assert len(published) > 30
    for contract in published:
        module = next(m for m in contracts.PRODUCERS if m.__name__ == contract.__module__)
        assert contract.event_type.startswith(PREFIX[module]), (contract, module.__name__)
    assert not [c for c in published if c.__module__ == contracts.common.__name__]
