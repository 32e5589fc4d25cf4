"""The words the engagement pages show for the values engagement's API takes and gives.

Only words: which values are allowed, what they do and who may see them is engagement's answer
(a value it no longer takes is refused by its 422, shown like any other). A value with no words
here is shown as the API gave it (:func:`web.console.catalogue.label`).
"""

from __future__ import annotations

DECISIONS = {"accepted": "Accept", "declined": "Decline"}

DECLINE_REASONS = {
    "criteria_not_met": "The service's criteria are not met",
    "client_declined": "The person declined support",
    "already_supported": "Already supported elsewhere",
    "out_of_area": "Out of the landlord's area",
    "other": "Another reason (say why in the note)",
}

REFERRAL_STATUSES = {
    "awaiting_decision": "Awaiting decision",
    "accepted": "Accepted",
    "declined": "Declined",
}

CLIENT_STATUSES = {
    "awaiting_consent": "Awaiting consent",
    "engaged": "Engaged",
    "disengaged": "Disengaged",
    "consent_withdrawn": "Consent withdrawn",
    "closed": "Closed",
}

CONSENT_METHODS = {
    "in_person": "In person",
    "phone": "By phone",
    "written": "In writing",
    "email": "By email",
    "through_representative": "Through a representative",
}

CHANGES = {
    "consent_given": "Consent given",
    "consent_withdrawn": "Consent withdrawn",
    "disengaged": "Disengaged",
    "re_engaged": "Re-engaged",
}

AREAS = {
    "drugs": "Drugs",
    "alcohol": "Alcohol",
    "mental_health": "Mental health",
    "anger": "Anger",
    "physical_health": "Physical health",
    "finances_and_debt": "Finances and debt",
    "tenancy_and_home": "Tenancy and home",
    "relationships_and_family": "Relationships and family",
    "offending": "Offending",
    "education_and_work": "Education and work",
}

ACTIVITY_KINDS = {
    "one_to_one": "One-to-one contact",
    "accompanied_appointment": "Accompanied appointment",
    "specialist_referral": "Referral to a specialist service",
}

SPECIALIST_SERVICES = {
    "": "Not a referral",
    "drug_and_alcohol": "Drug and alcohol service",
    "mental_health": "Mental health service",
    "debt_advice": "Debt advice",
    "anger_management": "Anger management",
    "housing_support": "Housing support",
    "other": "Another service",
}

ORDER_KINDS = {
    "civil_injunction": "Civil injunction",
    "criminal_behaviour_order": "Criminal Behaviour Order",
    "community_protection_notice": "Community Protection Notice",
    "other": "Another order",
}

REQUIREMENT_KINDS = {
    "drug_service": "Attend a drug service",
    "alcohol_service": "Attend an alcohol service",
    "mental_health_appointments": "Attend mental health appointments",
    "anger_management": "Attend anger management",
    "engage_with_support": "Engage with support",
    "other": "Another requirement",
}

COMPLIANCE = {
    "complied": "Complied",
    "partly_complied": "Partly complied",
    "not_complied": "Did not comply",
}

SPEND_CATEGORIES = {
    "target_hardening": "Target hardening (locks, door closers)",
    "sound_insulation": "Sound insulation",
    "transport": "Transport to appointments",
    "household_items": "Household items",
    "activities": "Activities",
    "other": "Other",
}

SPEND_STATUSES = {
    "approved": "Approved",
    "awaiting_approval": "Waiting for a team leader",
    "refused": "Refused",
}

OUTCOMES = {
    "behaviour_stopped": "The behaviour stopped",
    "legal_action_avoided": "Legal action was avoided",
    "tenancy_sustained": "The tenancy was sustained",
    "disengaged": "The client disengaged",
    "escalated": "Escalated to enforcement",
}

CONCERNS = {
    "child_at_risk": "A child is at risk",
    "adult_at_risk": "An adult is at risk",
}

NEEDS = {"low": "Low", "medium": "Medium", "high": "High"}
