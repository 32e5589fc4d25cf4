"""Compliance with the positive requirements of a court order, with no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class OrderKind(StrEnum):
    CIVIL_INJUNCTION = "civil_injunction"
    CRIMINAL_BEHAVIOUR_ORDER = "criminal_behaviour_order"
    COMMUNITY_PROTECTION_NOTICE = "community_protection_notice"
    OTHER = "other"


class RequirementKind(StrEnum):
    DRUG_SERVICE = "drug_service"
    ALCOHOL_SERVICE = "alcohol_service"
    MENTAL_HEALTH_APPOINTMENTS = "mental_health_appointments"
    ANGER_MANAGEMENT = "anger_management"
    ENGAGE_WITH_SUPPORT = "engage_with_support"
    OTHER = "other"


class Compliance(StrEnum):
    COMPLIED = "complied"
    PARTLY_COMPLIED = "partly_complied"
    NOT_COMPLIED = "not_complied"


@dataclass(frozen=True)
class Summary:
    records: int
    complied: int
    partly: int
    not_complied: int
    latest: str | None

    @property
    def rate(self) -> float | None:
        """Share of records fully complied with, or None before anything is recorded."""
        return round(self.complied / self.records, 3) if self.records else None


def summarise(statuses_oldest_first: Iterable[str]) -> Summary:
    values = list(statuses_oldest_first)
    return Summary(
        records=len(values),
        complied=values.count(Compliance.COMPLIED.value),
        partly=values.count(Compliance.PARTLY_COMPLIED.value),
        not_complied=values.count(Compliance.NOT_COMPLIED.value),
        latest=values[-1] if values else None,
    )
