"""A landlord's public details: found by its reference prefix, active landlords only."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.errors import ApiError
from asb_shared.organisations import organisations
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..policy.settings import PolicySettings
from ..policy.store import current_version, policy_at
from ..risk.question_sets import current_question_set
from ..risk.scoring import QuestionSet


@dataclass(frozen=True)
class FindLandlord:
    reference_prefix: str
    """In any case: ``etoe`` is ``ETOE``."""


@dataclass(frozen=True)
class PublicDetails:
    organisation_id: uuid.UUID
    name: str
    reference_prefix: str
    policy: PolicySettings
    questions: QuestionSet


async def public_details(uow: UnitOfWork, query: FindLandlord) -> PublicDetails:
    """The landlord's name, policy in force and risk questions; 404 for an unknown or inactive
    landlord (nothing tells the two apart)."""
    row = (
        await uow.session.execute(
            select(organisations.c.id, organisations.c.name, organisations.c.reference_prefix)
            .where(organisations.c.reference_prefix == query.reference_prefix.upper())
            .where(organisations.c.active)
        )
    ).first()
    if row is None:
        raise ApiError(404, "not_found", "No landlord has this address.")
    policy = await policy_at(uow.session, row.id, await current_version(uow.session, row.id))
    _, questions = await current_question_set(uow.session, row.id)
    return PublicDetails(row.id, row.name, row.reference_prefix, policy, questions)
