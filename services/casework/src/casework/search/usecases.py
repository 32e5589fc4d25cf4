"""Searching the acting organisation's cases: every criterion given must match a report of the
case (names, place, postcode, UPRN, free text) or the case itself (reference), on top of the
case list's filters. Newest case first, paged like every list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Invalid, UnitOfWork
from sqlalchemy import ColumnElement, func, literal, or_, select, union
from sqlalchemy.dialects.postgresql import array

from ..caselist.filters import FindCases, filtered
from ..cases.index import ReportIndex
from ..cases.models import Case, CaseReport
from ..cases.store import staff
from .terms import NAME_SIMILARITY, like_pattern, name_terms, postcode_term


@dataclass(frozen=True)
class SearchCases:
    """What is searched for (any of it) and the case list's filters."""

    filters: FindCases
    name: str | None = None
    address: str | None = None
    postcode: str | None = None
    uprn: str | None = None
    reference: str | None = None
    text: str | None = None
    limit: int = 50
    cursor: uuid.UUID | None = None


def _report_conditions(command: SearchCases) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if command.name is not None:
        terms = name_terms(command.name)
        if terms is None:
            raise Invalid.at("name", "give at least one letter of a name")
        for word in terms.words:
            # ``names %> word``: a word of the names is similar above
            # pg_trgm.word_similarity_threshold (written with the indexed column on the left,
            # so the GIN index is used); or a word sounds the same. Both GIN-indexed.
            found.append(
                or_(
                    ReportIndex.names.op("%>")(literal(word)),
                    ReportIndex.sounds.contains(array([func.dmetaphone(word)])),
                )
            )
        for initial in terms.initials:
            found.append(ReportIndex.names.op("~*")(literal(f"\\m{initial}")))
    if command.address is not None:
        words = command.address.split()
        if not words:
            raise Invalid.at("address", "give part of an address")
        found += [ReportIndex.address.ilike(like_pattern(w)) for w in words]
    if command.postcode is not None:
        term = postcode_term(command.postcode)
        if term is None:
            raise Invalid.at("postcode", "not a postcode, postcode sector or postcode district")
        column = {
            "full": ReportIndex.postcode,
            "sector": ReportIndex.sector,
            "district": ReportIndex.district,
        }[term.precision]
        found.append(column == term.value)
    if command.uprn is not None:
        found.append(ReportIndex.uprn == command.uprn.strip())
    if command.text is not None:
        query = func.websearch_to_tsquery("english", command.text)
        found.append(ReportIndex.document.op("@@")(query))
    return found


async def search_cases(uow: UnitOfWork, command: SearchCases) -> list[Case]:
    """The acting organisation's cases matching every criterion given."""
    organisation_id = staff(uow).organisation_id
    conditions = _report_conditions(command)
    statement = filtered(select(Case), command.filters, organisation_id)
    if conditions:
        # The matching reports first, through their GIN indexes, then their cases: asked the
        # other way round (each case, newest first, probed for a match) a rare name scans the
        # whole list, and prepared statements' generic plans tend to ask it that way.
        hits = (
            select(ReportIndex.case_id)
            .where(ReportIndex.organisation_id == organisation_id, *conditions)
            .cte("hits")
            .prefix_with("MATERIALIZED")
        )
        statement = statement.where(Case.id.in_(select(hits.c.case_id)))
    if command.reference is not None:
        # A case's own reference or one of its reports': two index look-ups, one union.
        reference = command.reference.strip()
        statement = statement.where(
            Case.id.in_(
                union(
                    select(Case.id).where(Case.reference == reference.upper()),
                    select(CaseReport.case_id).where(
                        CaseReport.report_reference.in_(sorted({reference, reference.upper()}))
                    ),
                )
            )
        )
    if command.cursor is not None:
        statement = statement.where(Case.id < command.cursor)
    # The similarity threshold, and a plan for these very words: a prepared statement's
    # generic plan cannot tell a rare name from a common one and walks every case instead.
    await uow.session.execute(
        select(
            func.set_config("pg_trgm.word_similarity_threshold", str(NAME_SIMILARITY), True),
            func.set_config("plan_cache_mode", "force_custom_plan", True),
        )
    )
    return list(await uow.session.scalars(statement.order_by(Case.id.desc()).limit(command.limit)))
