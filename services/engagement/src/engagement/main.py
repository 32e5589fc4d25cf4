"""The engagement service: the Positive Engagement Service, from referral to outcome."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .assessments.router import router as assessments_router
from .budget.router import router as budget_router
from .clients.router import override_router
from .clients.router import router as clients_router
from .confidentiality.router import router as confidentiality_router
from .events import handlers
from .outcomes.router import router as outcomes_router
from .plans.clock import review_clock
from .plans.router import router as plans_router
from .referrals.router import router as referrals_router
from .reports.router import router as reports_router
from .requirements.router import router as requirements_router
from .retention.task import record_retention
from .settings import EngagementSettings

definition = ServiceDefinition(
    name="engagement",
    title="ASB positive engagement",
    description=(
        "Supports the people causing ASB to change their behaviour and keep their tenancy. "
        "Confidential: records are for Positive Engagement Officers; others see status and "
        "outcome only, and every read is audited."
    ),
    settings_cls=EngagementSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[
        referrals_router,
        clients_router,
        assessments_router,
        plans_router,
        requirements_router,
        reports_router,
        budget_router,
        outcomes_router,
        override_router,
        confidentiality_router,
    ],
    handlers=handlers,
    worker_tasks=[review_clock, record_retention],
)
