"""Sends a claimed message by its channel."""

from __future__ import annotations

from datetime import datetime

from asb_shared.contact_rules import LONDON
from asb_shared.contracts.common import ContactChannel

from ..channels.email import EmailChannel
from ..channels.notify import NotifyChannel
from ..channels.outcome import Accepted, Outcome, Permanent
from ..delivery.usecases import Claimed
from ..settings import NotificationsSettings


class Senders:
    def __init__(self, settings: NotificationsSettings) -> None:
        self.email = EmailChannel(settings)
        self.notify = NotifyChannel(settings)

    async def close(self) -> None:
        """Ends the email session kept open between messages."""
        await self.email.close()

    async def send(self, message: Claimed, now: datetime) -> Outcome:
        if message.channel is ContactChannel.EMAIL:
            return await self.email.send(message.id, message.address, message.subject, message.body)
        if message.channel in (ContactChannel.SMS, ContactChannel.LETTER) and message.attempt > 1:
            # An earlier attempt may have reached Notify before its dispatcher stopped.
            existing = await self.notify.already_sent(message.id)
            if existing is not None:
                return Accepted(existing, final=False)
        if message.channel is ContactChannel.SMS:
            return await self.notify.send_sms(message.id, message.address, message.body)
        if message.channel is ContactChannel.LETTER:
            return await self.notify.send_letter(
                message.id,
                message.address,
                message.subject,
                message.body,
                on=now.astimezone(LONDON).date(),
                large_print=message.large_print,
            )
        return Permanent(f"no sender for the {message.channel.value} channel")
