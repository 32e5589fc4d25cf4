"""Events equality monitoring handles: the answers a reporter gave with their report."""

from __future__ import annotations

from asb_shared.contracts.intake import EqualityAnswersGiven
from asb_shared.usecase import UnitOfWork

from .usecases import answers_given


async def on_answers_given(uow: UnitOfWork, event: EqualityAnswersGiven) -> None:
    await answers_given(uow, event)
