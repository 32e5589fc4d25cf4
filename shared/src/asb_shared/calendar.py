"""The working-day calendar that service-standard timers use.

Service standards in England and Wales are counted in working days: Saturdays, Sundays and
England & Wales bank holidays do not count. Bank holidays come from the ``holidays`` library
(England's list; Wales shares it), never from hand-typed dates.

Timestamps are timezone-aware UTC datetimes. Which working day a moment belongs to, and whether
it is inside office hours (09:00 to 17:00, the close exclusive), is decided in Europe/London
local time, so deadlines stay at 17:00 London time on both sides of the BST/GMT changes.

"Within N working days" means by closing time on the N-th working day after the day the report
was received, whatever the hour it arrived: a report at 08:00, at 14:00 or at 22:00 on a
Wednesday is due, for N=1, at closing time on Thursday, and a report on a Saturday at closing time
on Monday (a non-working day counts from that day too, so it gains nothing). N=0 means closing
time the same day, or on the next working day if the office is closed by then. The office hours
only say when the clock first has someone to act (:meth:`WorkingCalendar.clock_start`), which
is as early as a warning may come.

Holidays are per nation: England and Wales (the default), Scotland or Northern Ireland
(:data:`HOLIDAY_REGIONS`), each from the ``holidays`` library; :func:`calendar_for` gives the
(cached) calendar of a region and office hours.

Everything here is pure: no I/O, and the only state is a per-year cache of bank holidays.
The module-level functions delegate to :data:`DEFAULT_CALENDAR`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "DEFAULT_CALENDAR",
    "HOLIDAY_REGIONS",
    "LONDON",
    "OFFICE_CLOSES",
    "OFFICE_OPENS",
    "HolidayRegion",
    "HolidaySource",
    "WorkingCalendar",
    "add_working_days",
    "calendar_for",
    "clock_start",
    "due_at",
    "england_and_wales_bank_holidays",
    "is_working_day",
    "next_working_day",
    "northern_ireland_bank_holidays",
    "previous_working_day",
    "scotland_bank_holidays",
    "warning_at",
    "with_closure_days",
    "working_days_between",
]

LONDON = ZoneInfo("Europe/London")
OFFICE_OPENS = time(9, 0)
OFFICE_CLOSES = time(17, 0)

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5

HolidaySource = Callable[[int], Iterable[date]]
"""Gives the non-working holidays of one calendar year."""


def england_and_wales_bank_holidays(year: int) -> frozenset[date]:
    """The England & Wales bank holidays of ``year``, from the ``holidays`` library.

    England's list is used (subdivision ``"ENG"``); Wales (``"WLS"``) has the same bank holidays.
    One-off holidays the library knows about (jubilees, state funerals) are included.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def scotland_bank_holidays(year: int) -> frozenset[date]:
    """Scotland's bank holidays of ``year`` (2 January, St Andrew's Day...), from ``holidays``."""
    return frozenset(holidays.country_holidays("GB", subdiv="SCT", years=year).keys())


def northern_ireland_bank_holidays(year: int) -> frozenset[date]:
    """Northern Ireland's bank holidays of ``year`` (St Patrick's Day, 12 July...), from
    ``holidays``."""
    return frozenset(holidays.country_holidays("GB", subdiv="NIR", years=year).keys())


class HolidayRegion(StrEnum):
    """Whose bank holidays a landlord's working days skip; the values are stored."""

    ENGLAND_AND_WALES = "england_and_wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"


HOLIDAY_REGIONS: dict[HolidayRegion, HolidaySource] = {
    HolidayRegion.ENGLAND_AND_WALES: england_and_wales_bank_holidays,
    HolidayRegion.SCOTLAND: scotland_bank_holidays,
    HolidayRegion.NORTHERN_IRELAND: northern_ireland_bank_holidays,
}
"""The holiday source of each region."""


