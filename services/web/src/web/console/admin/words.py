"""The words the administrators' pages show for the values the services' APIs take and give:
what a sharing agreement lets a partner see and do, the kinds of partner, the services a landlord
buys. Only words: what each value allows is the partner gateway's and casework's answer, and a
value with no words here is shown as the API gave it."""

from __future__ import annotations

SHARED_FIELDS = {
    "reference": "The case reference",
    "status": "Where the case is (its status)",
    "categories": "The kinds of ASB on the case (only those the agreement covers)",
    "opened_at": "When the case was opened",
    "officer": "The name of the landlord's officer, so the partner knows whom to call",
    "reports": "The references of the reports on the case",
    "outcome": "The outcome, why and when the case closed",
    "priority_route": "Whether it takes a priority route (domestic abuse, hate, safeguarding)",
    "complainant_name": "The complainant's name",
    "complainant_contact": (
        "The complainant's email, phone and address (never for someone who may be reached "
        "only through their officer)"
    ),
    "safeguarding": "MASH and MARAC referrals, and the safeguarding route",
    "engagement": "Positive Engagement referrals (a confidential service)",
    "warning_markers": (
        "Warning markers on the address and the people (the label and review date, never "
        "the reason)"
    ),
}
"""What of a case an agreement may allow a partner to see, in plain words."""

SCOPES = {
    "cases:read": "Read the cases shared with them",
    "cases:write": "Add updates and actions to shared cases",
    "referrals:write": "Refer a person or a problem to the landlord or to Positive Engagement",
    "safeguarding": "Receive MASH and MARAC referrals and answer them",
    "conferences": "Take part in case conferences",
    "webhooks": "Be told of changes at their own web address",
}

PARTNER_KINDS = {
    "police": "Police",
    "council_asb": "Council ASB team",
    "environmental_health": "Environmental health",
    "probation": "Probation",
    "youth_offending": "Youth offending team",
    "mash": "MASH (Multi-Agency Safeguarding Hub)",
    "marac": "MARAC (Multi-Agency Risk Assessment Conference)",
    "victim_service": "Victim service",
    "mental_health": "Mental health service",
    "drug_service": "Drug and alcohol service",
    "other": "Another agency",
}

AGREEMENT_STATES = {
    "pending": "Not started yet",
    "active": "In force",
    "review_due": "In force, review due",
    "expired": "Expired",
    "withdrawn": "Withdrawn",
}

SERVICES = {
    "engagement": "Positive Engagement Service",
    "partner-gateway": "Partner gateway (sharing cases with partner agencies)",
}
"""The services a landlord may buy besides intake, casework and notifications."""

OUTCOMES = {"allowed": "Allowed", "refused": "Refused"}
