"""What a console form's fields say, read with no I/O: text, a day, a day and a time in the UK
made an instant, lines made a list. A field that cannot be read raises :class:`Unreadable`
naming the form's field (the rules of what is valid stay the services')."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

Form = Mapping[str, Any]


class Unreadable(ValueError):
    """A field the browser sent that is not a day or a time: ``field`` names the form's field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def text(form: Form, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def optional(form: Form, name: str) -> str | None:
    return text(form, name) or None


def day(form: Form, name: str) -> date:
    try:
        return date.fromisoformat(text(form, name))
    except ValueError:
        raise Unreadable(name, "Enter a real date") from None


def instant(form: Form, day_field: str, time_field: str) -> str:
    """A day and a time of day in the UK, as an instant in UTC (ISO 8601)."""
    on = day(form, day_field)
    try:
        at = time.fromisoformat(text(form, time_field) or "")
    except ValueError:
        raise Unreadable(time_field, "Enter a time, like 14:30") from None
    return datetime.combine(on, at, tzinfo=UK).astimezone(UTC).isoformat()


def now_fields(now: datetime) -> dict[str, str]:
    """Today's day and the time now in the UK, to fill a form's "when" fields."""
    local = now.astimezone(UK)
    return {"today": local.date().isoformat(), "now": local.strftime("%H:%M")}


def lines(form: Form, name: str) -> list[str]:
    return [line.strip() for line in text(form, name).splitlines() if line.strip()]
