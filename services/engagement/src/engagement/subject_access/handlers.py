"""Events engagement's subject access part handles."""

from __future__ import annotations

from asb_shared.contracts.casework import SubjectAccessRequested
from asb_shared.usecase import UnitOfWork

from .usecases import contribute


async def subject_access_requested(uow: UnitOfWork, event: SubjectAccessRequested) -> None:
    await contribute(uow, event)
