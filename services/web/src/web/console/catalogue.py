"""The words the console shows for the values the services' APIs take and give (intervention
kinds, evidence kinds, outcomes, contact methods...).

Only words: what each value means and what it allows (which interventions are legal action,
which outcome closes a case how, who may be contacted how) is the services' answer. A value the
console has no words for is shown as the API gave it, and a value casework no longer takes is
refused by its 422, which the page shows like any other.
"""

from __future__ import annotations

from collections.abc import Mapping

from asb_shared.contracts.common import AsbCategory


def label(words: Mapping[str, str], value: object) -> str:
    """The words for a value, or the value itself (``"some_value"`` as ``"Some value"``)."""
    text = str(value or "")
    return words.get(text) or text.replace("_", " ").capitalize()


def options(words: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """The (value, label, hint) options of a radios or select field, in the catalogue's order."""
    return [(value, text, "") for value, text in words.items()]


INTERVENTIONS = {
    "advice": "Advice",
    "warning_letter": "Warning letter",
    "home_visit": "Home visit or interview",
    "mediation_referral": "Mediation referral",
    "restorative_practice": "Restorative practice",
    "good_neighbour_agreement": "Good Neighbour Agreement",
    "acceptable_behaviour_contract": "Acceptable Behaviour Contract",
    "tenancy_sustainment_contract": "Tenancy sustainment contract",
    "support_referral": "Referral to support",
    "target_hardening": "Target hardening and security measures",
    "lend_a_cam": "Lend-A-Cam CCTV",
    "noise_monitoring": "Noise monitoring",
    "joint_police_visit": "Joint visit with the police",
    "community_protection_warning": "Community Protection Warning",
    "community_protection_notice": "Community Protection Notice",
    "introductory_tenancy_extension": "Extension of introductory tenancy",
    "demotion": "Demotion",
    "civil_injunction": "Civil injunction",
    "closure_order": "Closure order",
    "notice_of_seeking_possession": "Notice of seeking possession",
    "possession": "Possession",
    "eviction": "Eviction",
}

EVIDENCE = {
    "diary": "Incident diary entry",
    "photo": "Photo",
    "audio": "Noise recording",
    "video": "Video",
    "cctv": "CCTV extract",
    "witness_statement": "Witness statement",
    "document": "Document",
}

CLOSING_OUTCOMES = {
    "resolved": "Resolved: the behaviour has stopped",
    "unresolved": "Unresolved: no further proportionate action",
    "information_only": "Information only",
    "referred_on": "Referred to another agency",
}

CONTACT_METHODS = {
    "phone": "Phone call",
    "email": "Email",
    "sms": "Text message",
    "letter": "Letter",
    "visit": "Home visit",
    "in_person": "In person, elsewhere",
    "video": "Video call",
}

CHANNELS = {
    "phone": "Phone call",
    "email": "Email",
    "sms": "Text message",
    "letter": "Letter",
    "in_app": "In the app",
}

CONTACT_WITH = {
    "complainant": "Complainant",
    "subject": "Subject",
    "witness": "Witness",
    "partner": "Partner agency",
    "other": "Someone else",
}

REFERRALS = {
    "engagement": "Positive Engagement Service",
    "mash": "MASH (safeguarding)",
    "marac": "MARAC (domestic abuse at high risk)",
}

SUBJECT_CONTACT = {
    "agreed": "The complainant agreed",
    "refused": "The complainant does not want the subject contacted yet",
    "overridden": "Contact the subject anyway (team leader)",
}

STEPS = {
    "triage": "Triage",
    "assign": "Assign an officer",
    "start_investigation": "Start the investigation",
    "agree_action_plan": "Agree an action plan",
    "start_interventions": "Start interventions",
    "resolve": "Close as resolved",
    "close_unresolved": "Close as unresolved",
    "close_information_only": "Close as information only",
    "mark_not_asb": "Close as not ASB, with advice",
    "refer_on": "Refer to another agency",
    "reopen": "Reopen",
}

STATUSES = {
    "received": "Received",
    "triaged": "Triaged",
    "open": "Open",
    "investigating": "Investigating",
    "action_plan_agreed": "Action plan agreed",
    "interventions": "Interventions",
    "reopened": "Reopened",
    "resolved": "Resolved",
    "closed": "Closed (unresolved)",
    "information_only": "Information only",
    "not_asb": "Not ASB",
    "referred_on": "Referred on",
}

ROUTES = {
    "domestic_abuse": "Domestic abuse",
    "hate_incident": "Hate incident",
    "safeguarding": "Safeguarding",
}

FLAGS = {
    "repeat_complainant": "Repeat complainant",
    "high_risk_complainant": "High-risk complainant",
    "repeat_subject": "Repeat subject",
    "hotspot_address": "Hotspot address",
}

CORROBORATION = {
    "patrol": "Patrol",
    "cctv": "CCTV",
    "other_reports": "Other reports",
    "door_knocking": "Door-knocking",
    "other": "Something else",
}

MEDIATION_RESULTS = {
    "agreement_reached": "Agreement reached",
    "no_agreement": "No agreement",
    "declined": "Declined: one side would not take part",
}

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

CATEGORIES = tuple(c.value for c in AsbCategory)
"""The ASB categories, worded by the site's catalogue (``category_label``)."""

SHARED_FIELDS = {
    "reference": "Case reference",
    "status": "Status",
    "categories": "Kinds of behaviour",
    "opened_at": "Opened",
    "officer": "Landlord's officer",
    "reports": "Reports",
    "outcome": "Outcome",
    "priority_route": "Priority route",
    "complainant_name": "Complainant's name",
    "complainant_contact": "Complainant's contact details",
    "safeguarding": "Safeguarding referrals",
    "engagement": "Positive Engagement referrals",
    "warning_markers": "Warning markers",
}
"""What of a case an information sharing agreement may let a partner see (the gateway's
``CaseField``), in plain words."""

PARTNER_ACTIONS = {
    "warning_issued": "Warning issued",
    "arrest": "Arrest",
    "joint_visit_done": "Joint visit done",
    "community_protection_warning": "Community Protection Warning",
    "community_protection_notice": "Community Protection Notice",
    "closure_order_granted": "Closure order granted",
    "injunction_granted": "Injunction granted",
    "noise_abatement_notice": "Noise abatement notice",
    "support_offered": "Support offered",
    "other": "Something else",
}
"""The actions a partner may say it took on a shared case (the gateway's ``ActionTaken``)."""

ACTION_STATUSES = {"open": "Open", "in_progress": "In progress", "done": "Done"}
"""A case conference action's status."""

SAFEGUARDING_STATUSES = {
    "received": "Received",
    "delivered": "Waiting for your acknowledgement",
    "acknowledged": "Acknowledged",
    "outcome_recorded": "Outcome recorded",
    "undeliverable": "Not delivered",
}
"""A MASH or MARAC referral's status, as the partner sees it."""
