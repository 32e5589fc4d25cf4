"""The Positive Engagement Service's outcomes and published measures, with no I/O (policy 5.3).

For a period (both days included):
- clients supported: clients engaged (consented) at any time in the period;
- cases resolved: outcomes recorded in the period that are a success (behaviour stopped,
  legal action avoided, tenancy sustained);
- avoided legal action: outcomes in the period recorded as having avoided legal action;
- legal spend avoided: that count times the organisation's estimate of the cost of one action.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Outcome(StrEnum):
    BEHAVIOUR_STOPPED = "behaviour_stopped"
    LEGAL_ACTION_AVOIDED = "legal_action_avoided"
    TENANCY_SUSTAINED = "tenancy_sustained"
    DISENGAGED = "disengaged"
    ESCALATED = "escalated"


RESOLVED = frozenset(
    {Outcome.BEHAVIOUR_STOPPED, Outcome.LEGAL_ACTION_AVOIDED, Outcome.TENANCY_SUSTAINED}
)


def avoids_legal_action(outcome: Outcome, said_so: bool) -> bool:
    """An outcome counts as legal action avoided when it is that outcome, or when the PEO
    recorded that a success avoided legal action (behaviour stopped before the injunction)."""
    return outcome is Outcome.LEGAL_ACTION_AVOIDED or (said_so and outcome in RESOLVED)


@dataclass(frozen=True)
class Supported:
    engaged_on: date
    closed_on: date | None


@dataclass(frozen=True)
class Recorded:
    outcome: Outcome
    recorded_on: date
    legal_action_avoided: bool


@dataclass(frozen=True)
class Measures:
    period_from: date
    period_to: date
    clients_supported: int
    cases_resolved: int
    cases_avoided_legal_action: int
    legal_spend_avoided: Decimal
    outcomes: dict[str, int]


def measures(
    period_from: date,
    period_to: date,
    supported: Iterable[Supported],
    outcomes: Iterable[Recorded],
    cost_per_action: Decimal,
) -> Measures:
    clients = sum(
        1
        for s in supported
        if s.engaged_on <= period_to and (s.closed_on is None or s.closed_on >= period_from)
    )
    in_period = [o for o in outcomes if period_from <= o.recorded_on <= period_to]
    avoided = sum(1 for o in in_period if avoids_legal_action(o.outcome, o.legal_action_avoided))
    return Measures(
        period_from=period_from,
        period_to=period_to,
        clients_supported=clients,
        cases_resolved=sum(1 for o in in_period if o.outcome in RESOLVED),
        cases_avoided_legal_action=avoided,
        legal_spend_avoided=(cost_per_action * avoided).quantize(Decimal("0.01")),
        outcomes={o.value: sum(1 for r in in_period if r.outcome is o) for o in Outcome},
    )


def as_csv(m: Measures) -> str:
    """One header row and one row of figures (outcome counts as ``outcome_<name>`` columns)."""
    row: dict[str, object] = {
        "period_from": m.period_from.isoformat(),
        "period_to": m.period_to.isoformat(),
        "clients_supported": m.clients_supported,
        "cases_resolved": m.cases_resolved,
        "cases_avoided_legal_action": m.cases_avoided_legal_action,
        "legal_spend_avoided": f"{m.legal_spend_avoided:.2f}",
        **{f"outcome_{k}": v for k, v in m.outcomes.items()},
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue()
