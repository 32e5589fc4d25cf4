"""The notifications service: every message to residents and staff, the contact rules that
keep people safe, and each message's delivery status."""

from pathlib import Path

from asb_shared.openapi import HeaderCredential
from asb_shared.service import ServiceDefinition

from .delivery.router import router as delivery_router
from .events import handlers
from .messages.router import router as messages_router
from .models import load_all
from .retention.task import message_retention
from .scheduling.dispatcher import dispatcher
from .scheduling.status_checker import status_checker
from .settings import NotificationsSettings
from .templates.router import router as templates_router

load_all()

definition = ServiceDefinition(
    name="notifications",
    title="ASB notifications",
    description=(
        "Keeps everyone involved informed, by a channel that is safe for them, at a safe time, "
        "with delivery status and the reason for every channel decision."
    ),
    settings_cls=NotificationsSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[messages_router, templates_router, delivery_router],
    handlers=handlers,
    worker_tasks=[dispatcher, status_checker, message_retention],
    header_credentials=[
        HeaderCredential.bearer(
            "notifyCallback",
            "The bearer token set in GOV.UK Notify for its delivery-status callbacks "
            "(NOTIFY_CALLBACK_TOKEN).",
        )
    ],
)
