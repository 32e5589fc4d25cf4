"""Open311 GeoReport v2: civic reporting tools (FixMyStreet and others) report ASB through it.

Field names follow https://wiki.open311.org/GeoReport_v2 exactly. Each ASB category is a
service; a service request is one of our reports, and its ``service_request_id`` is the report's
reference. The ``jurisdiction_id`` is the organisation's id (a UUID): one endpoint serves every
landlord, so the spec makes it required.

Privacy. GeoReport's GET requests are public, and reports can identify people (who complained,
about whom, where they live). So what GET shows is chosen field by field:

* only reports made through Open311 are listed, never those of other channels: a resident who
  used the web form, the phone or the app did not choose a public tool;
* ``description`` is a neutral sentence, never the reporter's words, which name neighbours and
  describe households (FixMyStreet publishes its own copy; we do not republish ours);
* no contact details, names, people, evidence or ``media_url``, ever; the query reads only the
  columns it shows, so nothing else can leak into a response;
* ``address`` and ``zipcode`` are the postcode district ("SK1"), not the address or postcode
  (a full postcode is about fifteen homes); ``address_id`` (the UPRN, one home) is never shown;
* ``lat``/``long`` are rounded to 3 decimals (about 100 m), and withheld altogether, with the
  district, for the categories where a location points at a victim or an accused person
  (domestic abuse, hate incidents, cuckooing, allegations about a person);
* ``status_notes`` is a fixed sentence per reporter status: never staff notes or case details.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from asb_shared.contracts import AsbCategory, Channel
from asb_shared.db import Database
from pydantic import ValidationError
from sqlalchemy import select

from .models import Report, ReportStatus
from .schemas import ReportIn

CHANNEL = Channel.OPEN311
GROUP = "Anti-social behaviour"
AGENCY = "Anti-social behaviour team"
PUBLIC_DESCRIPTION = (
    "Anti-social behaviour report. The details are not published, to protect the people involved."
)
DEFAULT_WINDOW = timedelta(days=90)
MAX_REQUESTS = 1000
NAME_NOT_GIVEN = "Name not given"

# Categories where even a rounded point or a postcode district can point at a victim or at the
# person accused: GET requests withholds their location altogether.
LOCATION_WITHHELD = frozenset(
    {
        AsbCategory.DOMESTIC_ABUSE,
        AsbCategory.HATE_INCIDENT,
        AsbCategory.CUCKOOING,
        AsbCategory.PERSONAL_ALLEGATION,
    }
)

DANGER = "If anyone is in immediate danger, call 999."


# --- errors and formats ------------------------------------------------------------------------


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


# --- services ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Service:
    name: str
    description: str
    keywords: str


SERVICES: dict[AsbCategory, Service] = {
    AsbCategory.NOISE: Service(
        "Noise", "Loud music, shouting, parties or banging.", "noise, music, shouting, parties"
    ),
    AsbCategory.VERBAL_ABUSE: Service(
        "Verbal abuse, harassment or intimidation",
        "Someone swearing at, threatening, harassing or intimidating others.",
        "abuse, harassment, intimidation, threats, swearing",
    ),
    AsbCategory.HATE_INCIDENT: Service(
        "Hate incident",
        "Behaviour targeting someone because of their race, religion, disability, sexual "
        "orientation or gender identity. You can also report hate crime to the police on 101. "
        + DANGER,
        "hate, racism, homophobia, disability, religion",
    ),
    AsbCategory.DOMESTIC_ABUSE: Service(
        "Domestic abuse",
        "Abuse by a partner, former partner or family member. The National Domestic Abuse "
        "Helpline is free on 0808 2000 247. " + DANGER,
        "domestic abuse, domestic violence, coercive control",
    ),
    AsbCategory.DRUGS: Service(
        "Drugs",
        "Drug dealing or drug use, or the smell of drugs.",
        "drugs, dealing, cannabis, needles",
    ),
    AsbCategory.ALCOHOL: Service(
        "Alcohol-related behaviour",
        "Drunken or rowdy behaviour, or street drinking.",
        "alcohol, drunk, street drinking",
    ),
    AsbCategory.CRIMINAL_BEHAVIOUR: Service(
        "Criminal behaviour",
        "Theft, burglary or other crime. Please report crime to the police as well. " + DANGER,
        "crime, theft, burglary",
    ),
    AsbCategory.PHYSICAL_VIOLENCE: Service(
        "Violence or threats of violence",
        "Someone hitting, attacking or threatening to attack others. " + DANGER,
        "violence, assault, fighting, attack",
    ),
    AsbCategory.VANDALISM: Service(
        "Vandalism or damage to property",
        "Deliberate damage to homes, doors, windows, cars or shared areas.",
        "vandalism, damage, broken windows",
    ),
    AsbCategory.GRAFFITI: Service(
        "Graffiti",
        "Graffiti on buildings, walls or shared areas.",
        "graffiti, tagging, spray paint",
    ),
    AsbCategory.LITTER: Service(
        "Litter, rubbish or fly-tipping",
        "Litter, dumped rubbish or fly-tipping.",
        "litter, rubbish, fly-tipping, dumping",
    ),
    AsbCategory.GARDEN_NUISANCE: Service(
        "Untidy or overgrown gardens",
        "Gardens that are overgrown, full of rubbish or a nuisance to neighbours.",
        "garden, overgrown, hedges, rubbish",
    ),
    AsbCategory.COMMUNAL_AREAS: Service(
        "Misuse of communal areas",
        "Misuse of stairwells, corridors, lifts, bin stores or other shared areas.",
        "communal, stairwell, corridor, lift, bin store, loitering",
    ),
    AsbCategory.PETS_ANIMALS: Service(
        "Pets and animals",
        "Dog fouling, barking, dangerous dogs or other problems with animals.",
        "dogs, barking, fouling, pets, animals",
    ),
    AsbCategory.NUISANCE_VEHICLES: Service(
        "Nuisance vehicles",
        "Abandoned vehicles, off-road bikes, joyriding or vehicle repairs in the street.",
        "vehicles, abandoned car, motorbikes, joyriding",
    ),
    AsbCategory.BOUNDARY_DISPUTE: Service(
        "Boundary dispute",
        "A dispute between neighbours about fences, hedges or boundaries.",
        "boundary, fence, hedge, neighbour dispute",
    ),
    AsbCategory.CAR_PARKING: Service(
        "Car parking",
        "Inconsiderate parking, or parking that blocks access.",
        "parking, blocked access, driveway",
    ),
    AsbCategory.CONDITION_OF_PROPERTY: Service(
        "Condition of a property",
        "A home or garden kept in a condition that affects neighbours.",
        "property condition, hoarding, pests, smell",
    ),
    AsbCategory.PERSONAL_ALLEGATION: Service(
        "Allegation about a person",
        "A complaint about a particular person's behaviour.",
        "allegation, complaint about a person",
    ),
    AsbCategory.CUCKOOING: Service(
        "Cuckooing",
        "Someone's home taken over by others, often to deal drugs. " + DANGER,
        "cuckooing, home taken over, exploitation, county lines",
    ),
    AsbCategory.OTHER: Service(
        "Other anti-social behaviour",
        "Anti-social behaviour that does not fit another category.",
        "other, anti-social behaviour, nuisance",
    ),
}


def service_of(category: AsbCategory) -> Service:
    """The category's service; a category added later still gets a plain one."""
    return SERVICES.get(
        category,
        Service(category.value.replace("_", " ").capitalize(), "", category.value),
    )


