"""Who may see an engagement record (Positive Engagement Policy 3.9), with no I/O.

The service is confidential: Positive Engagement Officers see the record; case officers, team
leaders and admins (casework's side) see only the client's status and outcome; partners and
complainants, who never hold staff tokens here, see nothing. A safeguarding override (a child or
adult at risk) lets a member of staff the organisation named for it read the full record, with
the reason recorded.
"""

from __future__ import annotations

from enum import StrEnum

from asb_shared.auth import Role
from asb_shared.auth.groups import CASE_STAFF, PEO


class View(StrEnum):
    FULL = "full"
    """Everything: needs, plan, consent, compliance, reports."""
    STATUS = "status"
    """The client's engagement status and outcome, nothing else."""
    NONE = "none"


FULL_ROLES = PEO
STATUS_ROLES = CASE_STAFF


def view_for(roles: frozenset[Role]) -> View:
    """What a member of staff holding ``roles`` may see without an override."""
    if roles & FULL_ROLES:
        return View.FULL
    if roles & STATUS_ROLES:
        return View.STATUS
    return View.NONE


class Concern(StrEnum):
    """Why a safeguarding override is used."""

    CHILD_AT_RISK = "child_at_risk"
    ADULT_AT_RISK = "adult_at_risk"


def may_override(subject: str, named_leads: set[str]) -> bool:
    """Whether this member of staff is one the organisation named for safeguarding overrides."""
    return subject in named_leads
