"""What reporters add to a case after opening it: incidents and files, and survey answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asb_shared.contracts.intake import FollowupReceived
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.models import Case, CaseReport
from ..evidence.files import register_files
from ..standards import timers
from ..timeline.recording import COMPLAINANT, REPORTER, record


async def record_followup(uow: UnitOfWork, event: FollowupReceived) -> None:
    """A reporter added an incident or evidence: it goes on the case's timeline and register."""
    case = await uow.session.scalar(
        select(Case)
        .join(CaseReport, CaseReport.case_id == Case.id)
        .where(
            CaseReport.report_id == event.report_id,
            Case.organisation_id == uow.envelope.organisation_id,
        )
        .with_for_update(of=Case)
    )
    if case is None:
        # The report's own event has not been handled yet: retried after a delay.
        raise LookupError(f"no case yet for report {event.report_reference}")
    what = "new incident" if event.kind == "incident" else "evidence"
    summary = f"Reporter added {what} to {event.report_reference}"
    if event.description:
        summary += f": {event.description[:500]}"
    await record(
        uow,
        case,
        actor=REPORTER,
        kind=f"followup_{event.kind}",
        summary=summary,
        data={
            "followup_id": str(event.followup_id),
            "occurred_at": event.occurred_at.isoformat() if event.occurred_at else None,
        },
    )
    await register_files(
        uow,
        case,
        event.evidence,
        origin=f"reporter follow-up on {event.report_reference}",
        added_by=REPORTER,
    )
    await timers.on_case_updated(uow.session, case, event.occurred_at or uow.envelope.occurred_at)


@dataclass(frozen=True)
class NoteOnCases:
    """An entry from the complainant for every case the reports belong to."""

    report_references: list[str]
    kind: str
    summary: str
    data: dict[str, Any] = field(default_factory=dict)


async def note_on_cases(uow: UnitOfWork, command: NoteOnCases) -> int:
    """Put an entry on the timeline of each case the reports belong to; returns how many."""
    cases = list(
        await uow.session.scalars(
            select(Case)
            .where(
                Case.organisation_id == uow.envelope.organisation_id,
                Case.id.in_(
                    select(CaseReport.case_id).where(
                        CaseReport.report_reference.in_(command.report_references)
                    )
                ),
            )
            .order_by(Case.id)
            .with_for_update()
        )
    )
    for case in cases:
        await record(
            uow,
            case,
            actor=COMPLAINANT,
            kind=command.kind,
            summary=command.summary,
            data=command.data,
        )
    return len(cases)
