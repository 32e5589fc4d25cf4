"""The intake service: reports from every channel, and the reporter's view of their case."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .api.case_reviews import router as case_reviews_router
from .api.channels import router as channels_router
from .api.evidence import inbound_mail_router
from .api.evidence import router as evidence_router
from .api.open311 import router as open311_router
from .api.reports import router as reports_router
from .email_channel import email_listener
from .handlers import handlers
from .idempotency import purge_expired_keys
from .settings import IntakeSettings

definition = ServiceDefinition(
    name="intake",
    title="ASB intake",
    description="Residents report anti-social behaviour through any channel and follow their report.",
    settings_cls=IntakeSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[
        reports_router,
        channels_router,
        case_reviews_router,
        open311_router,
        evidence_router,
        inbound_mail_router,
    ],
    handlers=handlers,
    worker_tasks=[email_listener, purge_expired_keys],
    upload_paths=[r"/v1/reports/[^/]+/evidence"],
)
