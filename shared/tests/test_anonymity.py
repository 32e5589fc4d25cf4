"""The one anonymity predicate: an anonymous report names nobody, whatever came with it."""

from __future__ import annotations

from asb_shared.anonymity import identified
from asb_shared.contracts.common import ContactPreferences
from asb_shared.contracts.intake import Reporter


def test_an_anonymous_report_names_nobody_even_with_details() -> None:
    slipped = Reporter(
        name="Sam Resident", email="sam@example.org", preferences=ContactPreferences()
    )
    assert identified(True, slipped) is None
    assert identified(True, None) is None


def test_a_named_report_names_its_maker() -> None:
    sam = Reporter(name="Sam Resident", email="sam@example.org", preferences=ContactPreferences())
    assert identified(False, sam) is sam
    assert identified(False, None) is None
