"""The public summary of the measures, with no I/O: no personal data, small numbers hidden.

The landlord publishes its performance (NPH, Stockport 8.2). A count below the policy's
``public_summary.minimum_count`` (5 unless set) could point at a household, so it is shown as
``null`` with ``"suppressed": true`` beside it, and so is any share or average worked out from
fewer cases than that. Zero is not suppressed (nobody is recognisable from none). Nothing that
names or numbers a case or a person is in the summary at all: only counts, shares and averages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Figure = dict[str, Any]


def count(value: int | None, minimum: int) -> Figure:
    """A count, hidden when it is small (1 to ``minimum - 1``)."""
    if value is None:
        return {"value": None, "suppressed": False}
    hidden = 0 < value < minimum
    return {"value": None if hidden else value, "suppressed": hidden}


def share(value: float | None, base: int, minimum: int) -> Figure:
    """A share or an average of ``base`` cases, hidden when the base is small."""
    hidden = base < minimum and value is not None
    return {
        "value": None if hidden else value,
        "suppressed": hidden,
        "of": None if hidden else base,
    }


def _small(value: Any, minimum: int) -> bool:
    return isinstance(value, int) and 0 < value < minimum


def public_summary(
    period: Mapping[str, Any],
    targets: Sequence[Mapping[str, Any]],
    minimum: int,
) -> dict[str, Any]:
    """The public figures of a period's measures (``measures.definitions.measures``'s
    ``period``) and the performance against the targets."""
    satisfaction = period["satisfaction"]
    neighbour = period["neighbour_help"]
    subject = period["subject_contact"]
    resolved_base = period["closings_counted"]
    public: dict[str, Any] = {
        "new_cases": count(period["new_cases"], minimum),
        "closed_cases": count(period["closed_cases"], minimum),
        "open_at_end": count(period["open_at_end"], minimum),
        "types_of_asb": {k: count(v, minimum) for k, v in period["types_of_asb"].items()},
        "resolved_percent": share(period["resolved_percent"], resolved_base, minimum),
        "average_days_to_resolve": share(
            period["average_days_to_resolve"], neighbour["resolved_cases"], minimum
        ),
        "average_days_to_resolve_target": period["average_days_to_resolve_target"],
        "contact_within_1_working_day_percent": share(
            period["contact_within_1_working_day_percent"],
            period["first_contacts_decided"],
            minimum,
        ),
        "satisfaction_tp12_percent": share(
            satisfaction["tp12_percent"], satisfaction["responses"], minimum
        ),
        "legal_actions_year_to_date": count(period["legal_actions_year_to_date"], minimum),
        "evictions": count(period["evictions"], minimum),
        "subject_contacted_with_agreement_percent": share(
            subject["with_agreement_percent"], subject["cases_subject_contacted"], minimum
        ),
        "helped_to_resolve_with_neighbour_percent": share(
            neighbour["helped_percent"], neighbour["resolved_cases"], minimum
        ),
        "repeat_subject_cases": count(period["repeat_subject_cases"], minimum),
        "by_tenure": {
            group: {
                "new_cases": count(row["new_cases"], minimum),
                "closed_cases": count(row["closed_cases"], minimum),
            }
            for group, row in period["by_tenure"].items()
        },
        "cases_per_1000_homes": period["nm01"]["cases_per_1000_homes"]
        if period["nm01"]["cases"] == 0 or period["nm01"]["cases"] >= minimum
        else None,
    }
    public["targets"] = [
        {
            "measure": t["measure"],
            "target": t["target"],
            "higher_is_better": t["higher_is_better"],
            # Met or missed says something about a small count too: hidden with it.
            "met": None if _small(t["actual"], minimum) else t["met"],
        }
        for t in targets
    ]
    return public
