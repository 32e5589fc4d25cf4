"""Use cases on needs assessments: assess (a new version each time), read the history, and
publish an organisation's question set."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Conflict, Forbidden, Invalid, Problem, UnitOfWork
from sqlalchemy import func, select

from ..clients.engagement import Status, has_consent
from ..clients.records import client_for_change, read_record
from ..common import actor_name
from . import question_sets
from .models import Assessment, AssessmentQuestionSet
from .questions import InvalidAnswers, QuestionSet, score
from .schemas import AssessmentIn


@dataclass
class Assess:
    client_id: uuid.UUID
    body: AssessmentIn


async def assess(uow: UnitOfWork, command: Assess) -> Assessment:
    """Score the client's needs against the organisation's current question set."""
    client = await client_for_change(uow, command.client_id)
    if not has_consent(Status(client.status)):
        raise Conflict("A needs assessment needs the client's consent.")
    version, questions = await question_sets.question_set(uow.session, client.organisation_id)
    try:
        scores = score(questions, command.body.answers)
    except InvalidAnswers as exc:
        raise Invalid(
            "The request has invalid fields.", [Problem(f, m) for f, m in exc.problems.items()]
        ) from exc
    unknown_notes = set(command.body.notes) - set(command.body.answers)
    if unknown_notes:
        raise Invalid.at(f"notes.{sorted(unknown_notes)[0]}", "a note must be for an area assessed")
    number = await uow.session.scalar(
        select(func.coalesce(func.max(Assessment.number), 0)).where(
            Assessment.client_id == client.id
        )
    )
    row = Assessment(
        organisation_id=client.organisation_id,
        client_id=client.id,
        number=int(number or 0) + 1,
        question_set_version=version,
        answers=command.body.answers,
        scores={a.value: s.model_dump(mode="json") for a, s in scores.items()},
        notes=dict(command.body.notes),
        assessed_by=actor_name(uow),
        assessed_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    return row


async def assessments_of(uow: UnitOfWork, client_id: uuid.UUID) -> list[Assessment]:
    """Every assessment of the client, newest first (PEOs only; the read is logged)."""
    client = await read_record(uow, client_id, "assessments")
    rows = await uow.session.scalars(
        select(Assessment)
        .where(Assessment.client_id == client.id)
        .order_by(Assessment.number.desc())
    )
    return list(rows)


@dataclass(frozen=True)
class CurrentQuestionSet:
    """Which question set applies now (to the acting organisation)."""


async def current_question_set(
    uow: UnitOfWork, query: CurrentQuestionSet
) -> tuple[int, QuestionSet]:
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    return await question_sets.question_set(uow.session, uow.actor.organisation_id)


async def publish_question_set(uow: UnitOfWork, definition: QuestionSet) -> AssessmentQuestionSet:
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    return await question_sets.publish(
        uow.session, uow.actor.organisation_id, definition, actor_name(uow)
    )
