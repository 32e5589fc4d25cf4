"""Where an organisation's needs assessment question sets are kept: versioned, the newest applies."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import AssessmentQuestionSet
from .questions import DEFAULT_QUESTION_SET, DEFAULT_VERSION, QuestionSet


async def question_set(
    session: AsyncSession, organisation_id: uuid.UUID, version: int | None = None
) -> tuple[int, QuestionSet]:
    """The organisation's question set of ``version`` (the newest if None; 0 is the default)."""
    query = select(AssessmentQuestionSet).where(
        AssessmentQuestionSet.organisation_id == organisation_id
    )
    if version is not None:
        if version == DEFAULT_VERSION:
            return DEFAULT_VERSION, DEFAULT_QUESTION_SET
        query = query.where(AssessmentQuestionSet.version == version)
    row = await session.scalar(query.order_by(AssessmentQuestionSet.version.desc()).limit(1))
    if row is None:
        return DEFAULT_VERSION, DEFAULT_QUESTION_SET
    return row.version, QuestionSet.model_validate(row.definition)


async def publish(
    session: AsyncSession, organisation_id: uuid.UUID, definition: QuestionSet, created_by: str
) -> AssessmentQuestionSet:
    """Add a new version; earlier ones stay as they were, for the assessments that used them."""
    version, _ = await question_set(session, organisation_id)
    row = AssessmentQuestionSet(
        organisation_id=organisation_id,
        version=version + 1,
        definition=definition.model_dump(mode="json"),
        created_by=created_by,
    )
    session.add(row)
    await session.flush()
    return row
