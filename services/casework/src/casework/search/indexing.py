"""Keeping a report findable: called where a report is attached to a case."""

from __future__ import annotations

import uuid
from typing import Any

from asb_shared.contracts.intake import ReportReceivedV2
from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert

from ..cases.index import ReportIndex
from ..cases.parties import complainant_details
from ..db import table_of
from ..people.matching import (
    normalised_postcode,
    person_keys,
    postcode_district,
    postcode_in,
    postcode_sector,
)


def names_of(report: ReportReceivedV2) -> str:
    """The names a report makes findable: its reporter's unless anonymous, and the subjects'.

    An anonymous reporter's name is never indexed, whatever intake sent.
    """
    who = complainant_details(report.anonymous, report.reporter)
    names = [] if who is None else [who.name]
    names += [s.name for s in report.subjects]
    return " | ".join(n.strip() for n in names if n and n.strip())


def reporter_keys(report: ReportReceivedV2) -> list[str]:
    """The keys the named reporter is recognised by across cases; none when anonymous."""
    who = complainant_details(report.anonymous, report.reporter)
    if who is None:
        return []
    return person_keys(who.name, who.email, who.phone, postcode_in(who.address))


_INDEX = table_of(ReportIndex)
_WRITTEN = [c.name for c in _INDEX.c if c.computed is None]
_ENTRY = insert(_INDEX).values(
    {name: bindparam(f"index_{name}", type_=_INDEX.c[name].type) for name in _WRITTEN}
)
INDEX_ENTRY = _ENTRY.on_conflict_do_update(
    index_elements=["report_id"],
    set_={
        name: _ENTRY.excluded[name]
        for name in _WRITTEN
        if name not in ("report_id", "organisation_id")
    },
)
"""The statement that makes a report findable, or moves its entry to the case it is now on (a
report unlinked into a case of its own), with :func:`index_values` as its parameters. Built
once: a report is indexed every time one arrives."""


def index_values(
    case_id: uuid.UUID, organisation_id: uuid.UUID, report: ReportReceivedV2
) -> dict[str, Any]:
    """The parameters of :data:`INDEX_ENTRY` for ``report``, attached to ``case_id``."""
    loc = report.location
    postcode = normalised_postcode(loc.postcode) or postcode_in(loc.address)
    address = ", ".join(p for p in (loc.address, loc.description, postcode) if p)
    values = {
        "report_id": report.report_id,
        "organisation_id": organisation_id,
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
    return {f"index_{name}": value for name, value in values.items()}
