"""The rule of a decision on a person's request to erase or rectify their data.

Erasure may be refused only on a lawful basis (UK GDPR art. 17(3), art. 12(5); the Data
Protection Act 2018's crime and legal-proceedings exemptions); a refusal names it, a grant
names none. Records on a case under a legal hold are needed for the proceedings: erasing them
is refused on that basis until the hold is lifted. No I/O happens here.
"""

from __future__ import annotations

from enum import StrEnum

from asb_shared.usecase import Problem


class RequestKind(StrEnum):
    ERASURE = "erasure"
    RECTIFICATION = "rectification"


class Decision(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"


class RefusalBasis(StrEnum):
    """Why the law allows a request to be refused."""

    LEGAL_CLAIMS = "legal_claims"
    """Needed to establish, exercise or defend legal claims (art. 17(3)(e))."""
    LEGAL_OBLIGATION = "legal_obligation"
    """Kept to meet a legal obligation or a task in the public interest (art. 17(3)(b))."""
    CRIME_PREVENTION = "crime_prevention"
    """Erasing would prejudice preventing or detecting crime (DPA 2018 sch. 2 para. 2)."""
    MANIFESTLY_UNFOUNDED = "manifestly_unfounded"
    """The request is manifestly unfounded (art. 12(5))."""
    MANIFESTLY_EXCESSIVE = "manifestly_excessive"
    """The request is manifestly excessive, e.g. repeated (art. 12(5))."""


def decision_problems(
    decision: Decision, basis: RefusalBasis | None, *, held_cases: int
) -> list[Problem]:
    """What is wrong with a decision: a refusal without its basis, a grant with one, or an
    erasure granted while a legal hold stands on one of the cases."""
    if decision is Decision.REFUSED and basis is None:
        return [Problem("refusal_basis", "a refusal names the lawful basis for it")]
    if decision is Decision.GRANTED and basis is not None:
        return [Problem("refusal_basis", "a granted request has no basis for refusing")]
    if decision is Decision.GRANTED and held_cases:
        return [
            Problem(
                "decision",
                "a legal hold stands on a case these records are on: refuse on the basis "
                "of legal claims, or lift the hold first",
            )
        ]
    return []
