"""Use cases for templates: find the one to use, save a new version, preview one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from asb_shared.usecase import Invalid, UnitOfWork
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from .kinds import SAMPLES, MessageKind, fields_of
from .models import TemplateRow
from .rendering import TemplateProblem, check, render
from .resolving import Resolved, resolve

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


@dataclass(frozen=True)
class TemplateOf:
    """The organisation's template of one kind in one language."""

    kind: MessageKind
    language: str


async def find_template(uow: UnitOfWork, command: TemplateOf) -> Resolved:
    assert uow.actor is not None
    return await resolve(uow.session, uow.actor.organisation_id, command.kind, command.language)


async def template_versions(uow: UnitOfWork, command: TemplateOf) -> list[TemplateRow]:
    assert uow.actor is not None
    kind, language = command.kind, command.language
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
    current = await find_template(uow, TemplateOf(command.kind, command.language))
    return await _rendered(current.subject, current.body, command.kind)
