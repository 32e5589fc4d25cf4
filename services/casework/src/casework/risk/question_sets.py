"""Where an organisation's risk question sets are kept: versioned, the newest applies."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import RiskQuestionSet
from .scoring import DEFAULT_QUESTION_SET, DEFAULT_VERSION, QuestionSet


async def current_question_set(
    session: AsyncSession, organisation_id: uuid.UUID
) -> tuple[int, QuestionSet]:
    """The organisation's newest question set and its version (the default, version 0, if none)."""
    row = await session.scalar(
        select(RiskQuestionSet)
        .where(RiskQuestionSet.organisation_id == organisation_id)
        .order_by(RiskQuestionSet.version.desc())
        .limit(1)
    )
    if row is None:
        return DEFAULT_VERSION, DEFAULT_QUESTION_SET
    return row.version, QuestionSet.model_validate(row.definition)


async def publish_question_set(
    session: AsyncSession, organisation_id: uuid.UUID, question_set: QuestionSet, created_by: str
) -> RiskQuestionSet:
    """Add a new version; earlier versions stay as they were, for the assessments that used them."""
    version, _ = await current_question_set(session, organisation_id)
    row = RiskQuestionSet(
        organisation_id=organisation_id,
        version=version + 1,
        definition=question_set.model_dump(mode="json"),
        created_by=created_by,
    )
    session.add(row)
    await session.flush()
    return row
