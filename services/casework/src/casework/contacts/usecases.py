"""Use cases of contacts: record one, list them, and whether the acknowledgement got through."""

from __future__ import annotations

from asb_shared.contracts.notifications import MessageDelivered, MessageFailed
from asb_shared.usecase import Invalid, UnitOfWork
from sqlalchemy import select, update

from ..cases.models import Case, Complainant, Contact
from ..cases.store import OnCase, case_for_update
from ..db import table_of
from ..subject_contact.checks import require_subject_contact_allowed
from ..timeline.recording import acting, record
from .complainant import COMPLAINANT
from .recording import store_contact
from .schemas import ContactIn

ACKNOWLEDGEMENT_TEMPLATE = "report_acknowledgement"
SUBJECT = "subject"


async def record_contact(uow: UnitOfWork, command: OnCase[ContactIn]) -> Contact:
    """An officer records a contact (with the complainant it meets first contact and restarts
    the contact clock; with anyone it is an update of the case). The subject is contacted only
    with the complainant's agreement or a team leader's override (409 otherwise)."""
    case = await case_for_update(uow, command.case_id)
    body = command.body
    if body.with_whom.value == SUBJECT:
        require_subject_contact_allowed(case)
    if body.person_id is not None:
        if body.with_whom.value != COMPLAINANT:
            raise Invalid.at("person_id", "names a complainant: only for a contact with one")
        if not await uow.session.scalar(
            select(Complainant.id).where(
                Complainant.case_id == case.id, Complainant.id == body.person_id
            )
        ):
            raise Invalid.at("person_id", "is not a complainant on this case")
    if body.initial_response is not None and body.with_whom.value != COMPLAINANT:
        raise Invalid.at(
            "initial_response", "is agreed with a complainant: only on a contact with one"
        )
    actor = acting(uow)
    contact = await store_contact(
        uow,
        case,
        actor=actor,
        with_whom=body.with_whom.value,
        method=body.method.value,
        at=body.contacted_at,
        summary=body.summary,
        person_id=body.person_id,
    )
    if body.initial_response is not None:
        await _agree_initial_response(uow, case, contact, body.initial_response, actor=actor)
    return contact


async def _agree_initial_response(
    uow: UnitOfWork, case: Case, contact: Contact, response: str, *, actor: str
) -> None:
    """Keep on the case what was agreed with the complainant will happen first (NPH: agree the
    initial response at first contact), and put it on the timeline with what it replaced."""
    previous = case.initial_response
    case.initial_response = response
    await record(
        uow,
        case,
        actor=actor,
        kind="initial_response",
        summary=f"Initial response agreed with the complainant: {response}"[:2000],
        data={"contact_id": str(contact.id), "previous": previous},
    )


async def record_acknowledgement(uow: UnitOfWork, event: MessageDelivered | MessageFailed) -> None:
    """Keep on the case whether the complainant's acknowledgement reached them."""
    if event.template != ACKNOWLEDGEMENT_TEMPLATE or event.case_id is None:
        return
    values: dict[str, object] = (
        {"acknowledged_at": event.delivered_at, "acknowledgement_failed": False}
        if isinstance(event, MessageDelivered)
        else {"acknowledgement_failed": True}
    )
    cases = table_of(Case)
    await uow.session.execute(
        update(cases)
        .where(cases.c.id == event.case_id, cases.c.organisation_id == uow.envelope.organisation_id)
        .values(**values)
    )
