"""GET requests: the filters a GeoReport client may send, checked, and the query they make.

``service_request_id`` overrides the other filters (the spec's rule); without dates the window
is the latest 90 days, and a window may not be wider; at most 1000 requests are returned.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from asb_shared.contracts.common import AsbCategory
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..reports.models import Report, ReportStatus
from .catalogue import category_of
from .privacy import LISTED_CHANNEL, SHOWN_COLUMNS, public_request
from .wire import Open311Error, echo, jurisdiction, listed, one, w3

DEFAULT_WINDOW = timedelta(days=90)
MAX_REQUESTS = 1000


@dataclass(frozen=True)
class RequestQuery:
    organisation_id: uuid.UUID
    references: tuple[str, ...] = ()
    categories: tuple[AsbCategory, ...] = ()
    statuses: frozenset[str] = frozenset()
    start: datetime | None = None
    end: datetime | None = None
    limit: int = MAX_REQUESTS


def request_query(params: Mapping[str, Sequence[str]], *, now: datetime) -> RequestQuery:
    """GET requests' filters. ``service_request_id`` overrides the others (the spec's rule);
    without dates the window is the latest 90 days, and a window may not be wider."""
    organisation_id = jurisdiction(one(params, "jurisdiction_id"), required=True)
    assert organisation_id is not None
    errors: list[str] = []
    limit = MAX_REQUESTS
    page_size = listed(params, "page_size")
    if page_size:
        if not page_size[0].isdigit() or not 1 <= int(page_size[0]) <= MAX_REQUESTS:
            errors.append(f"page_size must be a whole number from 1 to {MAX_REQUESTS}.")
        else:
            limit = int(page_size[0])
    references = tuple(dict.fromkeys(listed(params, "service_request_id")))
    if references:
        if errors:
            raise Open311Error(400, *errors)
        return RequestQuery(organisation_id, references=references[:limit], limit=limit)

    categories: list[AsbCategory] = []
    for code in listed(params, "service_code"):
        category = category_of(code)
        if category is None:
            errors.append(
                f"service_code '{echo(code)}' was not found: services.xml lists the codes."
            )
        else:
            categories.append(category)
    statuses = {s.lower() for s in listed(params, "status")}
    if statuses - {"open", "closed"}:
        errors.append("status must be open or closed (or both, comma delimited).")
    start = end = None
    try:
        start_value, end_value = listed(params, "start_date"), listed(params, "end_date")
        start = w3(start_value[0], "start_date") if start_value else None
        end = w3(end_value[0], "end_date", end_of_day=True) if end_value else None
    except Open311Error as exc:
        errors.extend(exc.descriptions)
    try:
        if start is None and end is None:
            start, end = now - DEFAULT_WINDOW, now
        elif end is None:
            assert start is not None
            end = start + DEFAULT_WINDOW
        elif start is None:
            start = end - DEFAULT_WINDOW
    except OverflowError:
        raise Open311Error(400, "start_date or end_date is out of range.") from None
    if start > end:
        errors.append("start_date is after end_date.")
    elif end - start > DEFAULT_WINDOW:
        errors.append("start_date and end_date may not span more than 90 days.")
    if errors:
        raise Open311Error(400, *errors)
    return RequestQuery(
        organisation_id,
        categories=tuple(categories),
        statuses=frozenset(statuses),
        start=start,
        end=end,
        limit=limit,
    )


_REFERENCE = re.compile(r"^[A-Za-z0-9-]{1,32}$")


async def find_requests(uow: UnitOfWork, query: RequestQuery) -> list[dict[str, Any]]:
    """Open311 reports matching the query, newest first, as GeoReport shows them to anyone."""
    stmt = (
        select(*SHOWN_COLUMNS)
        .join(ReportStatus, ReportStatus.report_id == Report.id)
        .where(
            Report.organisation_id == query.organisation_id,
            Report.channel == LISTED_CHANNEL.value,
        )
    )
    if query.references:
        references = [r for r in query.references if _REFERENCE.match(r)]
        if not references:
            return []
        stmt = stmt.where(Report.reference.in_(references))
    if query.categories:
        # An Open311 report has exactly one category, its service.
        stmt = stmt.where(Report.categories[1].in_([c.value for c in query.categories]))
    if query.statuses == {"closed"}:
        stmt = stmt.where(ReportStatus.status == "closed")
    elif query.statuses == {"open"}:
        stmt = stmt.where(ReportStatus.status != "closed")
    if query.start is not None:
        stmt = stmt.where(Report.received_at >= query.start)
    if query.end is not None:
        stmt = stmt.where(Report.received_at <= query.end)
    stmt = stmt.order_by(Report.received_at.desc(), Report.reference.desc()).limit(query.limit)
    rows = (await uow.session.execute(stmt)).all()
    return [public_request(row) for row in rows]


def token_of(value: str) -> uuid.UUID | None:
    """A GeoReport token as ours are made (the report's id), or None for anything else."""
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


async def find_token(
    uow: UnitOfWork, token: uuid.UUID, organisation_id: uuid.UUID | None
) -> list[dict[str, Any]]:
    """GET tokens: the service_request_id a POST's token stands for. Only a request made
    through Open311 is found (the same reports GET requests lists), of the jurisdiction when
    one is given."""
    stmt = select(Report.reference).where(
        Report.id == token, Report.channel == LISTED_CHANNEL.value
    )
    if organisation_id is not None:
        stmt = stmt.where(Report.organisation_id == organisation_id)
    reference = await uow.session.scalar(stmt)
    if reference is None:
        return []
    return [{"service_request_id": reference, "token": str(token)}]
