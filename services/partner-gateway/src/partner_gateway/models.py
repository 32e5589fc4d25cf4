"""Every table of the partner gateway, gathered for migrations; each lives with its feature."""

from __future__ import annotations

from asb_shared.ratelimit import rate_limit_table
from asb_shared.retention_schedules import retention_metadata as retention_metadata

from .actions.models import PartnerUpdate
from .agreements.models import Agreement
from .audit.models import AuditEntry
from .conferences.models import Conference, ConferenceAction, ConferenceInvitation
from .credentials.models import ClientSecret, PartnerClient
from .db import Base
from .idempotency.models import IdempotencyKey
from .mash_marac.models import SafeguardingReferral
from .partners.models import Partner
from .sharing.models import CaseProjection, CaseShare
from .webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

rate_limits = rate_limit_table(Base.metadata)
"""The token endpoint's and the partners' rate limit counts (asb_shared.ratelimit), shared by
the API processes."""

__all__ = [
    "Agreement",
    "AuditEntry",
    "Base",
    "CaseProjection",
    "CaseShare",
    "ClientSecret",
    "Conference",
    "ConferenceAction",
    "ConferenceInvitation",
    "IdempotencyKey",
    "Partner",
    "PartnerClient",
    "PartnerUpdate",
    "SafeguardingReferral",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "rate_limits",
]
