"""Casework's retention announcements, followed by notifications."""

from __future__ import annotations

from asb_shared.contracts.casework import CaseExpired, PersonErased
from asb_shared.usecase import UnitOfWork

from .usecases import ForgetCase, ForgetPeople, forget_case, forget_people


async def case_expired(uow: UnitOfWork, event: CaseExpired) -> None:
    await forget_case(uow, ForgetCase(event.case_id))


async def person_erased(uow: UnitOfWork, event: PersonErased) -> None:
    await forget_people(uow, ForgetPeople(event.person_ids))
