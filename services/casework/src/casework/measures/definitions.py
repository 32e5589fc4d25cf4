"""The published measures, each defined here, with no I/O.

Months are calendar months in London time; a period is a run of whole months. Every figure is
computed from facts the caller loads (cases with their status changes, first-contact timers,
action plans, interventions, survey answers) and can be recomputed by hand:

* **New cases** in a month: cases opened in it. A report linked to an open case is not a case,
  and a reopened case is the same case (counted once, when first opened).
* **Closed cases** in a month: cases that moved to a closed status in it (counted once a month
  however often they closed in it).
* **Open at month end**: cases opened before the end of the month and not in a closed status at
  that moment (a case reopened and still open counts).
* **Types of ASB**: the categories of the cases opened in the period (a case with two counts in
  both).
* **% resolved**: of the cases whose last closing in the period falls in it, the share closed as
  resolved.
* **Average days to resolve**: for those resolved, the mean of calendar days from opening to
  that closing (one decimal), beside the landlord's target when it set one.
* **Contact within 1 working day (%)**: of the first-contact standards started in the period and
  decided (met or breached), the share met by their due time. One per complainant.
* **Action plans created**: plans recorded in the period.
* **Legal actions year to date**: legal interventions (``interventions.catalogue``) dated from
  the start of the financial year holding the period's last day to that day.
* **Evictions**: eviction interventions dated in the period, and in the financial year to date.
* **Satisfaction** (TP12): of the survey answers received in the period, the share 4 or 5 (very
  or fairly satisfied, on 1..5) with the handling and with the outcome; TP12 is the handling one.
* **NM01**: cases opened in the period per 1,000 homes managed, and those on the hate-incident
  route or with the hate-incident category; none when the landlord has not said how many homes.
* **Subject contacted with the complainant's agreement**: of the cases whose subject was
  contacted (a contact with the subject recorded) in the period, those whose complainant had
  agreed to it (a team leader's override is not an agreement), and the share.
* **Helped to resolve with the neighbour**: of the cases resolved in the period (their last
  closing in it, as resolved), those where the complainant was helped to sort it out with the
  neighbour (a mediation referral, restorative practice or a good neighbour agreement on the
  case), and the share.
* **Repeat subjects**: cases opened in the period naming a subject (the same subject key that
  links reports) that a case opened in the 365 days before it had named too.
* **By tenure**: new cases, closed cases and % resolved for each tenure group (social tenures
  together, then leasehold, private rent, owner-occupier, unknown), the tenure as the case
  holds it now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from asb_shared.calendar import LONDON

from ..tenure.kinds import tenure_group

CLOSED = frozenset({"resolved", "closed", "information_only", "not_asb", "referred_on"})
RESOLVED = "resolved"
SATISFIED = 4
"""Answers of 4 (fairly) and 5 (very satisfied) count as satisfied."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        year, month = text.split("-")
        found = cls(int(year), int(month))
        if not 1 <= found.month <= 12:
            raise ValueError("month must be 01..12")
        return found

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def start(self) -> datetime:
        """Midnight London time on the first day (as a UTC instant: comparing instants of one
        time zone is what keeps a year's measures fast)."""
        return datetime.combine(date(self.year, self.month, 1), time(0), LONDON).astimezone(UTC)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.next().first_day.toordinal() - 1)

    @property
    def end(self) -> datetime:
        """Midnight London time on the first day of the next month (exclusive)."""
        return self.next().start


def months(first: Month, last: Month) -> list[Month]:
    found = [first]
    while found[-1] < last:
        found.append(found[-1].next())
    return found


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    to: str


@dataclass(frozen=True)
class CaseFacts:
    opened_at: datetime
    categories: tuple[str, ...]
    hate: bool
    changes: tuple[StatusChange, ...] = ()
    """Moves into or out of a closed status, in time order."""
    tenure: str = "unknown"
    neighbour_help: bool = False
    """A mediation referral, restorative practice or good neighbour agreement is on the case."""


def _in(at: datetime, start: datetime, end: datetime) -> bool:
    return start <= at < end


def new_cases(cases: Iterable[CaseFacts], start: datetime, end: datetime) -> int:
    return sum(1 for c in cases if _in(c.opened_at, start, end))


def closed_cases(cases: Iterable[CaseFacts], start: datetime, end: datetime) -> int:
    return sum(1 for c in cases if any(_in(s.at, start, end) and s.to in CLOSED for s in c.changes))


def is_open_at(case: CaseFacts, moment: datetime) -> bool:
    if case.opened_at >= moment:
        return False
    before = [s for s in case.changes if s.at < moment]
    return not before or before[-1].to not in CLOSED


def open_at(cases: Iterable[CaseFacts], moment: datetime) -> int:
    return sum(1 for c in cases if is_open_at(c, moment))


def types_of_asb(cases: Iterable[CaseFacts], start: datetime, end: datetime) -> dict[str, int]:
    counts = Counter(
        category for c in cases if _in(c.opened_at, start, end) for category in c.categories
    )
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _last_closing(case: CaseFacts, start: datetime, end: datetime) -> StatusChange | None:
    closings = [s for s in case.changes if s.to in CLOSED and _in(s.at, start, end)]
    return closings[-1] if closings else None


