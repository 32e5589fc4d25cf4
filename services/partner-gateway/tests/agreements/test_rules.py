"""When an agreement is in force, what it covers and which scopes it gives."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from partner_gateway.agreements.rules import (
    AgreementState,
    Terms,
    covers_case,
    granted_scopes,
    state,
    uk_today,
)


def terms(**changes: object) -> Terms:
    values: dict[str, object] = {
        "agreement_id": uuid.uuid4(),
        "categories": frozenset({"noise", "drugs"}),
        "fields": frozenset({"status"}),
        "scopes": frozenset({"cases:read"}),
        "starts_on": date(2026, 1, 1),
        "review_on": date(2026, 6, 1),
        "expires_on": date(2026, 12, 31),
        "withdrawn": False,
    }
    values.update(changes)
    return Terms(**values)  # type: ignore[arg-type]


def test_states_through_the_life_of_an_agreement() -> None:
    t = terms()
    assert state(t, date(2025, 12, 31)) == AgreementState.PENDING
    assert state(t, date(2026, 1, 1)) == AgreementState.ACTIVE
    assert state(t, date(2026, 6, 1)) == AgreementState.REVIEW_DUE
    assert state(t, date(2026, 12, 31)) == AgreementState.REVIEW_DUE  # last day in force
    assert state(t, date(2027, 1, 1)) == AgreementState.EXPIRED
    assert state(terms(withdrawn=True), date(2026, 3, 1)) == AgreementState.WITHDRAWN


def test_scopes_come_only_from_agreements_in_force() -> None:
    day = date(2026, 3, 1)
    live = terms(scopes=frozenset({"cases:read"}))
    gone = terms(scopes=frozenset({"cases:write"}), withdrawn=True)
    old = terms(
        scopes=frozenset({"webhooks"}), expires_on=date(2026, 2, 1), review_on=date(2026, 1, 15)
    )
    assert granted_scopes([live, gone, old], day) == {"cases:read"}
    assert granted_scopes([], day) == frozenset()


def test_coverage_needs_a_category_and_every_sensitive_one() -> None:
    t = terms(categories=frozenset({"noise", "verbal_abuse"}))
    assert covers_case(t, ["noise"])
    assert covers_case(t, ["noise", "graffiti"])
    assert not covers_case(t, ["graffiti"])
    assert not covers_case(t, ["verbal_abuse", "domestic_abuse"])
    assert covers_case(
        terms(categories=frozenset({"domestic_abuse"})), ["verbal_abuse", "domestic_abuse"]
    )


def test_the_agreement_day_is_the_uk_day() -> None:
    # 23:30 UTC on 30 June is already 1 July in London (BST).
    assert uk_today(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == date(2026, 7, 1)
