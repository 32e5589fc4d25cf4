"""Everything the case page shows, read with the member of staff's token in one round of calls
made together: the case and its records from casework in one read (its overview), the case's
messages from notifications, and its sharing from the partner gateway."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from ...site.apis import Api, ApiRefused, ApiUnavailable
from ..staff import StaffUser
from .contact_ways import contact_ways

REFERRAL_NEWS = frozenset(
    {
        "referral",
        "engagement_referral_decided",
        "engagement_status",
        "engagement_outcome",
        "safeguarding_referral_undeliverable",
    }
)
"""Timeline entries casework records of a referral's progress (Positive Engagement's decisions,
status and outcome, a MASH or MARAC referral that could not be delivered)."""

PARTNER_NEWS = frozenset({"partner_update", "partner_action", "conference_action", "action"})
"""Timeline entries of what partners posted and the case conferences' actions."""


async def _items(api: Api, staff: StaffUser, path: str) -> list[dict[str, Any]]:
    page = await api.call("GET", path, headers=staff.bearer, params={"limit": 100})
    return list(page["items"])


async def _or_none(call: Any) -> Any:
    """A part of the page that may be missing (its service away, or not for this role)."""
    try:
        return await call
    except (ApiRefused, ApiUnavailable):
        return None


async def _sharing(gateway: Api | None, staff: StaffUser, case_id: uuid.UUID) -> dict[str, Any]:
    """The case's shares with partners, its conference actions and the agreements it may be
    shared under; None for each part the gateway does not answer (not bought, or away)."""
    if gateway is None:
        return {"shares": None, "conference_actions": None, "agreements": None}
    shares, actions, agreements = await asyncio.gather(
        _or_none(gateway.call("GET", f"/v1/cases/{case_id}/shares", headers=staff.bearer)),
        _or_none(
            gateway.call("GET", f"/v1/cases/{case_id}/conference-actions", headers=staff.bearer)
        ),
        _or_none(gateway.call("GET", "/v1/agreements", headers=staff.bearer)),
    )
    return {"shares": shares, "conference_actions": actions, "agreements": agreements}


async def case_view(
    casework: Api,
    notifications: Api,
    gateway: Api | None,
    staff: StaffUser,
    case_id: uuid.UUID,
) -> dict[str, Any]:
    """The case page's context. Another landlord's case (or none) is casework's 404, raised as
    :class:`ApiRefused` whatever the other services answered."""
    (overview, messages, sharing) = await asyncio.gather(
        casework.call("GET", f"/v1/cases/{case_id}/overview", headers=staff.bearer),
        _or_none(_items(notifications, staff, f"/v1/cases/{case_id}/messages")),
        _sharing(gateway, staff, case_id),
    )
    case = overview["case"]
    timeline, risk = overview["timeline"], overview["risk_assessments"]
    careful = any(c["preferences"].get("careful") for c in case["complainants"])
    complainants = [
        {**c, "ways": contact_ways(c["preferences"]), "tasks": []} for c in case["complainants"]
    ]
    for message in messages or []:
        for complainant in complainants:
            if message.get("task") and message.get("person_id") == str(complainant["person_id"]):
                complainant["tasks"].append(message["task"])
    ordered = sorted(timeline, key=lambda e: str(e["at"]), reverse=True)
    return {
        "case": case,
        "allowed": set(case["allowed_commands"]),
        "careful": careful or case.get("priority_route") in ("domestic_abuse", "safeguarding"),
        "complainants": complainants,
        "timeline": ordered,
        "referral_news": [e for e in ordered if e["kind"] in REFERRAL_NEWS],
        "partner_news": [e for e in ordered if e["kind"] in PARTNER_NEWS],
        "risk": risk[-1] if risk else None,
        "risk_history": risk,
        "questions": [
            {**q, "options": [(a, str(a).capitalize(), "") for a in q["answers"]]}
            for q in overview["question_set"]["definition"]["questions"]
        ],
        "plans": overview["action_plans"],
        "contacts": overview["contacts"],
        "interventions": overview["interventions"],
        "evidence": overview["evidence"],
        "referrals": overview["referrals"],
        "corroboration": overview["corroboration_attempts"],
        "people": overview["people"],
        "trigger": overview["community_trigger"],
        "case_messages": messages,
        **sharing,
        "subject_contact_allowed": case.get("subject_contact") in ("agreed", "overridden"),
    }
