"""Use cases of language needs: an officer records a subject's or witness's needs."""

from __future__ import annotations

from asb_shared.usecase import Invalid, UnitOfWork
from sqlalchemy import select

from ..cases.models import CaseReport
from ..cases.store import OnCase, case_for_update
from ..timeline.recording import acting, record
from .models import LanguageNeed
from .people import PersonOnCase, named_in, people_on_case
from .reading import need_of, report_people
from .schemas import LanguageNeedIn


async def record_language_need(uow: UnitOfWork, command: OnCase[LanguageNeedIn]) -> PersonOnCase:
    """Record (or change) the language, interpreter and BSL needs of a person a report on the
    case names; on the timeline."""
    case = await case_for_update(uow, command.case_id)
    body = command.body
    report = await uow.session.scalar(
        select(CaseReport).where(
            CaseReport.report_id == body.report_id, CaseReport.case_id == case.id
        )
    )
    if report is None:
        raise Invalid.at("report_id", "is not a report on this case")
    if body.position >= len(named_in(report.payload, body.role)):
        raise Invalid.at("position", f"the report names no {body.role.value} at this position")
    row = await uow.session.scalar(
        select(LanguageNeed)
        .where(
            LanguageNeed.report_id == body.report_id,
            LanguageNeed.role == body.role.value,
            LanguageNeed.position == body.position,
        )
        .with_for_update()
    )
    actor = acting(uow)
    if row is None:
        row = LanguageNeed(report_id=body.report_id, role=body.role.value, position=body.position)
        uow.session.add(row)
    row.case_id = case.id
    row.organisation_id = case.organisation_id
    row.language = body.language
    row.interpreter = body.interpreter
    row.bsl = body.bsl
    row.notes = body.notes
    row.recorded_by = actor
    row.recorded_at = uow.now()
    await uow.session.flush()
    needs = [n for n, wanted in (("interpreter", body.interpreter), ("BSL", body.bsl)) if wanted]
    await record(
        uow,
        case,
        actor=actor,
        kind="language_needs",
        summary=f"Language needs of {body.role.value} {body.position + 1} of"
        f" {report.report_reference}: language {body.language or 'not known'},"
        f" {' and '.join(needs) if needs else 'no interpreter'} needed",
        data={
            "report_id": str(body.report_id),
            "role": body.role.value,
            "position": body.position,
            "language": body.language,
            "interpreter": body.interpreter,
            "bsl": body.bsl,
        },
    )
    [person] = [
        p
        for p in people_on_case([report_people(report)], [need_of(row)])
        if p.role is body.role and p.position == body.position
    ]
    return person
