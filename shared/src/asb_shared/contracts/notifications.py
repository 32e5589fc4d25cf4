"""The events notifications publishes: what became of each message."""

from __future__ import annotations

import uuid
from datetime import datetime

from ..messaging.envelope import Event
from .common import ContactChannel, SubjectAccessContribution


class MessageDelivered(Event):
    """A message was accepted by its channel's provider."""

    event_type = "notifications.message.delivered"

    message_id: uuid.UUID
    channel: ContactChannel
    template: str
    case_id: uuid.UUID | None = None
    delivered_at: datetime


class MessageFailed(Event):
    """A message could not be delivered after its last attempt."""

    event_type = "notifications.message.failed"

    message_id: uuid.UUID
    channel: ContactChannel
    template: str
    case_id: uuid.UUID | None = None
    error: str


class InAppMessagePosted(Event):
    """A message for a reporter's own status view (the in-app channel)."""

    event_type = "notifications.in_app.posted"

    message_id: uuid.UUID
    report_reference: str
    case_id: uuid.UUID | None = None
    subject: str
    body: str
    posted_at: datetime


class ContactWithheld(Event):
    """A message was not sent to a person because no allowed channel could reach them safely;
    their officer was given a task instead. Goes on the case's timeline."""

    event_type = "notifications.contact.withheld"

    message_id: uuid.UUID
    case_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None
    template: str
    reason: str
    task: str


class NotificationsSubjectAccessContributed(SubjectAccessContribution):
    event_type = "notifications.subject_access.contributed"
