"""The NM01 linking rule, as a pure rule: keys, locks, the window and the reason given."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from asb_shared.contracts.common import Location, Person
from casework.opening.linking import LinkKeys, link_keys, link_reason, lock_keys, window_start

ORG = uuid.UUID("00000000-0000-7000-8000-000000000001")


def test_a_report_is_linked_by_its_address_and_its_subjects() -> None:
    keys = link_keys(
        Location(address="12 Example Court", postcode="SK1 3XE"),
        [Person(name="Alex Neighbour"), Person(name="alex  neighbour")],
    )
    assert keys.address is not None and "sk13xe" in keys.address.replace(" ", "").lower()
    assert len(keys.subjects) == 1, "the same name twice is one subject"
    assert keys.any


def test_a_uprn_is_the_address_whatever_the_words() -> None:
    one = link_keys(Location(uprn="100012345678", address="Flat 1, Example Court"), [])
    other = link_keys(Location(uprn="100012345678", address="1 Example Ct"), [])
    assert one.address == other.address == "uprn:100012345678"


def test_a_report_naming_nothing_shareable_is_never_linked() -> None:
    keys = link_keys(Location(description="somewhere on the estate"), [])
    assert not keys.any
    assert lock_keys(ORG, keys) == []


def test_one_lock_per_key_within_the_landlord() -> None:
    keys = LinkKeys("addr:x", ["alex neighbour", "sam other"])
    locks = lock_keys(ORG, keys)
    assert locks == [
        f"link:{ORG}:addr:x",
        f"link:{ORG}:subject:alex neighbour",
        f"link:{ORG}:subject:sam other",
    ]
    other = lock_keys(uuid.UUID("00000000-0000-7000-8000-000000000002"), keys)
    assert not set(locks) & set(other), "another landlord's reports never wait on these"


def test_the_window_runs_back_from_the_report() -> None:
    received = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    assert window_start(received, 90) == datetime(2026, 8, 22, 23, 30, tzinfo=UTC)
    assert window_start(received, 1) < received


def test_the_reason_names_what_the_report_shares_with_the_case() -> None:
    keys = LinkKeys("addr:x", ["alex neighbour@addr:x", "sam other"])
    assert link_reason("DEV-C-2026-000001", "addr:x", [], keys) == (
        "same address as open case DEV-C-2026-000001"
    )
    assert link_reason("C-1", "addr:y", ["alex neighbour@addr:x"], keys) == (
        "same subject (alex neighbour) as open case C-1"
    )
    assert link_reason("C-1", "addr:x", ["sam other"], keys) == (
        "same address and same subject (sam other) as open case C-1"
    )
