"""The check a contact with the subject must pass: the complainant has agreed (or a manager overrode)."""

from __future__ import annotations

from asb_shared.usecase import Conflict

from ..cases.models import Case
from .rules import subject_contact_refusal


def require_subject_contact_allowed(case: Case) -> None:
    """Refuse (409, with the reason) a contact with the subject the complainant has not agreed to."""
    refused = subject_contact_refusal(case.subject_contact)
    if refused is not None:
        raise Conflict(refused, code="complainant_agreement_needed")