class WorkingCalendar:
    """Working days and service-standard deadlines for one holiday source and office hours."""

    def __init__(
        self,
        holiday_source: HolidaySource = england_and_wales_bank_holidays,
        *,
        opens: time = OFFICE_OPENS,
        closes: time = OFFICE_CLOSES,
        tz: ZoneInfo = LONDON,
    ) -> None:
        """Make a calendar.

        ``holiday_source`` is called at most once per year (results are cached). ``opens`` and
        ``closes`` are local wall-clock times in ``tz``; office hours are ``[opens, closes)``.
        """
        if opens.tzinfo is not None or closes.tzinfo is not None:
            raise ValueError("office hours are local wall-clock times, without a tzinfo")
        if not opens < closes:
            raise ValueError(f"office must open before it closes (opens={opens}, closes={closes})")
        self._holiday_source = holiday_source
        self.opens = opens
        self.closes = closes
        self.tz = tz
        self._holidays_by_year: dict[int, frozenset[date]] = {}

    # -- days -----------------------------------------------------------------------------------

    def holidays_in(self, year: int) -> frozenset[date]:
        """The holidays of ``year`` (cached per year)."""
        cached = self._holidays_by_year.get(year)
        if cached is None:
            cached = frozenset(d for d in self._holiday_source(year) if d.year == year)
            self._holidays_by_year[year] = cached
        return cached

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a weekday that is not a holiday."""
        return d.weekday() < _SATURDAY and d not in self.holidays_in(d.year)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d += _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        d -= _ONE_DAY
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The working day ``n`` working days after ``d``.

        ``n == 0`` gives ``d`` itself if it is a working day, else the next working day. For a
        non-working ``d`` the count starts from the next working day, so the result is the
        ``n + 1``-th working day after ``d``.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if not self.is_working_day(d):
            d = self.next_working_day(d)
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in ``(start, end]``; 0 if ``end <= start``."""
        if end <= start:
            return 0
        full_weeks, rest = divmod((end - start).days, 7)
        weekdays = full_weeks * 5 + sum(
            1 for i in range(1, rest + 1) if (start + timedelta(days=i)).weekday() < _SATURDAY
        )
        weekday_holidays = sum(
            1
            for year in range(start.year, end.year + 1)
            for h in self.holidays_in(year)
            if start < h <= end and h.weekday() < _SATURDAY
        )
        return weekdays - weekday_holidays

    # -- moments --------------------------------------------------------------------------------

    def _at(self, d: date, t: time) -> datetime:
        return datetime.combine(d, t, tzinfo=self.tz).astimezone(UTC)

    def clock_start(self, received: datetime) -> datetime:
        """When a report received at ``received`` counts as received, in UTC.

        ``received`` itself if it is inside office hours on a working day, else opening time on
        the next working day (the same day if it arrived before opening on a working day).
        """
        local = _require_aware(received, "received").astimezone(self.tz)
        day, t = local.date(), local.time()
        if self.is_working_day(day):
            if t < self.opens:
                return self._at(day, self.opens)
            if t < self.closes:
                return received.astimezone(UTC)
        return self._at(self.next_working_day(day), self.opens)

    def due_at(self, received: datetime, working_days: int) -> datetime:
        """The deadline, in UTC, of a standard of ``working_days`` from ``received``.

        Closing time on the ``working_days``-th working day after the local day of receipt,
        whatever the hour of receipt and whether or not that day is a working day. For
        ``working_days == 0``: closing time that day if it is a working day and the office has
        not closed yet, else closing time on the next working day. Always strictly after
        ``received``.
        """
        if working_days < 0:
            raise ValueError(f"working_days must be >= 0, got {working_days}")
        local = _require_aware(received, "received").astimezone(self.tz)
        day = local.date()
        if working_days == 0:
            if not (self.is_working_day(day) and local.time() < self.closes):
                day = self.next_working_day(day)
            return self._at(day, self.closes)
        for _ in range(working_days):
            day = self.next_working_day(day)
        return self._at(day, self.closes)

    def warning_at(self, due: datetime, working_days_before: int = 1) -> datetime:
        """The same local time of day ``working_days_before`` working days before ``due``, in UTC.

        Used to warn before a breach. ``working_days_before == 0`` gives ``due`` itself.
        """
        if working_days_before < 0:
            raise ValueError(f"working_days_before must be >= 0, got {working_days_before}")
        local = _require_aware(due, "due").astimezone(self.tz)
        if working_days_before == 0:
            return local.astimezone(UTC)
        day = local.date()
        for _ in range(working_days_before):
            day = self.previous_working_day(day)
        return self._at(day, local.time())


