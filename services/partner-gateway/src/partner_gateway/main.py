"""The partner gateway: what partner agencies may see and do, under their agreements."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .api.shared_cases import router as shared_cases_router
from .handlers import handlers
from .settings import PartnerGatewaySettings

definition = ServiceDefinition(
    name="partner-gateway",
    title="ASB partner gateway",
    description="Partner agencies share cases as their information sharing agreements allow.",
    settings_cls=PartnerGatewaySettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[shared_cases_router],
    handlers=handlers,
)
