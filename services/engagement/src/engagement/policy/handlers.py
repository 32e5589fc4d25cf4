"""A landlord's policy changed in casework."""

from __future__ import annotations

from asb_shared.contracts.casework import PolicyChanged
from asb_shared.usecase import UnitOfWork

from .usecases import keep_policy


async def policy_changed(uow: UnitOfWork, event: PolicyChanged) -> None:
    await keep_policy(uow, event)
