"""The engagement service: the Positive Engagement Service's referrals, clients and plans."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .api.referrals import router as referrals_router
from .handlers import handlers
from .settings import EngagementSettings

definition = ServiceDefinition(
    name="engagement",
    title="ASB positive engagement",
    description="Supports the people causing ASB to change their behaviour and keep their tenancy.",
    settings_cls=EngagementSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[referrals_router],
    handlers=handlers,
)
