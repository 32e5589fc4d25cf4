"""Events about contacting the complainant: did the acknowledgement reach them?"""

from __future__ import annotations

from asb_shared.contracts import MessageDelivered, MessageFailed
from asb_shared.usecase import UnitOfWork

from .use_cases import record_acknowledgement


async def message_delivered(uow: UnitOfWork, event: MessageDelivered) -> None:
    await record_acknowledgement(uow, event)


async def message_failed(uow: UnitOfWork, event: MessageFailed) -> None:
    await record_acknowledgement(uow, event)
