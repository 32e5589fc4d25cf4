"""Every table of intake, on its one metadata: what the migrations are written from.

Each table is declared beside the feature that owns it; this module only gathers them, so that
importing it (Alembic's env, the migration check) registers them all.
"""

from __future__ import annotations

from .case_reviews.models import CaseReviewApplication
from .channels.email.models import InboundMail
from .db import Base
from .evidence.models import EvidenceFile
from .idempotency.models import IdempotencyKey
from .reporter.models import (
    Followup,
    InAppMessage,
    ReporterUpdate,
    ReportStatus,
    SurveyResponse,
)
from .reports.models import Report, report_reference_seq

__all__ = [
    "Base",
    "CaseReviewApplication",
    "EvidenceFile",
    "Followup",
    "IdempotencyKey",
    "InAppMessage",
    "InboundMail",
    "Report",
    "ReportStatus",
    "ReporterUpdate",
    "SurveyResponse",
    "report_reference_seq",
]
