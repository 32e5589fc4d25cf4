"""Use cases of the email channel's automatic reply: decided when casework has put the report
on its route (the rule: :mod:`.autoreply`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.contracts.casework import ContactRecord
from asb_shared.contracts.common import ContactDetails
from asb_shared.db import notify_once
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select, update

from .autoreply import (
    UNKNOWN_WISHES,
    NoReply,
    ReplyDecision,
    ReplyLater,
    reply_to_anonymous,
    reply_to_named,
)
from .mailbox import AWAITING_ROUTE, OWED, REPLIES_CHANNEL, WITHHELD
from .models import InboundMail
from .parsing import parse_mail


@dataclass(frozen=True)
class RouteKnown:
    """Casework put the report ``report_id`` on a case: its route (when the event says it),
    whether it is anonymous, and the complainant's contact record (None when anonymous, or
    when the event names none: wishes unknown, the most careful)."""

    report_id: uuid.UUID
    anonymous: bool
    route: str | None
    route_known: bool
    complainant: ContactRecord | None


async def reply_when_route_known(uow: UnitOfWork, command: RouteKnown) -> str | None:
    """Decide the reply owed to the email this report came from, if one waits for its route;
    returns the reply status set (None when no email reply waits for this report)."""
    mail = await uow.session.scalar(
        select(InboundMail)
        .where(InboundMail.report_id == command.report_id)
        .where(InboundMail.reply_status == AWAITING_ROUTE)
        .with_for_update()
    )
    if mail is None:
        return None
    reply_to = parse_mail(mail.raw, mail.organisation_id).reply_to
    decision: ReplyDecision
    if reply_to is None:
        decision = NoReply("no address to reply to")
    elif command.anonymous:
        decision = reply_to_anonymous(command.route, route_known=command.route_known)
    elif command.complainant is None:
        decision = reply_to_named(UNKNOWN_WISHES, ContactDetails(), reply_to, now=uow.now())
    else:
        decision = reply_to_named(
            command.complainant.preferences, command.complainant, reply_to, now=uow.now()
        )
    if isinstance(decision, NoReply):
        status, after, note = WITHHELD, None, decision.why
    else:
        status = OWED
        after = decision.at if isinstance(decision, ReplyLater) else uow.now()
        note = None
    await uow.session.execute(
        update(InboundMail)
        .where(InboundMail.id == mail.id)
        .values(reply_status=status, reply_after=after, reply_note=note)
    )
    if status == OWED:
        await notify_once(uow.session, REPLIES_CHANNEL)
    return status
