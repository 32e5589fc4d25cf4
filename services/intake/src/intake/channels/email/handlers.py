"""Events the email channel handles: casework put a report on its route, so the reply owed to
the email it came from can be decided (see :mod:`.autoreply`)."""

from __future__ import annotations

from asb_shared.contracts.casework import CaseOpened, CaseOpenedV2, ReportLinked, ReportLinkedV2
from asb_shared.usecase import UnitOfWork

from .usecases import RouteKnown, reply_when_route_known


async def case_opened(uow: UnitOfWork, event: CaseOpened | CaseOpenedV2) -> None:
    # A version-1 event carries neither the route nor the wishes as data: most careful.
    if isinstance(event, CaseOpenedV2):
        known = RouteKnown(event.report_id, event.anonymous, event.route, True, event.complainant)
    else:
        known = RouteKnown(event.report_id, event.anonymous, None, False, None)
    await reply_when_route_known(uow, known)


async def report_linked(uow: UnitOfWork, event: ReportLinked | ReportLinkedV2) -> None:
    # The case's route is not in the event: an anonymous reporter's reply is withheld (careful),
    # a named reporter's record is careful on the careful routes already.
    await reply_when_route_known(
        uow,
        RouteKnown(
            event.report_id,
            event.anonymous,
            None,
            False,
            event.complainant if isinstance(event, ReportLinkedV2) else None,
        ),
    )
