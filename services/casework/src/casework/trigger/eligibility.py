"""Counting a complainant's reports against their landlord's Community Trigger thresholds, in
the database: run for every named report, and when an application arrives."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from asb_shared.contracts.casework import CommunityTriggerEligible
from asb_shared.contracts.intake import ReportReceivedV2
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.announcing import announce
from ..cases.models import Case, Complainant
from ..cases.parties import complainant_details
from ..db import hold_locks
from ..people.matching import record_keys
from ..people.store import ComplainantReport, connected_reports, live_merges, person_of_records
from ..policy.settings import PolicySettings
from ..policy.store import current_version, policy_at
from ..timeline.recording import SYSTEM, record
from ..triage.priority import PriorityRoute
from .counting import Met, QualifyingReport, Thresholds, months_before, thresholds_met
from .models import TriggerEligibility

HATE = PriorityRoute.HATE


def thresholds_of(policy: PolicySettings) -> Thresholds:
    trigger = policy.community_trigger
    return Thresholds(
        reports=trigger.reports,
        within_months=trigger.within_months,
        households=trigger.households,
        households_rule=trigger.households_rule,
        hate_incident_rule=trigger.hate_incident_rule,
    )


def problem_of(record: ComplainantReport) -> str:
    """The same problem: the address the case is about, else the case itself."""
    return record.case_address_key or f"case:{record.case_id}"


@dataclass(frozen=True)
class Counted:
    """What a person's reports meet at a moment, and who they are."""

    met: list[Met]
    keys: list[str]
    """Every key the person is known by (and their records), to tell them once."""
    records: list[ComplainantReport]


def qualifying_reports(
    records: Sequence[ComplainantReport], person: Mapping[uuid.UUID, str]
) -> list[QualifyingReport]:
    """The records as the Community Trigger's thresholds count them, each with its person."""
    return [
        QualifyingReport(
            report_id=str(r.report_id),
            person=person[r.record_id],
            household=r.household or person[r.record_id],
            problem=problem_of(r),
            received_at=r.received_at,
            hate_incident=r.case_route == HATE or HATE in r.categories,
        )
        for r in records
    ]


async def count_for(
    uow: UnitOfWork,
    organisation_id: uuid.UUID,
    record_ids: Sequence[uuid.UUID],
    at: datetime,
    thresholds: Thresholds,
    also_keys: frozenset[str] = frozenset(),
    *,
    their_keys: Sequence[str] = (),
) -> dict[uuid.UUID, Counted]:
    """For each given complainant record (and each record in the period that ``also_keys``
    recognise): the thresholds its person's reports meet at ``at``.

    ``their_keys``: the given records' own keys, when the caller holds the records and they
    are in the period (the search then starts from them rather than reading them first).
    """
    since = months_before(at, thresholds.within_months)
    merges = await live_merges(uow.session, organisation_id)
    start = sorted(also_keys | set(their_keys))
    records = await connected_reports(
        uow.session, organisation_id, record_ids, start, since, at, merges, problem_of
    )
    person = person_of_records(records, merges)
    qualifying = qualifying_reports(records, person)
    found: dict[uuid.UUID, Counted] = {}
    wanted = list(record_ids) + [r.record_id for r in records if also_keys & set(r.keys)]
    for record_id in dict.fromkeys(wanted):
        who = person.get(record_id)
        if who is None:
            continue
        theirs = [r for r in records if person[r.record_id] == who]
        keys = sorted(
            {k for r in theirs for k in r.keys} | {f"record:{r.record_id}" for r in theirs}
        )
        found[record_id] = Counted(thresholds_met(qualifying, who, at, thresholds), keys, theirs)
    return found


def lock_keys(organisation_id: uuid.UUID, person_keys: Sequence[str]) -> list[str]:
    """The advisory locks counting a person's reports holds: one per key they are known by."""
    return [f"trigger:{organisation_id}:{k}" for k in person_keys]


def report_lock_keys(organisation_id: uuid.UUID, report: ReportReceivedV2) -> list[str]:
    """The locks :func:`on_report` will hold for ``report``, known before its maker's record is
    written (the keys of the details the record is made from), so the report's handler can
    take them with its others in one round trip; none for an anonymous report."""
    reporter = complainant_details(report.anonymous, report.reporter)
    if reporter is None:
        return []
    return lock_keys(
        organisation_id,
        record_keys(reporter.name, reporter.email, reporter.phone, reporter.address),
    )


async def on_report(
    uow: UnitOfWork, case: Case, report: ReportReceivedV2, complainant: Complainant | None
) -> list[Met]:
    """After a named report joined or opened ``case`` and its maker's record ``complainant``
    was added: if their reports now meet a threshold, the case is flagged and they are told of
    their right to a case review, once per rule (whichever of their records or cases it comes
    through). Under the households rule it is the complainant reporting who is told now;
    another household among the five is told when it next reports (or may apply at any
    time)."""
    if complainant is None or complainant_details(report.anonymous, report.reporter) is None:
        return []
    organisation_id = case.organisation_id
    policy = await policy_at(
        uow.session, organisation_id, await current_version(uow.session, organisation_id)
    )
    keys = complainant.person_keys
    # Two reports by one person at once: the second counts the first.
    await hold_locks(uow.session, lock_keys(organisation_id, keys))
    counted = (
        await count_for(
            uow,
            organisation_id,
            [complainant.id],
            report.received_at,
            thresholds_of(policy),
            their_keys=keys,
        )
    ).get(complainant.id)
    if counted is None:
        return []
    told = []
    for met in counted.met:
        already = await uow.session.scalar(
            select(TriggerEligibility.id)
            .where(
                TriggerEligibility.organisation_id == organisation_id,
                TriggerEligibility.rule == met.rule.value,
                TriggerEligibility.person_keys.overlap(counted.keys),
            )
            .limit(1)
        )
        if already is not None:
            continue
        uow.session.add(
            TriggerEligibility(
                case_id=case.id,
                organisation_id=organisation_id,
                person_id=complainant.id,
                person_keys=counted.keys,
                rule=met.rule.value,
                problem=met.problem[:200],
                counted=met.counted,
                met_at=report.received_at,
            )
        )
        await record(
            uow,
            case,
            actor=SYSTEM,
            kind="community_trigger_eligible",
            summary=f"Community Trigger threshold met ({met.rule.value}, {met.counted} counted): "
            "the complainant is told of their right to an ASB case review",
            data={"person_id": str(complainant.id), "rule": met.rule.value, "counted": met.counted},
        )
        await announce(
            uow,
            case,
            CommunityTriggerEligible,
            person_id=complainant.id,
            reports_counted=met.counted,
            rule=met.rule.value,
        )
        told.append(met)
    return told
