"""Use cases of the complainant's agreement to the subject being contacted."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.auth.groups import MANAGERS
from asb_shared.usecase import Forbidden, UnitOfWork

from ..casefile.store import CaseWithReports, with_reports
from ..cases.store import OnCase, case_for_update, staff
from ..timeline.recording import acting, record
from .rules import SubjectContact


@dataclass(frozen=True)
class SubjectContactDecision:
    decision: SubjectContact
    reason: str


async def decide_subject_contact(
    uow: UnitOfWork, command: OnCase[SubjectContactDecision]
) -> CaseWithReports:
    """Record the complainant's agreement or refusal, or a team leader's override."""
    case = await case_for_update(uow, command.case_id)
    body = command.body
    if body.decision is SubjectContact.OVERRIDDEN and not staff(uow).has_any(MANAGERS):
        raise Forbidden("Only a team leader can override the complainant's wishes.")
    case.subject_contact = body.decision.value
    summaries = {
        SubjectContact.AGREED: "The complainant agreed to the subject being contacted",
        SubjectContact.REFUSED: "The complainant does not want the subject contacted",
        SubjectContact.OVERRIDDEN: "Team leader's override: the subject will be contacted",
    }
    await record(
        uow,
        case,
        actor=acting(uow),
        kind="subject_contact",
        summary=f"{summaries[body.decision]}: {body.reason}"[:2000],
        data={"decision": body.decision.value},
    )
    return await with_reports(uow, case)
