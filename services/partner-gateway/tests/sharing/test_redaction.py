"""The redaction rules, exhaustively: every subset of the field allow list against cases that
carry every kind of sensitive detail."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from partner_gateway.agreements.rules import CaseField, Terms
from partner_gateway.sharing.redaction import CaseFacts, Complainant, redact

ALL = [f.value for f in CaseField]
OPENED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
CLOSED = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)


def terms(fields: set[str], categories: set[str]) -> Terms:
    return Terms(
        agreement_id=uuid.uuid4(),
        categories=frozenset(categories),
        fields=frozenset(fields),
        scopes=frozenset({"cases:read"}),
        starts_on=date(2026, 1, 1),
        review_on=date(2026, 6, 1),
        expires_on=date(2027, 1, 1),
        withdrawn=False,
    )


SAFE = Complainant("Sam Resident", "sam@example.org", "07700900123", "12 Example Court")
HIDDEN = Complainant(
    "Jo Victim", "jo@example.org", "07700900999", "3 Quiet Lane", only_through_officer=True
)
MASH = {"referral_id": "r1", "kind": "mash", "person_name": "Child A", "reason": "neglect"}
PEO = {"referral_id": "r2", "subject_name": "Alex Subject", "reason": "drug use"}
MARKER = {"about": "address", "label": "Visit in pairs", "review_on": "2027-06-01"}

CASES = {
    "noise": CaseFacts(
        case_id=uuid.uuid4(),
        reference="CASE-1",
        status="open",
        categories=("noise",),
        opened_at=OPENED,
        officer_name="Pat Officer",
        report_references=("ASB-1", "ASB-2"),
        complainants=(SAFE,),
        warning_markers=(MARKER,),
    ),
    "safeguarding": CaseFacts(
        case_id=uuid.uuid4(),
        reference="CASE-2",
        status="closed",
        categories=("drugs", "cuckooing"),
        opened_at=OPENED,
        outcome="resolved",
        closure_reason="stopped",
        closed_at=CLOSED,
        route="safeguarding",
        complainants=(SAFE, HIDDEN),
        safeguarding_referrals=(MASH,),
        engagement_referrals=(PEO,),
    ),
    "anonymous": CaseFacts(
        case_id=uuid.uuid4(),
        reference="CASE-3",
        status="open",
        categories=("graffiti",),
        anonymous=True,
        complainants=(SAFE,),
    ),
    "domestic_abuse": CaseFacts(
        case_id=uuid.uuid4(),
        reference="CASE-4",
        status="investigating",
        categories=("domestic_abuse", "verbal_abuse"),
        route="domestic_abuse",
        complainants=(HIDDEN,),
    ),
}
EVERY_CATEGORY = {"noise", "drugs", "cuckooing", "graffiti", "domestic_abuse", "verbal_abuse"}


def oracle(case: CaseFacts, fields: set[str], categories: set[str]) -> dict[str, Any]:
    """What the policy says a partner sees, written out field by field."""
    people = [] if case.anonymous else list(case.complainants)
    value: dict[str, Any] = {
        "reference": case.reference,
        "status": case.status,
        "categories": sorted(set(case.categories) & categories),
        "opened_at": case.opened_at.isoformat() if case.opened_at else None,
        "officer": case.officer_name,
        "reports": list(case.report_references),
        "outcome": {
            "outcome": case.outcome,
            "reason": case.closure_reason,
            "closed_at": case.closed_at.isoformat(),
        }
        if case.outcome and case.closed_at
        else None,
        "priority_route": case.route
        if case.route != "safeguarding" or "safeguarding" in fields
        else None,
        "complainant_name": [p.name for p in people],
        "complainant_contact": [
            {"email": p.email, "phone": p.phone, "address": p.address}
            for p in people
            if not p.only_through_officer
        ],
        "safeguarding": [dict(r) for r in case.safeguarding_referrals],
        "engagement": [dict(r) for r in case.engagement_referrals],
        "warning_markers": [dict(m) for m in case.warning_markers],
    }
    return {"case_id": str(case.case_id), **{k: v for k, v in value.items() if k in fields}}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_subset_of_the_allow_list_gives_exactly_those_fields(name: str) -> None:
    case = CASES[name]
    for size in range(len(ALL) + 1):
        for chosen in itertools.combinations(ALL, size):
            fields = set(chosen)
            shown = redact(case, terms(fields, EVERY_CATEGORY))
            assert shown is not None
            assert shown.data == oracle(case, fields, EVERY_CATEGORY), (name, chosen)
            assert set(shown.fields) == fields
            assert set(shown.withheld) == set(ALL) - fields


def test_a_case_outside_the_agreements_categories_is_not_served() -> None:
    assert redact(CASES["noise"], terms(set(ALL), {"graffiti"})) is None
    assert redact(CASES["noise"], terms(set(ALL), set())) is None


def test_a_domestic_abuse_case_needs_an_agreement_naming_domestic_abuse() -> None:
    case = CASES["domestic_abuse"]
    # Verbal abuse is covered, but the case is also domestic abuse: not served.
    assert redact(case, terms(set(ALL), {"verbal_abuse", "noise"})) is None
    shown = redact(case, terms(set(ALL), {"verbal_abuse", "domestic_abuse"}))
    assert shown is not None and shown.data["categories"] == ["domestic_abuse", "verbal_abuse"]


def test_only_the_covered_categories_are_named() -> None:
    shown = redact(CASES["safeguarding"], terms({"categories"}, {"drugs"}))
    assert shown is not None and shown.data["categories"] == ["drugs"]


def test_safeguarding_and_engagement_details_need_their_own_fields() -> None:
    everything_else = set(ALL) - {"safeguarding", "engagement"}
    shown = redact(CASES["safeguarding"], terms(everything_else, EVERY_CATEGORY))
    assert shown is not None
    text = repr(shown.data)
    assert "Child A" not in text and "neglect" not in text  # the MASH referral
    assert "Alex Subject" not in text and "drug use" not in text  # Positive Engagement
    assert shown.data["priority_route"] is None  # the route itself would tell


def test_a_complainant_reached_only_through_the_officer_has_no_contact_details_shared() -> None:
    shown = redact(CASES["domestic_abuse"], terms(set(ALL), EVERY_CATEGORY))
    assert shown is not None
    assert shown.data["complainant_contact"] == []
    assert "jo@example.org" not in repr(shown.data) and "3 Quiet Lane" not in repr(shown.data)


def test_an_anonymous_complainant_is_never_named_or_reachable() -> None:
    shown = redact(CASES["anonymous"], terms(set(ALL), EVERY_CATEGORY))
    assert shown is not None
    assert shown.data["complainant_name"] == [] and shown.data["complainant_contact"] == []
