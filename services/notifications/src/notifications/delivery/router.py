"""GOV.UK Notify's delivery-status callbacks."""

from __future__ import annotations

import hmac
from typing import Annotated

from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.service import WorkDep, settings_dependency
from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel, ConfigDict, Field

from ..settings import NotificationsSettings
from .policy import policy_of
from .usecases import NotifyStatus, record_notify_status

router = APIRouter(tags=["delivery"], responses={401: {"model": ErrorResponse}})

Settings = Annotated[NotificationsSettings, Depends(settings_dependency(NotificationsSettings))]


class NotifyCallback(BaseModel):
    """The body Notify posts for each status change (fields not listed are ignored)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(max_length=100, pattern=r"^[A-Za-z0-9-]+$")
    reference: str | None = Field(None, max_length=100)
    status: str = Field(max_length=40, pattern=r"^[a-z-]+$")
    notification_type: str | None = Field(None, max_length=20)


@router.post("/v1/notify/callbacks", status_code=204, responses={404: {"model": ErrorResponse}})
async def notify_callback(
    body: NotifyCallback,
    settings: Settings,
    work: WorkDep,
    authorization: Annotated[str, Header(max_length=500)] = "",
) -> None:
    """Record a delivery status; Notify signs each call with the bearer token set for it."""
    expected = settings.notify_callback_token
    scheme, _, token = authorization.partition(" ")
    if (
        expected is None
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(token.encode(), expected.get_secret_value().encode())
    ):
        raise ApiError(401, "unauthorized", "Unknown callback token.")
    async with work() as uow:
        found = await record_notify_status(
            uow, NotifyStatus(body.id, body.reference, body.status, policy_of(settings))
        )
    if not found:
        raise ApiError(404, "not_found", "No message matches this notification.")