def percentage(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def resolved_percentage(cases: Iterable[CaseFacts], start: datetime, end: datetime) -> float | None:
    closings = [x for c in cases if (x := _last_closing(c, start, end))]
    return percentage(sum(1 for x in closings if x.to == RESOLVED), len(closings))


def average_days_to_resolve(
    cases: Iterable[CaseFacts], start: datetime, end: datetime
) -> float | None:
    days = [
        (x.at - c.opened_at).total_seconds() / 86400
        for c in cases
        if (x := _last_closing(c, start, end)) and x.to == RESOLVED
    ]
    return round(sum(days) / len(days), 1) if days else None


@dataclass(frozen=True)
class TimerFacts:
    started_at: datetime
    due_at: datetime
    status: str
    met_at: datetime | None


def contact_within_standard(
    timers: Iterable[TimerFacts], start: datetime, end: datetime
) -> float | None:
    decided = [
        t for t in timers if _in(t.started_at, start, end) and t.status in ("met", "breached")
    ]
    on_time = sum(
        1 for t in decided if t.status == "met" and t.met_at is not None and t.met_at <= t.due_at
    )
    return percentage(on_time, len(decided))


def count_in(instants: Iterable[datetime], start: datetime, end: datetime) -> int:
    return sum(1 for at in instants if _in(at, start, end))


def financial_year_start(day: date, start_month: int) -> date:
    """The first day of the financial year holding ``day`` (April: 6 May 2026 -> 1 April 2026,
    6 March 2026 -> 1 April 2025)."""
    year = day.year if day.month >= start_month else day.year - 1
    return date(year, start_month, 1)


@dataclass(frozen=True)
class InterventionFacts:
    kind: str
    legal: bool
    on_date: date


def days_in(items: Iterable[InterventionFacts], first: date, last: date) -> list[InterventionFacts]:
    return [i for i in items if first <= i.on_date <= last]


@dataclass(frozen=True)
class SurveyFacts:
    at: datetime
    handling: int
    outcome: int


def satisfaction(surveys: Iterable[SurveyFacts], start: datetime, end: datetime) -> dict[str, Any]:
    answers = [s for s in surveys if _in(s.at, start, end)]
    handling = percentage(sum(1 for s in answers if s.handling >= SATISFIED), len(answers))
    return {
        "responses": len(answers),
        "handling_satisfied_percent": handling,
        "outcome_satisfied_percent": percentage(
            sum(1 for s in answers if s.outcome >= SATISFIED), len(answers)
        ),
        "tp12_percent": handling,
    }


def per_thousand_homes(count: int, homes: int | None) -> float | None:
    return round(1000 * count / homes, 2) if homes else None


NEIGHBOUR_HELP = frozenset(
    {"mediation_referral", "restorative_practice", "good_neighbour_agreement"}
)
"""The interventions that help a complainant resolve it with their neighbour."""

REPEAT_WITHIN = timedelta(days=365)


@dataclass(frozen=True)
class SubjectContactFacts:
    case: str
    """Which case (any key unique to it)."""
    at: datetime
    agreed: bool
    """The case's complainant agreed to the subject being contacted."""


@dataclass(frozen=True)
class SubjectFacts:
    opened_at: datetime
    subjects: tuple[str, ...]


def subject_contacts(
    contacts: Iterable[SubjectContactFacts], start: datetime, end: datetime
) -> dict[str, Any]:
    contacted: dict[str, bool] = {}
    for c in contacts:
        if _in(c.at, start, end):
            contacted[c.case] = contacted.get(c.case, False) or c.agreed
    agreed = sum(1 for v in contacted.values() if v)
    return {
        "cases_subject_contacted": len(contacted),
        "with_complainants_agreement": agreed,
        "with_agreement_percent": percentage(agreed, len(contacted)),
    }


def helped_with_neighbour(
    cases: Iterable[CaseFacts], start: datetime, end: datetime
) -> dict[str, Any]:
    resolved = [
        c for c in cases if (x := _last_closing(c, start, end)) is not None and x.to == RESOLVED
    ]
    helped = sum(1 for c in resolved if c.neighbour_help)
    return {
        "resolved_cases": len(resolved),
        "helped_to_resolve_with_neighbour": helped,
        "helped_percent": percentage(helped, len(resolved)),
    }


def repeat_subject_cases(subjects: Sequence[SubjectFacts], start: datetime, end: datetime) -> int:
    ordered = sorted(subjects, key=lambda s: s.opened_at)
    count = 0
    for i, case in enumerate(ordered):
        if not _in(case.opened_at, start, end) or not case.subjects:
            continue
        earlier = {
            key
            for other in ordered[:i]
            if case.opened_at - REPEAT_WITHIN <= other.opened_at < case.opened_at
            for key in other.subjects
        }
        count += bool(earlier & set(case.subjects))
    return count


def by_tenure(cases: Sequence[CaseFacts], start: datetime, end: datetime) -> dict[str, Any]:
    groups: dict[str, list[CaseFacts]] = {}
    for c in cases:
        groups.setdefault(tenure_group(c.tenure), []).append(c)
    return {
        group: {
            "new_cases": new_cases(members, start, end),
            "closed_cases": closed_cases(members, start, end),
            "resolved_percent": resolved_percentage(members, start, end),
        }
        for group, members in sorted(groups.items())
    }


def closings_counted(cases: Iterable[CaseFacts], start: datetime, end: datetime) -> int:
    """The cases whose last closing in the period falls in it (what % resolved is of)."""
    return sum(1 for c in cases if _last_closing(c, start, end) is not None)


@dataclass(frozen=True)
class Facts:
    cases: Sequence[CaseFacts]
    first_contacts: Sequence[TimerFacts]
    action_plans: Sequence[datetime]
    interventions: Sequence[InterventionFacts]
    surveys: Sequence[SurveyFacts]
    subject_contacts: Sequence[SubjectContactFacts] = ()
    subjects: Sequence[SubjectFacts] = ()
    """Every case opened in the period and the 365 days before it, with its subjects."""


@dataclass(frozen=True)
class Settings:
    homes: int | None
    financial_year_start_month: int
    resolve_target_days: int | None = None


def measures(facts: Facts, first: Month, last: Month, settings: Settings) -> dict[str, Any]:
    """Every measure for the months ``first`` to ``last``: a row a month and the period's."""
    start, end = first.start, last.end
    period_last = last.last_day
    fy_start = financial_year_start(period_last, settings.financial_year_start_month)
    monthly = [
        {
            "month": str(m),
            "new_cases": new_cases(facts.cases, m.start, m.end),
            "closed_cases": closed_cases(facts.cases, m.start, m.end),
            "open_at_month_end": open_at(facts.cases, m.end),
            "action_plans_created": count_in(facts.action_plans, m.start, m.end),
        }
        for m in months(first, last)
    ]
    opened = new_cases(facts.cases, start, end)
    hate = new_cases([c for c in facts.cases if c.hate], start, end)
    period_first = first.first_day
    legal_ytd = [i for i in days_in(facts.interventions, fy_start, period_last) if i.legal]
    evictions = [i for i in facts.interventions if i.kind == "eviction"]
    return {
        "from": str(first),
        "to": str(last),
        "months": monthly,
        "period": {
            "new_cases": opened,
            "closed_cases": closed_cases(facts.cases, start, end),
            "open_at_end": open_at(facts.cases, end),
            "types_of_asb": types_of_asb(facts.cases, start, end),
            "resolved_percent": resolved_percentage(facts.cases, start, end),
            "average_days_to_resolve": average_days_to_resolve(facts.cases, start, end),
            "average_days_to_resolve_target": settings.resolve_target_days,
            "contact_within_1_working_day_percent": contact_within_standard(
                facts.first_contacts, start, end
            ),
            "action_plans_created": count_in(facts.action_plans, start, end),
            "legal_actions_year_to_date": len(legal_ytd),
            "financial_year_from": fy_start.isoformat(),
            "evictions": len(days_in(evictions, period_first, period_last)),
            "evictions_year_to_date": len(days_in(evictions, fy_start, period_last)),
            "satisfaction": satisfaction(facts.surveys, start, end),
            "closings_counted": closings_counted(facts.cases, start, end),
            "first_contacts_decided": sum(
                1
                for t in facts.first_contacts
                if _in(t.started_at, start, end) and t.status in ("met", "breached")
            ),
            "subject_contact": subject_contacts(facts.subject_contacts, start, end),
            "neighbour_help": helped_with_neighbour(facts.cases, start, end),
            "repeat_subject_cases": repeat_subject_cases(facts.subjects, start, end),
            "by_tenure": by_tenure(facts.cases, start, end),
            "nm01": {
                "homes": settings.homes,
                "cases_per_1000_homes": per_thousand_homes(opened, settings.homes),
                "hate_cases_per_1000_homes": per_thousand_homes(hate, settings.homes),
                "cases": opened,
                "hate_cases": hate,
            },
        },
    }


def csv_rows(result: dict[str, Any]) -> list[list[str]]:
    """The measures as rows of ``measure, month, category, value`` (month empty for the
    period's figures)."""
    rows = [["measure", "month", "category", "value"]]

    def text(value: object) -> str:
        return "" if value is None else str(value)

    for month in result["months"]:
        for name, value in month.items():
            if name != "month":
                rows.append([name, month["month"], "", text(value)])
    for name, value in result["period"].items():
        if name == "types_of_asb":
            rows += [[name, "", category, str(n)] for category, n in value.items()]
        elif isinstance(value, dict):
            for key, v in value.items():
                if isinstance(v, dict):
                    rows += [[f"{name}.{key}.{k}", "", "", text(w)] for k, w in v.items()]
                else:
                    rows.append([f"{name}.{key}", "", "", text(v)])
        else:
            rows.append([name, "", "", text(value)])
    return rows
