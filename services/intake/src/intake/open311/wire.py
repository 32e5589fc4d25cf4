"""The GeoReport v2 wire format: JSON or XML by the URL's extension, its own error format, and
the parameters every call shares (``jurisdiction_id``, w3 dates, repeated or comma-delimited
values).

Field names follow https://wiki.open311.org/GeoReport_v2 exactly. GeoReport clients parse its
error shape (a list of ``{code, description}``), not our common ``{"error": ...}`` one, so
/open311 is the one documented exception to the common error shape; it is produced here and at
the router, never by a use case.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl

from asb_shared.calendar import LONDON
from asb_shared.types import Instant, Text
from pydantic import TypeAdapter, ValidationError


class Open311Error(Exception):
    """A GeoReport error: HTTP 400 or 404 with a list of ``{code, description}``.

    GeoReport clients parse this shape, not our common ``{"error": ...}`` one, so /open311 is the
    one documented exception to the common error shape.
    """

    def __init__(self, status_code: int, *descriptions: str) -> None:
        super().__init__("; ".join(descriptions))
        self.status_code = status_code
        self.descriptions = descriptions

    def payload(self) -> list[dict[str, Any]]:
        return [{"code": self.status_code, "description": d} for d in self.descriptions]


class Format(StrEnum):
    JSON = "json"
    XML = "xml"


def format_of(value: str) -> Format | None:
    """The response format named by a URL's extension (``services.xml``), or None if unknown."""
    try:
        return Format(value.lower())
    except ValueError:
        return None


def unknown_format(value: str) -> Open311Error:
    return Open311Error(
        400, f"The format '{echo(value)}' is not supported: end the URL with .xml or .json."
    )


_LIST_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _xml_element(tag: str, value: Any) -> ET.Element:
    element = ET.Element(tag)
    if isinstance(value, Mapping):
        for key, child in value.items():
            element.append(_xml_element(key, child))
    elif isinstance(value, list):
        for child in value:
            element.append(_xml_element(_LIST_ITEMS[tag], child))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
    return element


def encode(fmt: Format, root: str, payload: Any) -> tuple[bytes, str]:
    """The body and content type of a GeoReport response: XML under ``root``, or JSON (the
    Spark convention: the same structure without the root element)."""
    if fmt is Format.JSON:
        return json.dumps(payload, ensure_ascii=False).encode(), "application/json; charset=utf-8"
    body = ET.tostring(_xml_element(root, payload), encoding="unicode")
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{body}'.encode(),
        "text/xml; charset=utf-8",
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def echo(value: str, limit: int = 60) -> str:
    """A client's value, safe to quote back in an error (no control characters, bounded)."""
    cleaned = _CONTROL.sub("", value)
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"


def jurisdiction(value: str | None, *, required: bool) -> uuid.UUID | None:
    """The organisation a ``jurisdiction_id`` names."""
    if not value:
        if required:
            raise Open311Error(
                400, "jurisdiction_id was not provided: send your landlord's organisation id."
            )
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise Open311Error(
            400,
            f"jurisdiction_id '{echo(value)}' is not valid: it is the organisation id, a UUID.",
        ) from None


def one(params: Mapping[str, Sequence[str]], key: str) -> str | None:
    values = [v for v in params.get(key, ()) if v.strip()]
    return values[0] if values else None


def listed(params: Mapping[str, Sequence[str]], key: str) -> list[str]:
    """A parameter declared several times and/or comma delimited, as its values."""
    return [v.strip() for value in params.get(key, ()) for v in value.split(",") if v.strip()]


_OFFSET_DECODED_AS_SPACE = re.compile(r" (\d{2}:?\d{2})$")


def w3_input(value: str) -> str:
    # "+01:00" arrives as " 01:00" when a client forgets to encode the "+".
    return _OFFSET_DECODED_AS_SPACE.sub(r"+\1", value)


_INSTANT: TypeAdapter[datetime] = TypeAdapter(Instant)
_TEXT: TypeAdapter[str] = TypeAdapter(Text)


def _first_problem(exc: ValidationError) -> str:
    return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

