"""Use cases for templates: find the one to use, save a new version, preview one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from asb_shared.usecase import Invalid, UnitOfWork
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from .defaults import DEFAULTS
from .kinds import SAMPLES, MessageKind, fields_of
from .models import TemplateRow
from .rendering import TemplateProblem, check, render

ENGLISH = "en"


@dataclass(frozen=True)
class Resolved:
    """The template to use for a message."""

    kind: MessageKind
    language: str
    version: int
    """0 for the shipped default, else the organisation's saved version."""
    subject: str
    body: str
    fields: list[str]
    wanted_language: str
    """The language asked for; differs from ``language`` when English stood in."""

    @property
    def fell_back(self) -> bool:
        return self.language != self.wanted_language


def _candidates(language: str) -> list[str]:
    base = language.split("-")[0].lower()
    return list(dict.fromkeys([language, base]))


async def _saved(
    session: AsyncSession, organisation_id: uuid.UUID, kind: MessageKind, languages: list[str]
) -> dict[str, TemplateRow]:
    """The organisation's latest saved version of ``kind`` in each of ``languages`` it has."""
    rows = await session.scalars(
        select(TemplateRow)
        .where(
            TemplateRow.organisation_id == organisation_id,
            TemplateRow.kind == kind.value,
            TemplateRow.language.in_(languages),
        )
        .order_by(TemplateRow.language, TemplateRow.version.desc())
        .ext(distinct_on(TemplateRow.language))
    )
    return {row.language: row for row in rows}


async def resolve(
    session: AsyncSession, organisation_id: uuid.UUID, kind: MessageKind, language: str
) -> Resolved:
    """The organisation's latest template for ``kind`` in ``language`` (or its base language),
    else the shipped one; when there is none in that language, English. One query for every
    language tried."""
    languages = list(dict.fromkeys([*_candidates(language), ENGLISH]))
    saved = await _saved(session, organisation_id, kind, languages)
    for lang in languages:
        row = saved.get(lang)
        if row is not None:
            return Resolved(
                kind, lang, row.version, row.subject, row.body, list(row.fields), language
            )
        shipped = DEFAULTS.get((kind, lang))
        if shipped is not None:
            return Resolved(
                kind, lang, 0, shipped.subject, shipped.body, sorted(shipped.fields), language
            )
    raise LookupError(f"no template for {kind}")  # every kind has an English default


NO_NUL = r"^[^\x00]*$"
FieldName = Annotated[str, Field(max_length=60, pattern=r"^[a-z_][a-z0-9_]*$")]


class TemplateDraft(BaseModel):
    subject: str = Field(min_length=1, max_length=300, pattern=NO_NUL)
    body: str = Field(min_length=1, max_length=20_000, pattern=NO_NUL)
    fields: list[FieldName] = Field(max_length=40, description="the fields the template uses")


class SaveTemplate(TemplateDraft):
    kind: MessageKind
    language: str


class PreviewTemplate(BaseModel):
    kind: MessageKind
    language: str
    draft: TemplateDraft | None = None
    """A template being edited; None previews the one in use."""


async def _checked(kind: MessageKind, draft: TemplateDraft) -> tuple[str, str]:
    unknown = sorted(set(draft.fields) - fields_of(kind))
    if unknown:
        raise Invalid.at(
            "fields",
            f"{kind.value} messages have no field {', '.join(unknown)}; "
            f"available: {', '.join(sorted(fields_of(kind)))}",
        )
    try:
        check(draft.subject, draft.body, draft.fields)
    except TemplateProblem as problem:
        raise Invalid.at(problem.field, problem.message) from problem
    # Rendered once with sample data: what the sandbox refuses (an error, or more work,
    # output or time than it allows) is refused now, not when a message to a resident is due.
    return await _rendered(draft.subject, draft.body, kind)


async def _rendered(subject: str, body: str, kind: MessageKind) -> tuple[str, str]:
    try:
        return await render(subject, body, SAMPLES[kind])
    except TemplateProblem as problem:
        raise Invalid.at(problem.field, f"cannot be rendered: {problem.message}") from problem


async def save_template(uow: UnitOfWork, command: SaveTemplate) -> TemplateRow:
    """Save a new version of an organisation's template; older versions stay as they were."""
    assert uow.actor is not None
    await _checked(command.kind, command)
    organisation = uow.actor.organisation_id
    # One save at a time per template, so two admins saving at once get versions n and n+1.
    await uow.session.execute(
        select(
            func.pg_advisory_xact_lock(
                func.hashtext(f"{organisation}:{command.kind}:{command.language}")
            )
        )
    )
    latest = await uow.session.scalar(
        select(func.max(TemplateRow.version)).where(
            TemplateRow.organisation_id == organisation,
            TemplateRow.kind == command.kind.value,
            TemplateRow.language == command.language,
        )
    )
    row = TemplateRow(
        organisation_id=organisation,
        kind=command.kind.value,
        language=command.language,
        version=(latest or 0) + 1,
        subject=command.subject,
        body=command.body,
        fields=sorted(set(command.fields)),
        created_by=uow.actor.name or uow.actor.subject,
    )
    uow.session.add(row)
    await uow.session.flush()
    return row


async def find_template(uow: UnitOfWork, kind: MessageKind, language: str) -> Resolved:
    assert uow.actor is not None
    return await resolve(uow.session, uow.actor.organisation_id, kind, language)


async def template_versions(uow: UnitOfWork, kind: MessageKind, language: str) -> list[TemplateRow]:
    assert uow.actor is not None
    return list(
        (
            await uow.session.scalars(
                select(TemplateRow)
                .where(
                    TemplateRow.organisation_id == uow.actor.organisation_id,
                    TemplateRow.kind == kind.value,
                    TemplateRow.language == language,
                )
                .order_by(TemplateRow.version.desc())
            )
        ).all()
    )


async def preview_template(uow: UnitOfWork, command: PreviewTemplate) -> tuple[str, str]:
    """Render a draft (or the template in use) with sample data."""
    if command.draft is not None:
        return await _checked(command.kind, command.draft)
    current = await find_template(uow, command.kind, command.language)
    return await _rendered(current.subject, current.body, command.kind)
