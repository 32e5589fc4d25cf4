"""The notifications service: every message to residents, staff and partners, and its status."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .api.messages import router as messages_router
from .handlers import handlers
from .settings import NotificationsSettings
from .worker import dispatcher

definition = ServiceDefinition(
    name="notifications",
    title="ASB notifications",
    description="Keeps everyone involved informed, by their agreed channel, with delivery status.",
    settings_cls=NotificationsSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[messages_router],
    handlers=handlers,
    worker_tasks=[dispatcher],
)
