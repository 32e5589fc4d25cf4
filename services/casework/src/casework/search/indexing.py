"""Keeping a report findable: called where a report is attached to a case."""

from __future__ import annotations

import uuid

from asb_shared.contracts import ReportReceivedV2
from sqlalchemy.dialects.postgresql import Insert, insert

from ..db import table_of
from ..people.matching import (
    normalised_postcode,
    person_keys,
    postcode_district,
    postcode_in,
    postcode_sector,
)
from .models import ReportIndex


def names_of(report: ReportReceivedV2) -> str:
    """The names a report makes findable: its reporter's unless anonymous, and the subjects'.

    An anonymous reporter's name is never indexed, whatever intake sent.
    """
    names = [] if report.anonymous or report.reporter is None else [report.reporter.name]
    names += [s.name for s in report.subjects]
    return " | ".join(n.strip() for n in names if n and n.strip())


def reporter_keys(report: ReportReceivedV2) -> list[str]:
    """The keys the named reporter is recognised by across cases; none when anonymous."""
    who = report.reporter
    if report.anonymous or who is None:
        return []
    return person_keys(who.name, who.email, who.phone, postcode_in(who.address))


def index_entry(case_id: uuid.UUID, organisation_id: uuid.UUID, report: ReportReceivedV2) -> Insert:
    """The statement that makes ``report`` (attached to ``case_id``) findable; a report moved
    to another case (by unlinking) moves with it."""
    loc = report.location
    postcode = normalised_postcode(loc.postcode) or postcode_in(loc.address)
    address = ", ".join(p for p in (loc.address, loc.description, postcode) if p)
    values = {
        "case_id": case_id,
        "received_at": report.received_at,
        "categories": sorted({c.value for c in report.categories}),
        "names": names_of(report),
        "person_keys": reporter_keys(report),
        "address": address,
        "postcode": postcode,
        "district": postcode_district(postcode),
        "sector": postcode_sector(postcode),
        "uprn": (loc.uprn or "").strip()[:20] or None,
        "latitude": loc.latitude,
        "longitude": loc.longitude,
        "text": f"{report.reference} {report.description} {address}",
    }
    statement = insert(table_of(ReportIndex)).values(
        report_id=report.report_id, organisation_id=organisation_id, **values
    )
    return statement.on_conflict_do_update(index_elements=["report_id"], set_=values)
