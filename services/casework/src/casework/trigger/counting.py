"""When a complainant may ask for an ASB case review: the Community Trigger's counting rule,
with no I/O.

s104 of the Anti-social Behaviour, Crime and Policing Act 2014 leaves the threshold to the local
bodies, who must publish it (at most three complaints in six months). Each landlord sets its own
in its policy (``community_trigger``); the defaults are the common ones:

* **reports** (always on): the complainant made at least ``reports`` reports about the same
  problem within the last ``within_months`` months (counted back from the report being
  considered, both ends included: a report exactly six months before still counts);
* **households** (optional): at least ``households`` different households reported the same
  problem within that period; every complainant among them may apply;
* **hate incident** (optional): one report of a hate incident is enough.

"The same problem" is the same address the case is about (its UPRN or normalised address), or
the same case when it has no address: reports linked into one case are about one problem. A
report made anonymously counts for nobody (nobody can be told). Who "the complainant" is across
reports is :mod:`casework.people.matching`'s rule: the caller passes each report with the
person it belongs to.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ..policy.settings import DEFAULT_POLICY


class TriggerRule(StrEnum):
    """Which threshold was met; stored and sent in ``CommunityTriggerEligible.rule``."""

    REPORTS = "reports_in_period"
    HOUSEHOLDS = "households"
    HATE_INCIDENT = "hate_incident"


@dataclass(frozen=True)
class Thresholds:
    """A landlord's thresholds (from its policy settings)."""

    # The defaults are the landlord's default policy's, the one place they are written.
    reports: int = DEFAULT_POLICY.community_trigger.reports
    within_months: int = DEFAULT_POLICY.community_trigger.within_months
    households: int = DEFAULT_POLICY.community_trigger.households
    households_rule: bool = DEFAULT_POLICY.community_trigger.households_rule
    hate_incident_rule: bool = DEFAULT_POLICY.community_trigger.hate_incident_rule


@dataclass(frozen=True)
class QualifyingReport:
    """A named complainant's report, as the rule sees it."""

    report_id: str
    person: str
    """Who made it: the same value for every report of the same person."""
    household: str
    """Where they live (their normalised address), or the person when it is unknown."""
    problem: str
    received_at: datetime
    hate_incident: bool = False


@dataclass(frozen=True)
class Met:
    """A threshold a person's reports meet."""

    rule: TriggerRule
    person: str
    problem: str
    counted: int
    """Reports (or households) counted towards it."""


def months_before(moment: datetime, months: int) -> datetime:
    """The same instant ``months`` calendar months earlier (31 August less six months is
    28 or 29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def in_period(
    reports: Sequence[QualifyingReport], at: datetime, months: int
) -> list[QualifyingReport]:
    """The reports received within ``months`` months up to ``at`` (both ends included)."""
    since = months_before(at, months)
    return [r for r in reports if since <= r.received_at <= at]


def thresholds_met(
    reports: Sequence[QualifyingReport], person: str, at: datetime, thresholds: Thresholds
) -> list[Met]:
    """Every threshold ``person``'s reports meet at ``at`` (one per rule and problem), given
    every qualifying report about the problems they reported (theirs and other people's)."""
    recent = in_period(reports, at, thresholds.within_months)
    theirs = [r for r in recent if r.person == person]
    met: list[Met] = []
    for problem in sorted({r.problem for r in theirs}):
        about = [r for r in recent if r.problem == problem]
        mine = [r for r in about if r.person == person]
        if len(mine) >= thresholds.reports:
            met.append(Met(TriggerRule.REPORTS, person, problem, len(mine)))
        if thresholds.households_rule:
            households = {r.household for r in about}
            if len(households) >= thresholds.households:
                met.append(Met(TriggerRule.HOUSEHOLDS, person, problem, len(households)))
        if thresholds.hate_incident_rule:
            hate = [r for r in mine if r.hate_incident]
            if hate:
                met.append(Met(TriggerRule.HATE_INCIDENT, person, problem, len(hate)))
    return met
