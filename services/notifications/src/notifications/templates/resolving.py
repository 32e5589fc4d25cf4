"""Which template a message uses: the organisation's latest in the language wanted (or its base
language), else the shipped one, else English."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from .defaults import DEFAULTS
from .kinds import MessageKind
from .models import TemplateRow

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
