"""Events subject access handles: every service's answer to a request."""

from __future__ import annotations

from asb_shared.contracts.common import SubjectAccessContribution
from asb_shared.usecase import UnitOfWork

from .usecases import contributed


async def on_contribution(uow: UnitOfWork, event: SubjectAccessContribution) -> None:
    await contributed(uow, event)