# ``values`` only where there is a list to choose from (as in the spec's example): an empty
# <values/> reads as an empty list of options to some XML clients.
ATTRIBUTES: list[dict[str, Any]] = [
    {
        "variable": True,
        "code": "occurred_at",
        "datatype": "datetime",
        "required": False,
        "datatype_description": "A date and time with its timezone, e.g. 2026-11-20T23:30:00Z. "
        "Leave it out if it is happening now.",
        "order": 1,
        "description": "When did it happen?",
    },
    {
        "variable": True,
        "code": "subject_description",
        "datatype": "text",
        "required": False,
        "datatype_description": "Text; it may run over several lines.",
        "order": 2,
        "description": "Who was involved, if you know: names, what they look like, where they "
        "live. This is never published.",
    },
    {
        "variable": True,
        "code": "anonymous",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": "true or false; false if left out.",
        "order": 3,
        "description": "Report anonymously? We will not keep your contact details, so we "
        "cannot tell you what happens.",
        "values": [
            {"key": "false", "name": "No, you may contact me"},
            {"key": "true", "name": "Yes, report anonymously"},
        ],
    },
]


def service_list() -> list[dict[str, Any]]:
    return [
        {
            "service_code": category.value,
            "service_name": service_of(category).name,
            "description": service_of(category).description,
            "metadata": bool(ATTRIBUTES),
            "type": "realtime",
            "keywords": service_of(category).keywords,
            "group": GROUP,
        }
        for category in AsbCategory
    ]


