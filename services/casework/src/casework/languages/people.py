"""The people a case's reports name, with their language needs, as a pure function."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from asb_shared.contracts.common import Person


class Role(StrEnum):
    """Who a person is on the case (complainants have their own contact records)."""

    SUBJECT = "subject"
    WITNESS = "witness"


_LISTS = {Role.SUBJECT: "subjects", Role.WITNESS: "witnesses"}


def named_in(payload: dict[str, Any], role: Role) -> list[Person]:
    """The subjects or witnesses of a report as it was received (either event version)."""
    return [Person.model_validate(p) for p in payload.get(_LISTS[role]) or []]


@dataclass(frozen=True)
class ReportPeople:
    report_id: uuid.UUID
    report_reference: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Need:
    report_id: uuid.UUID
    role: str
    position: int
    language: str | None
    interpreter: bool
    bsl: bool
    notes: str | None


@dataclass(frozen=True)
class PersonOnCase:
    role: Role
    report_id: uuid.UUID
    report_reference: str
    position: int
    name: str | None
    description: str | None
    language: str | None
    interpreter: bool
    bsl: bool
    notes: str | None


def people_on_case(reports: Sequence[ReportPeople], needs: Iterable[Need]) -> list[PersonOnCase]:
    """Every subject and witness the reports name, in report order, each with the needs
    recorded for them (none known: language unknown, no interpreter or BSL recorded)."""
    by_person = {(n.report_id, n.role, n.position): n for n in needs}
    people = []
    for role in Role:
        for report in reports:
            for position, person in enumerate(named_in(report.payload, role)):
                need = by_person.get((report.report_id, role.value, position))
                people.append(
                    PersonOnCase(
                        role=role,
                        report_id=report.report_id,
                        report_reference=report.report_reference,
                        position=position,
                        name=person.name,
                        description=person.description,
                        language=need.language if need else None,
                        interpreter=need.interpreter if need else False,
                        bsl=need.bsl if need else False,
                        notes=need.notes if need else None,
                    )
                )
    return people
