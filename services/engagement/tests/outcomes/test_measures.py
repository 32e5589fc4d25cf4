"""The service's measures for a period, without I/O."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from engagement.outcomes.measures import Outcome, Recorded, Supported, as_csv, measures


def test_measures_count_the_period_only_and_price_the_legal_action_avoided() -> None:
    m = measures(
        date(2026, 4, 1),
        date(2027, 3, 31),
        [
            Supported(date(2025, 6, 1), date(2026, 5, 1)),  # supported into the period
            Supported(date(2026, 9, 1), None),
            Supported(date(2025, 1, 1), date(2026, 3, 31)),  # closed before it
            Supported(date(2027, 4, 1), None),  # after it
        ],
        [
            Recorded(Outcome.LEGAL_ACTION_AVOIDED, date(2026, 5, 1), True),
            Recorded(Outcome.BEHAVIOUR_STOPPED, date(2026, 6, 1), True),
            Recorded(Outcome.TENANCY_SUSTAINED, date(2026, 7, 1), False),
            Recorded(Outcome.ESCALATED, date(2026, 8, 1), False),
            Recorded(Outcome.BEHAVIOUR_STOPPED, date(2027, 4, 1), True),  # after it
        ],
        Decimal("2500.00"),
    )
    assert m.clients_supported == 2
    assert m.cases_resolved == 3
    assert m.cases_avoided_legal_action == 2
    assert m.legal_spend_avoided == Decimal("5000.00")
    rows = list(csv.DictReader(io.StringIO(as_csv(m))))
    assert rows[0]["legal_spend_avoided"] == "5000.00"
    assert rows[0]["outcome_escalated"] == "1"