def _require_aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")
    return moment


DEFAULT_CALENDAR = WorkingCalendar()
"""England & Wales bank holidays, office hours 09:00-17:00 Europe/London."""


def with_closure_days(source: HolidaySource, closure_days: Iterable[date]) -> HolidaySource:
    """A holiday source that also skips a landlord's own closure days."""
    own = frozenset(closure_days)

    def holidays_of(year: int) -> frozenset[date]:
        return frozenset(source(year)) | {d for d in own if d.year == year}

    return holidays_of


@lru_cache(maxsize=64)
def calendar_for(
    region: HolidayRegion | str = HolidayRegion.ENGLAND_AND_WALES,
    opens: time = OFFICE_OPENS,
    closes: time = OFFICE_CLOSES,
    closure_days: tuple[date, ...] = (),
) -> WorkingCalendar:
    """The calendar of a region's bank holidays, office hours (London time) and the
    landlord's own ``closure_days`` (not working days either), cached.

    A landlord's policy names its region, hours and closure days; every case of theirs shares
    one calendar object, so each year's holidays are looked up once per process.
    """
    region = HolidayRegion(region)
    if region is HolidayRegion.ENGLAND_AND_WALES and (opens, closes, closure_days) == (
        OFFICE_OPENS,
        OFFICE_CLOSES,
        (),
    ):
        return DEFAULT_CALENDAR
    source = HOLIDAY_REGIONS[region]
    if closure_days:
        source = with_closure_days(source, closure_days)
    return WorkingCalendar(source, opens=opens, closes=closes)


def is_working_day(d: date) -> bool:
    """Whether ``d`` is a weekday that is not an England & Wales bank holiday."""
    return DEFAULT_CALENDAR.is_working_day(d)


def next_working_day(d: date) -> date:
    """The first working day strictly after ``d``."""
    return DEFAULT_CALENDAR.next_working_day(d)


def previous_working_day(d: date) -> date:
    """The last working day strictly before ``d``."""
    return DEFAULT_CALENDAR.previous_working_day(d)


def add_working_days(d: date, n: int) -> date:
    """The working day ``n`` working days after ``d`` (``n == 0``: ``d`` or the next working day)."""
    return DEFAULT_CALENDAR.add_working_days(d, n)


def working_days_between(start: date, end: date) -> int:
    """The number of working days in ``(start, end]``; 0 if ``end <= start``."""
    return DEFAULT_CALENDAR.working_days_between(start, end)


def clock_start(received: datetime) -> datetime:
    """When a report received at ``received`` counts as received (office hours applied), in UTC."""
    return DEFAULT_CALENDAR.clock_start(received)


def due_at(received: datetime, working_days: int) -> datetime:
    """The UTC deadline (17:00 London) of a standard of ``working_days`` from ``received``:
    closing time on the ``working_days``-th working day after the day of receipt."""
    return DEFAULT_CALENDAR.due_at(received, working_days)


def warning_at(due: datetime, working_days_before: int = 1) -> datetime:
    """The same London time of day ``working_days_before`` working days before ``due``, in UTC."""
    return DEFAULT_CALENDAR.warning_at(due, working_days_before)
