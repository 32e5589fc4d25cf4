"""The partner gateway: what partner agencies may see and do, under their agreements."""

from pathlib import Path

from asb_shared.ratelimit.tasks import purge_rate_limits
from asb_shared.service import ServiceDefinition

from .actions.partner_router import router as actions_partner
from .agreements.router import router as agreements
from .audit.router import router as audit
from .conferences.partner_router import router as conferences_partner
from .conferences.router import router as conferences
from .credentials.router import router as credentials
from .credentials.router import token_router
from .events import handlers
from .mash_marac.partner_router import router as mash_marac_partner
from .partners.router import router as partners
from .protection.openapi import partner_docs
from .protection.tasks import purge_idempotency_keys
from .retention.task import audit_retention
from .settings import PartnerGatewaySettings
from .sharing.partner_router import router as sharing_partner
from .sharing.router import router as sharing
from .webhooks.delivery import dispatch_webhooks, paused_endpoints
from .webhooks.documented import described
from .webhooks.partner_router import router as webhooks_partner
from .webhooks.router import router as webhooks

PARTNER_ROUTERS = [
    token_router,
    sharing_partner,
    actions_partner,
    mash_marac_partner,
    conferences_partner,
    webhooks_partner,
]


definition = ServiceDefinition(
    name="partner-gateway",
    title="ASB partner gateway",
    description=(
        "Partner agencies work cases as their information sharing agreements allow. "
        "The partner API has its own document at /partner/v1/docs."
    ),
    settings_cls=PartnerGatewaySettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[
        partners,
        agreements,
        credentials,
        sharing,
        conferences,
        audit,
        webhooks,
        *PARTNER_ROUTERS,
        partner_docs(PARTNER_ROUTERS, webhooks=described()),
    ],
    handlers=handlers,
    worker_tasks=[dispatch_webhooks, purge_idempotency_keys, purge_rate_limits, audit_retention],
    worker_figures=[paused_endpoints],
)
