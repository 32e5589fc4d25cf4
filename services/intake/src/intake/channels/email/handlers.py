"""Events the email channel handles: casework put a report on its route, so the reply owed to
the email it came from can be decided (see :mod:`.autoreply`)."""

from __future__ import annotations

from asb_shared.contracts.casework import CaseOpenedV2, ReportLinkedV2
from asb_shared.usecase import UnitOfWork

from .usecases import RouteKnown, reply_when_route_known


async def case_opened(uow: UnitOfWork, event: CaseOpenedV2) -> None:
    known = RouteKnown(event.report_id, event.anonymous, event.route, True, event.complainant)
    await reply_when_route_known(uow, known)


async def report_linked(uow: UnitOfWork, event: ReportLinkedV2) -> None:
    # The case's route is not in the event: an anonymous reporter's reply is withheld (careful),
    # a named reporter's record is careful on the careful routes already.
    await reply_when_route_known(
        uow,
        RouteKnown(
            event.report_id,
            event.anonymous,
            None,
            False,
            event.complainant,
        ),
    )
