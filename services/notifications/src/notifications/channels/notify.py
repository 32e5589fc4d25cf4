"""SMS and letters through GOV.UK Notify, with its official Python client.

The client is synchronous (requests): each call runs in a worker thread, on a client of its
own (the client is not thread-safe). Every notification carries the message's own id as its
``reference``, so a retry after a crash first asks Notify whether it already has it.
"""

from __future__ import annotations

import asyncio
import io
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from ..settings import NotificationsSettings
from .letters import letter_pdf
from .outcome import Accepted, Outcome, Permanent, Temporary

UNKNOWN_TO_NOTIFY = "unknown-to-notify"
"""Not one of Notify's statuses: what :meth:`NotifyChannel.status_of` says when Notify answers
404 for a notification it accepted."""

_FAILED = {"permanent-failure", "temporary-failure", "technical-failure", "validation-failed"}


def _error(exc: HTTPError) -> str:
    message = exc.message
    if isinstance(message, list):
        message = "; ".join(
            f"{e.get('error', '')}: {e.get('message', '')}" for e in message if isinstance(e, dict)
        )
    return f"Notify {exc.status_code}: {message}"


class NotifyChannel:
    def __init__(self, settings: NotificationsSettings) -> None:
        self.settings = settings

    def _client(self) -> NotificationsAPIClient:
        key = self.settings.notify_api_key
        assert key is not None
        # The official client is untyped: its calls are marked below, and its answers are
        # read as plain JSON.
        return NotificationsAPIClient(  # type: ignore[no-untyped-call]
            key.get_secret_value(),
            base_url=self.settings.notify_base_url,
            timeout=self.settings.notify_timeout_seconds,
        )

    async def _call(self, action: Callable[[NotificationsAPIClient], Any]) -> Outcome:
        if self.settings.notify_api_key is None:
            return Permanent("GOV.UK Notify is not configured (NOTIFY_API_KEY)")

        def run() -> Any:
            return action(self._client())

        try:
            response = await asyncio.to_thread(run)
        except HTTPError as exc:
            # 400: the number or the letter is invalid, retrying cannot help. 429 (rate
            # limit), 5xx and no answer at all (the client reports 503): try again later.
            # 403 (a key revoked or mistyped) is retried too: it is ours to fix, not the
            # person's, and the last attempt alerts the officer.
            if exc.status_code == 400:
                return Permanent(_error(exc))
            return Temporary(_error(exc))
        except Exception as exc:  # the client's own failures (bad response body...)
            return Temporary(f"Notify: {type(exc).__name__}: {exc}")
        return Accepted(str(response["id"]), final=False)

    async def already_sent(self, message: uuid.UUID) -> str | None:
        """The id of a live notification Notify already holds for this message, if any."""
        if self.settings.notify_api_key is None:
            return None

        def run() -> Any:
            return self._client().get_all_notifications(reference=str(message))  # type: ignore[no-untyped-call]

        try:
            found = await asyncio.to_thread(run)
        except Exception:
            return None
        for notification in found.get("notifications", []):
            if notification.get("status") not in _FAILED:
                return str(notification["id"])
        return None

    async def status_of(self, provider_id: str) -> str | None:
        """Notify's status for one of its notifications: ``delivered``, ``sending``...;
        :data:`UNKNOWN_TO_NOTIFY` if it holds no such notification (it keeps them for 7 days);
        None if it could not be asked now."""
        if self.settings.notify_api_key is None:
            return None

        def run() -> Any:
            return self._client().get_notification_by_id(provider_id)  # type: ignore[no-untyped-call]

        try:
            found = await asyncio.to_thread(run)
        except HTTPError as exc:
            return UNKNOWN_TO_NOTIFY if exc.status_code == 404 else None
        except Exception:
            return None
        status = found.get("status") if isinstance(found, dict) else None
        return str(status) if status else None

    async def send_sms(self, message: uuid.UUID, phone: str, body: str) -> Outcome:
        template = self.settings.notify_sms_template_id
        return await self._call(
            lambda client: client.send_sms_notification(  # type: ignore[no-untyped-call]
                phone_number=phone,
                template_id=template,
                personalisation={"body": body},
                reference=str(message),
            )
        )

    async def send_letter(
        self,
        message: uuid.UUID,
        address: str,
        subject: str,
        body: str,
        *,
        on: date,
        large_print: bool,
    ) -> Outcome:
        pdf = letter_pdf(address, subject, body, on=on, large_print=large_print)
        postage = self.settings.notify_letter_postage
        return await self._call(
            lambda client: client.send_precompiled_letter_notification(  # type: ignore[no-untyped-call]
                reference=str(message), pdf_file=io.BytesIO(pdf), postage=postage
            )
        )
