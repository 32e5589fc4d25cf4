"""A partner agency's referral of a person or a problem, taken as a report.

The partner gateway has checked the partner's agreement and the request; what the partner's
officer can be contacted about goes through the landlord's officer (the partner is not a
resident: no acknowledgement goes to them by the complainants' channels).
"""

from __future__ import annotations

from typing import Any

from asb_shared.contracts.common import Channel
from asb_shared.contracts.partner_gateway import PartnerReferralReceived
from asb_shared.messaging.consumer import PermanentError
from asb_shared.usecase import UnitOfWork
from pydantic import ValidationError

from ...reports.schemas import ReportContent
from ...reports.usecases import Accepted, AcceptReport, accept_report


def _report_of(event: PartnerReferralReceived, organisation_id: Any) -> ReportContent:
    """The referral as intake's report: the partner's officer as a reporter reached only
    through the landlord's officer; the people it is about as subjects."""
    return ReportContent.model_validate(
        {
            "channel": Channel.PARTNER,
            "organisation_id": organisation_id,
            "categories": event.categories,
            "description": event.description,
            "location": event.location.model_dump(exclude_none=True),
            "occurred_at": event.occurred_at or event.received_at,
            "people": [
                {"role": "subject", **p.model_dump(exclude_none=True)} for p in event.subjects
            ],
            "reporter": {
                "name": f"{event.referred_by} ({event.partner_name})"[:200],
                "preferences": {"only_through_officer": True},
            },
        }
    )


async def take_referral(uow: UnitOfWork, event: PartnerReferralReceived) -> Accepted:
    """Store the referral as a report (once: the consumer's inbox sees to that)."""
    try:
        report = _report_of(event, uow.envelope.organisation_id)
    except ValidationError as exc:
        # The gateway checks what partners send; what still does not fit waits for an operator.
        raise PermanentError(
            f"partner referral {event.referral_id} is not a report: {exc}"
        ) from exc
    return await accept_report(
        uow,
        AcceptReport(
            report,
            Channel.PARTNER,
            received_by=f"partner:{event.partner_name}"[:200],
            source_reference=f"partner-referral:{event.referral_id}",
        ),
    )
