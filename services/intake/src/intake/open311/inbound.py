"""A GeoReport service request (POST requests) mapped to one of our reports.

Every problem found is reported at once, each in the client's own parameter names. Whether the
reporter stays anonymous is decided by :mod:`intake.reports.anonymity`.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from asb_shared.contracts.common import AsbCategory, Channel
from pydantic import BaseModel, ValidationError

from ..reports import anonymity
from ..reports.schemas import ReportIn
from .catalogue import DANGER, category_of
from .wire import Form, Open311Error, echo, jurisdiction, w3_input

CHANNEL = Channel.OPEN311
NAME_NOT_GIVEN = "Name not given"

_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b", re.IGNORECASE)


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
        if not anonymity.may_be_contacted(self.report.anonymous):
            notice = f"Thank you. {anonymity.ANONYMOUS_MEANS}"
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
    category = category_of(code)
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
    anonymous = anonymity.anonymous_unless_reachable(anonymous_value == "true", email, phone)
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
        "occurred_at": w3_input((attrs.get("occurred_at") or [now.isoformat()])[0]),
        "people": [{"role": "subject", "description": "\n".join(subjects)}] if subjects else [],
        "anonymous": anonymous,
        "reporter": None
        if anonymous
        else {
            "name": name or NAME_NOT_GIVEN,
            "email": email,
            "phone": phone,
            "preferences": {"preferred": "email" if email else "phone"},
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
    ("attribute[occurred_at]", "timezone_aware"): "needs a timezone, e.g. 2026-11-20T21:30:00Z",
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


class Posted(BaseModel):
    """POST requests' answer, as kept for a retry with the same Idempotency-Key."""

    service_requests: list[dict[str, Any]]


def posted(reference: str, token: str, notice: str) -> Posted:
    """The answer to a POST: the request's id (the report's reference) at once, and the token a
    client that looks ids up later (GET tokens) may keep instead."""
    return Posted(
        service_requests=[
            {
                "token": token,
                "service_request_id": reference,
                "service_notice": notice,
                "account_id": None,
            }
        ]
    )


IDEMPOTENCY_SCOPE = "POST /open311/v2/requests"


def fingerprint(form: Form, media_sha256: str | None = None) -> str:
    """What a service request asked for, whatever order the client sent its fields in (and the
    photo's content, not the multipart body around it, which a retry may frame differently)."""
    fields = sorted((k, sorted(v)) for k, v in form.items())
    canonical = json.dumps([fields, media_sha256] if media_sha256 else fields)
    return hashlib.sha256(canonical.encode()).hexdigest()