def _category(code: str | None) -> AsbCategory | None:
    try:
        return AsbCategory(code) if code else None
    except ValueError:
        return None


def service_definition(service_code: str) -> dict[str, Any]:
    if _category(service_code) is None:
        raise Open311Error(
            404,
            f"service_code '{echo(service_code)}' was not found: services.xml lists the codes.",
        )
    return {"service_code": service_code, "attributes": ATTRIBUTES}


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


# --- POST requests -----------------------------------------------------------------------------

Form = dict[str, list[str]]


def parse_form(body: bytes, content_type: str | None) -> Form:
    """A form-encoded body as GeoReport clients send it; blank values count as not sent."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in {"", "application/x-www-form-urlencoded"}:
        raise Open311Error(
            400,
            "Send the service request as application/x-www-form-urlencoded "
            f"(GeoReport v2), not {echo(media_type)}.",
        )
    try:
        pairs = parse_qsl(body.decode(), keep_blank_values=False, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise Open311Error(
            400, "The request body is not a valid UTF-8 form (at most 200 fields)."
        ) from None
    form: Form = {}
    for key, value in pairs:
        # Control characters (a NUL above all, which PostgreSQL refuses) are never meant.
        cleaned = _CONTROL.sub("", value).strip()
        if cleaned:
            form.setdefault(key, []).append(cleaned)
    return form


def merge(form: Form, query: Iterable[tuple[str, str]]) -> Form:
    """The form, with query-string parameters some clients send there (jurisdiction_id)."""
    merged = {k: list(v) for k, v in form.items()}
    for key, value in query:
        cleaned = _CONTROL.sub("", value).strip()
        if cleaned and key not in form:
            merged.setdefault(key, []).append(cleaned)
    return merged


_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b", re.IGNORECASE)
_OFFSET_DECODED_AS_SPACE = re.compile(r" (\d{2}:?\d{2})$")


def _first(form: Form, key: str) -> str | None:
    values = form.get(key)
    return values[0] if values else None


def attributes(form: Form) -> dict[str, list[str]]:
    """``attribute[code]=v`` and ``attribute[code][]=v1&attribute[code][]=v2``, by code."""
    found: dict[str, list[str]] = {}
    for key, values in form.items():
        match = _ATTRIBUTE.match(key)
        if match:
            found.setdefault(match.group(1), []).extend(values)
    return found


def _w3_input(value: str) -> str:
    # "+01:00" arrives as " 01:00" when a client forgets to encode the "+".
    return _OFFSET_DECODED_AS_SPACE.sub(r"+\1", value)


def _postcode_in(address: str | None) -> str | None:
    match = _POSTCODE.search(address or "")
    return f"{match.group(1)} {match.group(2)}".upper() if match else None


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and len(value) <= 1000


@dataclass(frozen=True)
class Submission:
    """A GeoReport service request, as the report it becomes."""

    report: ReportIn
    category: AsbCategory

    def service_notice(self) -> str:
        notice = (
            "Thank you. Your landlord's anti-social behaviour team will assess your report "
            "and contact you if they need to know more."
        )
        if self.report.anonymous:
            notice = (
                "Thank you. Your report was made anonymously: we have not kept any contact "
                "details, so we cannot tell you what happens."
            )
        return f"{notice} {DANGER}"


def submission(form: Form, *, now: datetime) -> Submission:
    """Map a GeoReport POST to a report; every problem found is a 400 with its parameter."""
    errors: list[str] = []
    organisation_id: uuid.UUID | None = None
    try:
        organisation_id = jurisdiction(_first(form, "jurisdiction_id"), required=True)
    except Open311Error as exc:
        errors.extend(exc.descriptions)
    code = _first(form, "service_code")
    category = _category(code)
    if code is None:
        errors.append("service_code was not provided: choose one from services.xml.")
    elif category is None:
        errors.append(f"service_code '{echo(code)}' was not found: services.xml lists the codes.")
    description = _first(form, "description")
    if description is None or len(description) < 10:
        errors.append(
            "description: describe what happened, in at least 10 characters (what, who, how often)."
        )
    lat, long = _first(form, "lat"), _first(form, "long")
    address, address_id = _first(form, "address_string"), _first(form, "address_id")
    if (lat is None) != (long is None):
        errors.append("lat and long go together: send both, or use address_string.")
    elif lat is None and not address and not address_id:
        errors.append(
            "A location was not provided: send lat and long, address_string or address_id."
        )
    media_url = _first(form, "media_url")
    if media_url is not None and not _is_url(media_url):
        errors.append("media_url must be an http or https URL.")
    attrs = attributes(form)
    anonymous_value = (attrs.get("anonymous") or ["false"])[0].lower()
    if anonymous_value not in {"true", "false"}:
        errors.append("attribute[anonymous] must be true or false.")
    if errors:
        raise Open311Error(400, *errors)
    assert category is not None and description is not None

    email, phone = _first(form, "email"), _first(form, "phone")
    # Anonymous when asked, or when there is no way to reach the person: their details are not
    # kept at all (a name alone cannot be used to contact anyone).
    anonymous = anonymous_value == "true" or not (email or phone)
    name = " ".join(n for n in (_first(form, "first_name"), _first(form, "last_name")) if n)
    if media_url:
        # Kept for staff to look at; never fetched by us (evidence is what we hash on receipt).
        description = f"{description}\n\nMedia sent with the report: {media_url}"
    subjects = attrs.get("subject_description")
    data: dict[str, Any] = {
        "organisation_id": organisation_id,
        "categories": [category],
        "description": description,
        "location": {
            "address": address,
            "postcode": _postcode_in(address),
            "uprn": address_id,
            "latitude": lat,
            "longitude": long,
        },
        "occurred_at": _w3_input((attrs.get("occurred_at") or [now.isoformat()])[0]),
        "people": [{"role": "subject", "description": "\n".join(subjects)}] if subjects else [],
        "anonymous": anonymous,
        "reporter": None
        if anonymous
        else {
            "name": name or NAME_NOT_GIVEN,
            "email": email,
            "phone": phone,
            "preferred_channel": "email" if email else "phone",
        },
    }
    try:
        report = ReportIn.model_validate(data)
    except ValidationError as exc:
        raise Open311Error(400, *_described(exc)) from None
    return Submission(report, category)


# Where ReportIn's fields came from, in the client's words.
_PARAMETERS: dict[tuple[str, ...], str] = {
    ("organisation_id",): "jurisdiction_id",
    ("categories",): "service_code",
    ("description",): "description",
    ("location",): "location (lat and long, address_string or address_id)",
    ("location", "latitude"): "lat",
    ("location", "longitude"): "long",
    ("location", "address"): "address_string",
    ("location", "postcode"): "address_string",
    ("location", "uprn"): "address_id",
    ("occurred_at",): "attribute[occurred_at]",
    ("people",): "attribute[subject_description]",
    ("reporter",): "email or phone",
    ("reporter", "name"): "first_name and last_name",
    ("reporter", "email"): "email",
    ("reporter", "phone"): "phone",
}

_MESSAGES: dict[tuple[str, str], str] = {
    ("lat", "greater_than_equal"): "is outside the area we cover (the UK)",
    ("lat", "less_than_equal"): "is outside the area we cover (the UK)",
    ("long", "greater_than_equal"): "is outside the area we cover (the UK)",
    ("long", "less_than_equal"): "is outside the area we cover (the UK)",
    ("address_id", "string_pattern_mismatch"): "must be a UPRN (up to 12 digits)",
    ("phone", "string_pattern_mismatch"): "is not a phone number we can use",
}


def _parameter(loc: Sequence[int | str]) -> str:
    path = tuple(str(p) for p in loc if not isinstance(p, int))
    while path:
        if path in _PARAMETERS:
            return _PARAMETERS[path]
        path = path[:-1]
    return ".".join(str(p) for p in loc) or "request"


def _described(exc: ValidationError) -> list[str]:
    described: list[str] = []
    for error in exc.errors():
        parameter = _parameter(error["loc"])
        message = _MESSAGES.get((parameter, error["type"])) or str(error["msg"]).removeprefix(
            "Value error, "
        )
        line = f"{parameter}: {message}"
        if line not in described:
            described.append(line)
    return described


def posted(reference: str, notice: str) -> list[dict[str, Any]]:
    return [{"service_request_id": reference, "service_notice": notice, "account_id": None}]


# --- GET requests ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestQuery:
    organisation_id: uuid.UUID
    references: tuple[str, ...] = ()
    categories: tuple[AsbCategory, ...] = ()
    statuses: frozenset[str] = frozenset()
    start: datetime | None = None
    end: datetime | None = None
    limit: int = MAX_REQUESTS


def _one(params: Mapping[str, Sequence[str]], key: str) -> str | None:
    values = [v for v in params.get(key, ()) if v.strip()]
    return values[0] if values else None


def _listed(params: Mapping[str, Sequence[str]], key: str) -> list[str]:
    """A parameter declared several times and/or comma delimited, as its values."""
    return [v.strip() for value in params.get(key, ()) for v in value.split(",") if v.strip()]


def _w3(value: str, name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(_w3_input(value.strip()))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise Open311Error(
            400,
            f"{name} must be a w3 date and time with a timezone, e.g. 2010-01-01T00:00:00Z.",
        )
    return parsed


def request_query(params: Mapping[str, Sequence[str]], *, now: datetime) -> RequestQuery:
    """GET requests' filters. ``service_request_id`` overrides the others (the spec's rule);
    without dates the window is the latest 90 days, and a window may not be wider."""
    organisation_id = jurisdiction(_one(params, "jurisdiction_id"), required=True)
    assert organisation_id is not None
    errors: list[str] = []
    limit = MAX_REQUESTS
    page_size = _listed(params, "page_size")
    if page_size:
        if not page_size[0].isdigit() or not 1 <= int(page_size[0]) <= MAX_REQUESTS:
            errors.append(f"page_size must be a whole number from 1 to {MAX_REQUESTS}.")
        else:
            limit = int(page_size[0])
    references = tuple(dict.fromkeys(_listed(params, "service_request_id")))
    if references:
        if errors:
            raise Open311Error(400, *errors)
        return RequestQuery(organisation_id, references=references[:limit], limit=limit)

    categories: list[AsbCategory] = []
    for code in _listed(params, "service_code"):
        category = _category(code)
        if category is None:
            errors.append(
                f"service_code '{echo(code)}' was not found: services.xml lists the codes."
            )
        else:
            categories.append(category)
    statuses = {s.lower() for s in _listed(params, "status")}
    if statuses - {"open", "closed"}:
        errors.append("status must be open or closed (or both, comma delimited).")
    start = end = None
    try:
        start_value, end_value = _listed(params, "start_date"), _listed(params, "end_date")
        start = _w3(start_value[0], "start_date") if start_value else None
        end = _w3(end_value[0], "end_date") if end_value else None
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


async def find_requests(db: Database, query: RequestQuery) -> list[dict[str, Any]]:
    """Open311 reports matching the query, newest first, as GeoReport requests."""
    # Only the columns shown are read: contact details and the reporter's words never are.
    stmt = (
        select(
            Report.reference,
            Report.categories,
            Report.location_postcode,
            Report.location_latitude,
            Report.location_longitude,
            Report.received_at,
            ReportStatus.status,
            ReportStatus.updated_at,
        )
        .join(ReportStatus, ReportStatus.report_id == Report.id)
        .where(Report.organisation_id == query.organisation_id, Report.channel == CHANNEL.value)
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
    async with db.sessions() as session:
        rows = (await session.execute(stmt)).all()
    return [public_request(row) for row in rows]


STATUS_NOTES = {
    "received": "Received. The landlord's anti-social behaviour team will assess it.",
    "open": "A case is open and the landlord's anti-social behaviour team is dealing with it.",
    "closed": "The landlord has closed the case.",
}


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _district(postcode: str | None) -> str | None:
    compact = (postcode or "").replace(" ", "").upper()
    return compact[:-3] if len(compact) >= 5 else None


def public_request(row: Any) -> dict[str, Any]:
    """A report as GeoReport shows it to anyone: see the module's notes on privacy."""
    category = _category(row.categories[0] if row.categories else None) or AsbCategory.OTHER
    closed = row.status == "closed"
    shown = category not in LOCATION_WITHHELD
    district = _district(row.location_postcode) if shown else None
    lat, long = row.location_latitude, row.location_longitude
    return {
        "service_request_id": row.reference,
        "status": "closed" if closed else "open",
        "status_notes": STATUS_NOTES.get(row.status, STATUS_NOTES["open"]),
        "service_name": service_of(category).name,
        "service_code": category.value,
        "description": PUBLIC_DESCRIPTION,
        "agency_responsible": AGENCY,
        "service_notice": None,
        "requested_datetime": _timestamp(row.received_at),
        "updated_datetime": _timestamp(max(row.updated_at, row.received_at)),
        "expected_datetime": None,
        "address": district,
        "address_id": None,
        "zipcode": district,
        "lat": round(lat, 3) if shown and lat is not None else None,
        "long": round(long, 3) if shown and long is not None else None,
        "media_url": None,
    }
