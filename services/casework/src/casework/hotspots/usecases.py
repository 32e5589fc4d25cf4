"""Counting the acting organisation's reports by area, month and category."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from asb_shared.calendar import LONDON
from asb_shared.contracts.common import AsbCategory
from asb_shared.usecase import Invalid, UnitOfWork
from sqlalchemy import ColumnElement, Numeric, case, func, not_, select

from ..cases.index import ReportIndex
from ..cases.store import staff
from .areas import GRID_DECIMALS, NOT_ON_A_MAP, AreaCount, Level, point_area

MAX_DAYS = 3660
"""At most ten years at once."""


@dataclass(frozen=True)
class Hotspots:
    level: Level
    start: date
    end: date
    """The last day counted (inclusive)."""
    category: AsbCategory | None = None


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(0), LONDON)


def _rounded(value: Any) -> float | None:
    return round(float(value), GRID_DECIMALS) if value is not None else None


async def hotspots(uow: UnitOfWork, query: Hotspots) -> list[AreaCount]:
    """Reports received from ``start`` to ``end`` (London days), counted by area, month and
    category, busiest first."""
    if query.end < query.start:
        raise Invalid.at("to", "must not be before 'from'")
    if (query.end - query.start).days > MAX_DAYS:
        raise Invalid.at("to", "at most ten years at once")
    where = [
        ReportIndex.organisation_id == staff(uow).organisation_id,
        ReportIndex.received_at >= _instant(query.start),
        ReportIndex.received_at < _instant(query.end + timedelta(days=1)),
    ]
    area: ColumnElement[Any]
    lat: ColumnElement[Any]
    lon: ColumnElement[Any]
    if query.level is Level.POINT:
        where += [
            ReportIndex.latitude.is_not(None),
            ReportIndex.longitude.is_not(None),
            not_(ReportIndex.categories.overlap(sorted(NOT_ON_A_MAP))),
        ]
        lat = func.round(ReportIndex.latitude.cast(Numeric), GRID_DECIMALS)
        lon = func.round(ReportIndex.longitude.cast(Numeric), GRID_DECIMALS)
        area = func.concat(lat, ",", lon)
    else:
        column = ReportIndex.district if query.level is Level.DISTRICT else ReportIndex.sector
        where.append(column.is_not(None))
        area = column.expression
        # A domestic-abuse report's point never goes into an area's centre either: an area
        # with one such report would be placed on the victim's home.
        hidden = ReportIndex.categories.overlap(sorted(NOT_ON_A_MAP))
        lat = case((hidden, None), else_=ReportIndex.latitude)
        lon = case((hidden, None), else_=ReportIndex.longitude)
    month = func.to_char(func.timezone("Europe/London", ReportIndex.received_at), "YYYY-MM")
    inner = (
        select(
            area.label("area"),
            lat.label("lat"),
            lon.label("lon"),
            month.label("month"),
            func.unnest(ReportIndex.categories).label("category"),
        )
        .where(*where)
        .subquery()
    )
    statement = select(
        inner.c.area,
        inner.c.month,
        inner.c.category,
        func.count(),
        func.avg(inner.c.lat),
        func.avg(inner.c.lon),
    ).group_by(inner.c.area, inner.c.month, inner.c.category)
    if query.category is not None:
        statement = statement.where(inner.c.category == query.category.value)
    rows = await uow.session.execute(
        statement.order_by(func.count().desc(), inner.c.month, inner.c.area, inner.c.category)
    )
    found = []
    for area_name, month_name, category, count, mean_lat, mean_lon in rows:
        latitude, longitude = _rounded(mean_lat), _rounded(mean_lon)
        if query.level is Level.POINT and latitude is not None and longitude is not None:
            area_name = point_area(latitude, longitude)
        found.append(AreaCount(area_name, month_name, category, count, latitude, longitude))
    return found
