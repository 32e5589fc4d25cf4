"""Every table of intake, on its one metadata: what the migrations are written from.

Each table is declared beside the feature that owns it; this module only gathers them, so that
importing it (Alembic's env, the migration check) registers them all.
"""

from __future__ import annotations

from asb_shared.ratelimit import rate_limit_table
from asb_shared.retention_schedules import retention_metadata as retention_metadata

from .case_reviews.models import CaseReviewApplication
from .channels.email.models import InboundMail
from .db import Base
from .evidence.models import EvidenceRead
from .idempotency.models import IdempotencyKey
from .reporter.models import InAppMessage, ReporterUpdate, SurveyResponse
from .reports.models import (
    EvidenceFile,
    Followup,
    Report,
    ReportStatus,
    report_reference_seq,
)
from .retention.models import EvidenceErasure

rate_limits = rate_limit_table(Base.metadata)
"""The public endpoints' rate limit counts (asb_shared.ratelimit), shared by the API processes."""

__all__ = [
    "Base",
    "CaseReviewApplication",
    "EvidenceErasure",
    "EvidenceFile",
    "EvidenceRead",
    "Followup",
    "IdempotencyKey",
    "InAppMessage",
    "InboundMail",
    "Report",
    "ReportStatus",
    "ReporterUpdate",
    "SurveyResponse",
    "rate_limits",
    "report_reference_seq",
]
