"""The intake service: reports from every channel, and the reporter's view of their case.

One package per thing intake owns: ``reports`` (a report and how it is taken), ``reporter``
(what the reporter sees and adds later), ``channels`` (email, webchat, staff-keyed), ``open311``,
``evidence``, ``case_reviews``, and the request guards ``idempotency`` and ``ratelimit``.
"""

from pathlib import Path

from asb_shared.openapi import HeaderCredential
from asb_shared.ratelimit.tasks import purge_rate_limits
from asb_shared.service import ServiceDefinition

from .case_reviews.router import router as case_reviews_router
from .channels.email.router import router as inbound_mail_router
from .channels.email.smtp import email_listener
from .channels.staff.router import router as staff_router
from .channels.webchat.router import router as webchat_router
from .events import handlers
from .evidence.router import router as evidence_router
from .evidence.router import staff_router as staff_evidence_router
from .idempotency.purge import purge_expired_keys
from .open311.router import router as open311_router
from .reporter.router import router as reporter_router
from .reports.router import router as reports_router
from .retention.task import evidence_erasure, tracking_secret_retention
from .settings import IntakeSettings

definition = ServiceDefinition(
    name="intake",
    title="ASB intake",
    description="Residents report anti-social behaviour through any channel and follow their report.",
    settings_cls=IntakeSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[
        reports_router,
        reporter_router,
        staff_router,
        webchat_router,
        case_reviews_router,
        open311_router,
        evidence_router,
        staff_evidence_router,
        inbound_mail_router,
    ],
    handlers=handlers,
    worker_tasks=[
        email_listener,
        purge_expired_keys,
        purge_rate_limits,
        evidence_erasure,
        tracking_secret_retention,
    ],
    upload_paths=[r"/v1/reports/[^/]+/evidence", r"/open311/v2/requests\.[^/]+"],
    header_credentials=[
        HeaderCredential.api_key(
            "X-Tracking-Token",
            "trackingToken",
            "The secret tracking token a reporter was given with their report's reference: "
            "it opens that report only.",
        ),
        HeaderCredential.api_key(
            "X-Api-Key", "webchatKey", "The chat widget back end's key (WEBCHAT_API_KEY)."
        ),
    ],
)
