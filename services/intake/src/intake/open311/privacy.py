"""What Open311 shows to anyone: GeoReport's GET requests are public, and reports can identify
people (who complained, about whom, where they live). So what GET shows is chosen field by field:

* only reports made through Open311 are listed, never those of other channels: a resident who
  used the web form, the phone or the app did not choose a public tool;
* ``description`` is a neutral sentence, never the reporter's words, which name neighbours and
  describe households (FixMyStreet publishes its own copy; we do not republish ours);
* no contact details, names, people, evidence or ``media_url``, ever; the query reads only the
  columns it shows (:data:`SHOWN_COLUMNS`), so nothing else can leak into a response;
* ``address`` and ``zipcode`` are the postcode district ("SK1"), not the address or postcode
  (a full postcode is about fifteen homes); ``address_id`` (the UPRN, one home) is never shown;
* ``lat``/``long`` are rounded to 3 decimals (about 100 m), and withheld altogether, with the
  district, for the categories where a location points at a victim or an accused person
  (domestic abuse, hate incidents, cuckooing, allegations about a person);
* ``status_notes`` is a fixed sentence per reporter status: never staff notes or case details.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from asb_shared.contracts.common import AsbCategory, Channel

from ..reports.models import Report, ReportStatus
from .catalogue import category_of, service_of

LISTED_CHANNEL = Channel.OPEN311
"""The only channel whose reports are listed: the one the reporter chose as a public tool."""
AGENCY = "Anti-social behaviour team"
PUBLIC_DESCRIPTION = (
    "Anti-social behaviour report. The details are not published, to protect the people involved."
)

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
ROUNDED_TO_DECIMALS = 3
"""About 100 m: a street, not a home."""

SHOWN_COLUMNS = (
    Report.reference,
    Report.categories,
    Report.location_postcode,
    Report.location_latitude,
    Report.location_longitude,
    Report.received_at,
    ReportStatus.status,
    ReportStatus.updated_at,
)
"""Every column GET requests reads: contact details and the reporter's words never are."""

STATUS_NOTES = {
    "received": "Received. The landlord's anti-social behaviour team will assess it.",
    "open": "A case is open and the landlord's anti-social behaviour team is dealing with it.",
    "closed": "The landlord has closed the case.",
}


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def district(postcode: str | None) -> str | None:
    compact = (postcode or "").replace(" ", "").upper()
    return compact[:-3] if len(compact) >= 5 else None


def public_request(row: Any) -> dict[str, Any]:
    """A report as GeoReport shows it to anyone: see the module's notes on privacy."""
    category = category_of(row.categories[0] if row.categories else None) or AsbCategory.OTHER
    closed = row.status == "closed"
    shown = category not in LOCATION_WITHHELD
    area = district(row.location_postcode) if shown else None
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
        "address": area,
        "address_id": None,
        "zipcode": area,
        "lat": round(lat, ROUNDED_TO_DECIMALS) if shown and lat is not None else None,
        "long": round(long, ROUNDED_TO_DECIMALS) if shown and long is not None else None,
        "media_url": None,
    }
