"""The intake service: reports from every channel, and the reporter's view of their case."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .api.reports import router as reports_router
from .handlers import handlers
from .settings import IntakeSettings

definition = ServiceDefinition(
    name="intake",
    title="ASB intake",
    description="Residents report anti-social behaviour through any channel and follow their report.",
    settings_cls=IntakeSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[reports_router],
    handlers=handlers,
)
