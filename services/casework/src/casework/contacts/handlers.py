"""Events about contacting complainants: did a message reach them, or was it withheld?"""

from __future__ import annotations

from asb_shared.contracts.notifications import ContactWithheld, MessageDelivered, MessageFailed
from asb_shared.usecase import UnitOfWork

from .complainants import record_withheld
from .usecases import record_acknowledgement


async def message_delivered(uow: UnitOfWork, event: MessageDelivered) -> None:
    await record_acknowledgement(uow, event)


async def message_failed(uow: UnitOfWork, event: MessageFailed) -> None:
    await record_acknowledgement(uow, event)


async def contact_withheld(uow: UnitOfWork, event: ContactWithheld) -> None:
    await record_withheld(uow, event)