LANDLORDS_TIME_ZONE = LONDON
"""Where a date without a time is a day: the landlords on the platform are in England and Wales."""


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first and the last instant of a day in the landlord's time zone, in UTC (a day of 23
    or 25 hours when the clocks change)."""
    start = datetime.combine(day, time.min, tzinfo=LANDLORDS_TIME_ZONE)
    following = datetime.combine(day + timedelta(days=1), time.min, tzinfo=LANDLORDS_TIME_ZONE)
    return start.astimezone(UTC), (following - timedelta(microseconds=1)).astimezone(UTC)


def w3(value: str, name: str, *, end_of_day: bool = False) -> datetime:
    """A w3 date and time with its timezone, within the platform's years (the shared
    :data:`~asb_shared.types.Instant`), or a GeoReport error naming the parameter.

    A complete date alone (``2026-11-20``, W3C's date-only form) is a day in the landlord's time
    zone: its start, or its end when ``end_of_day`` (an ``end_date`` includes the whole day)."""
    value = value.strip()
    parsed: datetime | None
    try:
        if _DATE_ONLY.match(value):
            first, last = day_bounds(date.fromisoformat(value))
            parsed = last if end_of_day else first
        else:
            parsed = datetime.fromisoformat(w3_input(value))
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise Open311Error(
            400,
            f"{name} must be a w3 date (2010-01-01) or date and time with a timezone, "
            "e.g. 2010-01-01T00:00:00Z.",
        )
    try:
        return _INSTANT.validate_python(parsed)
    except ValidationError as exc:
        raise Open311Error(400, f"{name} is out of range: it {_first_problem(exc)}.") from None


def refuse_control_characters(pairs: Iterable[tuple[str, str]]) -> None:
    """Every parameter as the shared :data:`~asb_shared.types.Text` takes text: a NUL or
    another control character is a GeoReport error naming the parameter, never stored."""
    errors = []
    for key, value in pairs:
        try:
            _TEXT.validate_python(value)
            _TEXT.validate_python(key)
        except ValidationError as exc:
            errors.append(f"{echo(key)} {_first_problem(exc)}.")
    if errors:
        raise Open311Error(400, *dict.fromkeys(errors))


def idempotency_key(value: str | None) -> str | None:
    """The optional Idempotency-Key header, checked as the rest of the API checks it."""
    if value is None:
        return None
    if not 8 <= len(value) <= 200 or _CONTROL.search(value):
        raise Open311Error(400, "Idempotency-Key must be 8 to 200 printable characters.")
    return value


# --- POSTed forms ------------------------------------------------------------------------------

Form = dict[str, list[str]]


FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def media_type_of(content_type: str | None) -> str:
    """A POST's media type: a form, or a multipart form when it carries a ``media`` file."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in {"", FORM, MULTIPART}:
        raise Open311Error(
            400,
            f"Send the service request as {FORM} (GeoReport v2), or as {MULTIPART} "
            f"with a photo in media; not {echo(media_type)}.",
        )
    return media_type or FORM


def form_of(pairs: Sequence[tuple[str, str]]) -> Form:
    """Fields as GeoReport clients send them; blank values count as not sent."""
    refuse_control_characters(pairs)
    form: Form = {}
    for key, value in pairs:
        cleaned = value.strip()
        if cleaned:
            form.setdefault(key, []).append(cleaned)
    return form


def parse_form(body: bytes, content_type: str | None) -> Form:
    """A form-encoded body as GeoReport clients send it; blank values count as not sent."""
    if media_type_of(content_type) != FORM:
        raise Open311Error(400, f"The request body is not {FORM}.")
    try:
        pairs = parse_qsl(body.decode(), keep_blank_values=False, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise Open311Error(
            400, "The request body is not a valid UTF-8 form (at most 200 fields)."
        ) from None
    return form_of(pairs)


def merge(form: Form, query: Iterable[tuple[str, str]]) -> Form:
    """The form, with query-string parameters some clients send there (jurisdiction_id)."""
    query = list(query)
    refuse_control_characters(query)
    merged = {k: list(v) for k, v in form.items()}
    for key, value in query:
        cleaned = value.strip()
        if cleaned and key not in form:
            merged.setdefault(key, []).append(cleaned)
    return merged
