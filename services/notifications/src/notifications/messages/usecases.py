"""What to send, to whom, and when: the messages each event asks for.

A message is only queued here (status ``created``, with its due time); its channel is decided
and its text rendered when it is sent (:mod:`notifications.delivery`), from the latest contact
record, so an officer's later change wins also for messages already queued.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asb_shared import tracing
from asb_shared.anonymity import identified
from asb_shared.contact_rules import LONDON
from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseOpenedV2,
    CaseReviewProgressed,
    CommunityTriggerEligible,
    ContactPreferencesChanged,
    ContactRecord,
    ReportLinkedV2,
    StandardBreached,
    StandardWarning,
    UpdateShared,
)
from asb_shared.contracts.engagement import PlanReviewDue
from asb_shared.contracts.partner_gateway import WebhookEndpointPaused
from asb_shared.db import notify_once
from asb_shared.usecase import UnitOfWork
from sqlalchemy import bindparam, func, literal, select
from sqlalchemy.dialects.postgresql import insert

from ..contacts.store import (
    CASE_UPSERT,
    CONTACT_UPSERT,
    RecordCase,
    RecordContact,
    case_of,
    case_params,
    complainants,
    contact_params,
)
from ..contacts.usecases import record_case, record_contact
from ..templates.kinds import MessageKind
from .models import PEO_TEAM, TEAM_LEADERS, Message, RecipientType

MESSAGES_CHANNEL = "asb_messages"
"""NOTIFY channel that wakes the dispatchers when a message is queued."""


@dataclass(frozen=True)
class QueueMessage:
    kind: MessageKind
    recipient_type: RecipientType
    recipient: str
    values: dict[str, Any] = field(default_factory=dict)
    person_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None
    case_reference: str | None = None
    due_at: datetime | None = None
    source_event_id: uuid.UUID | None = None
    """Defaults to the event being handled."""
    organisation_id: uuid.UUID | None = None
    """Defaults to the event's organisation."""
    reference: str | None = None
    """The complainant's report reference, to find their messages by."""


_MESSAGE_COLUMNS = (
    "organisation_id",
    "source_event_id",
    "kind",
    "recipient_type",
    "recipient",
    "person_id",
    "case_id",
    "case_reference",
    "reference",
    "values",
    "due_at",
    "traceparent",
)
_MESSAGE_INSERT = (
    insert(Message)
    .values({c: bindparam(f"message_{c}") for c in _MESSAGE_COLUMNS})
    .on_conflict_do_nothing(index_elements=["source_event_id", "recipient", "kind"])
    .returning(Message.id)
)
"""Queues one message unless this (source event, recipient, kind) was queued before (returning
its id when it was queued), with :func:`_message_params`. Built once: it runs for every
message."""


def _message_params(uow: UnitOfWork, command: QueueMessage) -> dict[str, Any]:
    return {
        "message_organisation_id": command.organisation_id or uow.envelope.organisation_id,
        "message_source_event_id": command.source_event_id or uow.envelope.id,
        "message_kind": command.kind.value,
        "message_recipient_type": command.recipient_type.value,
        "message_recipient": command.recipient,
        "message_person_id": command.person_id,
        "message_case_id": command.case_id,
        "message_case_reference": command.case_reference,
        "message_reference": command.reference,
        "message_values": command.values,
        "message_due_at": command.due_at or uow.now(),
        "message_traceparent": tracing.traceparent(),
    }


async def queue_message(uow: UnitOfWork, command: QueueMessage) -> bool:
    """Queue one message; False if this (source event, recipient, kind) was queued before."""
    connection = await uow.session.connection()
    inserted = await connection.execute(_MESSAGE_INSERT, _message_params(uow, command))
    if inserted.first() is None:
        return False
    await notify_once(uow.session, MESSAGES_CHANNEL)
    return True


def _to_person(
    kind: MessageKind,
    case_id: uuid.UUID,
    case_reference: str,
    person_id: uuid.UUID,
    values: dict[str, Any] | None = None,
    reference: str | None = None,
) -> QueueMessage:
    return QueueMessage(
        kind,
        RecipientType.PERSON,
        str(person_id),
        values or {},
        person_id=person_id,
        case_id=case_id,
        case_reference=case_reference,
        reference=reference,
    )


# --- complainants -----------------------------------------------------------------------------


async def _acknowledge(
    uow: UnitOfWork,
    *,
    case: RecordCase,
    record: ContactRecord,
    joined_existing: bool,
) -> None:
    """Record the case and the complainant's contact record, and queue their acknowledgement:
    the three in one statement, as this runs for every report."""
    organisation = uow.envelope.organisation_id
    message = _to_person(
        MessageKind.ACKNOWLEDGEMENT,
        case.case_id,
        case.case_reference,
        record.person_id,
        {"joined_existing": joined_existing, "reference": record.report_reference},
        record.report_reference,
    )
    connection = await uow.session.connection()
    params = (
        case_params(organisation, case)
        | contact_params(organisation, RecordContact(case.case_id, record))
        | _message_params(uow, message)
    )
    await connection.execute(_ACKNOWLEDGE, params)


_queued = _MESSAGE_INSERT.cte("queued")
_ACKNOWLEDGE = select(_queued.c.id, func.pg_notify(literal(MESSAGES_CHANNEL), literal(""))).add_cte(
    CASE_UPSERT.cte("case_kept"), CONTACT_UPSERT.cte("contact_kept")
)
"""The case, the contact record and the message in one statement (with the three statements'
parameters), and the NOTIFY that wakes the dispatchers when the message was queued (nothing
when it had been queued before). PostgreSQL folds repeated notifications of one transaction
into one, and drops them with a savepoint rolled back, as :func:`notify_once` does."""


async def case_opened(uow: UnitOfWork, event: CaseOpenedV2) -> None:
    """Acknowledge the report that opened a case. Anonymous: nobody to write to, no record."""
    case = RecordCase(event.case_id, event.case_reference, event.route)
    record = identified(event.anonymous, event.complainant)
    if record is None:
        await record_case(uow, case)
        return
    if record.report_reference is None:
        record = record.model_copy(update={"report_reference": event.report_reference})
    await _acknowledge(uow, case=case, record=record, joined_existing=False)


async def report_linked(uow: UnitOfWork, event: ReportLinkedV2) -> None:
    """A further report joined an open case: its maker is a complainant too, acknowledged."""
    case = RecordCase(event.case_id, event.case_reference)
    record = identified(event.anonymous, event.complainant)
    if record is None:
        await record_case(uow, case)
        return
    if record.report_reference is None:
        record = record.model_copy(update={"report_reference": event.report_reference})
    await _acknowledge(uow, case=case, record=record, joined_existing=True)


async def contact_changed(uow: UnitOfWork, event: ContactPreferencesChanged) -> None:
    """An officer changed a complainant's contact record: it wins from now on (messages are
    decided when sent, so also for those already queued)."""
    await record_case(uow, RecordCase(event.case_id, event.case_reference))
    await record_contact(uow, RecordContact(event.case_id, event.complainant))


async def _to_complainants(
    uow: UnitOfWork,
    kind: MessageKind,
    case_id: uuid.UUID,
    case_reference: str,
    values: dict[str, Any],
    only: uuid.UUID | None = None,
) -> int:
    queued = 0
    for row in await complainants(uow.session, case_id):
        if only is not None and row.person_id != only:
            continue
        reference = row.record.get("report_reference")
        queued += await queue_message(
            uow, _to_person(kind, case_id, case_reference, row.person_id, values, reference)
        )
    return queued


async def case_assigned(uow: UnitOfWork, event: CaseAssigned) -> None:
    """Tell every complainant the name of their officer."""
    await record_case(
        uow,
        RecordCase(
            event.case_id,
            event.case_reference,
            officer_id=event.officer_id,
            officer_name=event.officer_name,
        ),
    )
    await _to_complainants(
        uow,
        MessageKind.OFFICER_ASSIGNED,
        event.case_id,
        event.case_reference,
        {"officer_name": event.officer_name},
    )


async def update_shared(uow: UnitOfWork, event: UpdateShared) -> None:
    """An update the officer recorded for the complainants (all, or one of them)."""
    await record_case(uow, RecordCase(event.case_id, event.case_reference))
    values: dict[str, Any] = {"update": event.text}
    if event.officer_name:
        values["officer_name"] = event.officer_name
    await _to_complainants(
        uow, MessageKind.UPDATE_SHARED, event.case_id, event.case_reference, values, event.person_id
    )


async def case_closed(uow: UnitOfWork, event: CaseClosedV2) -> None:
    """The closure and its outcome to every complainant; the survey follows (scheduled by the
    dispatcher when the closure message is first decided: when the landlord's policy says,
    carried on the event, else a set number of days later)."""
    await record_case(uow, RecordCase(event.case_id, event.case_reference))
    values: dict[str, Any] = {
        "outcome": event.outcome.replace("_", " "),
        "closed_at": event.closed_at.isoformat(),
    }
    if event.officer_name:
        values["officer_name"] = event.officer_name
    if event.survey_due_at is not None:
        values["survey_due_at"] = event.survey_due_at.isoformat()
    await _to_complainants(
        uow, MessageKind.CASE_CLOSED, event.case_id, event.case_reference, values
    )


async def community_trigger_eligible(uow: UnitOfWork, event: CommunityTriggerEligible) -> None:
    """Tell the complainant of their right to an ASB case review."""
    await record_case(uow, RecordCase(event.case_id, event.case_reference))
    await _to_complainants(
        uow,
        MessageKind.COMMUNITY_TRIGGER,
        event.case_id,
        event.case_reference,
        {"reports_counted": event.reports_counted},
        event.person_id,
    )


_REVIEW_STEPS = {
    "decision": MessageKind.CASE_REVIEW_DECISION,
    "outcome": MessageKind.CASE_REVIEW_OUTCOME,
    "appeal_received": MessageKind.CASE_REVIEW_APPEAL,
    "appeal_decision": MessageKind.CASE_REVIEW_APPEAL,
}


async def case_review_progressed(uow: UnitOfWork, event: CaseReviewProgressed) -> None:
    """Tell a case review's applicant of a step (the decision, the outcome, their appeal).

    The applicant's contact record is kept under the application (its id stands for the case
    and the person), so the message is decided like any other: their wishes, their language,
    or a task for the team leaders who run case reviews."""
    kind = _REVIEW_STEPS.get(event.step)
    if kind is None:
        return  # a step this version does not write about
    await record_contact(uow, RecordContact(event.application_id, event.applicant))
    values: dict[str, Any] = {"stage": event.step, "decision": event.decision, "text": event.text}
    if event.appeal_by is not None:
        values["appeal_by"] = f"{event.appeal_by.astimezone(LONDON):%d %b %Y}"
    if event.due_by is not None:
        values["due_by"] = f"{event.due_by.astimezone(LONDON):%d %b %Y}"
    await queue_message(
        uow,
        QueueMessage(
            kind,
            RecipientType.PERSON,
            str(event.applicant.person_id),
            values,
            person_id=event.applicant.person_id,
            case_id=event.application_id,
            case_reference=event.case_reference,
            reference=event.applicant.report_reference,
        ),
    )


# --- staff ------------------------------------------------------------------------------------

_STANDARD_WORDS = {
    "first_contact": "first contact with the complainant",
    "action_plan": "agreeing an action plan",
    "contact_frequency": "the agreed contact with the complainant",
    "case_update": "updating the complainant",
    "manager_review": "the monthly manager review",
    "risk_reassessment": "re-assessing the complainant's risk",
    "case_review_decision": "the decision on an ASB case review application",
    "case_review_meeting": "the ASB case review meeting",
    "case_review_outcome": "telling the applicant the case review's outcome",
    "case_review_appeal": "deciding an appeal about an ASB case review",
}


def _uk(at: datetime) -> str:
    return f"{at.astimezone(LONDON):%d %b %Y %H:%M}"


async def officer_of(uow: UnitOfWork, case_id: uuid.UUID | None) -> str:
    """The case's designated officer, or the team leaders while it has none."""
    case = await case_of(uow.session, case_id) if case_id is not None else None
    return case.officer_id if case is not None and case.officer_id else TEAM_LEADERS


async def standard_alert(uow: UnitOfWork, event: StandardWarning | StandardBreached) -> None:
    """Warn the officer before a standard breaches; on breach, the team leaders too."""
    kind = (
        MessageKind.STANDARD_WARNING
        if isinstance(event, StandardWarning)
        else MessageKind.STANDARD_BREACHED
    )
    values = {
        "case_reference": event.case_reference,
        "standard": _STANDARD_WORDS.get(event.kind, event.kind.replace("_", " ")),
        "due": _uk(event.due_at),
    }
    recipients = [event.officer_id or await officer_of(uow, event.case_id)]
    if kind is MessageKind.STANDARD_BREACHED:
        recipients.append(TEAM_LEADERS)
    for recipient in dict.fromkeys(recipients):
        await queue_message(
            uow,
            QueueMessage(
                kind,
                RecipientType.STAFF,
                recipient,
                values,
                case_id=event.case_id,
                case_reference=event.case_reference,
            ),
        )


async def plan_review_due(uow: UnitOfWork, event: PlanReviewDue) -> None:
    """Remind the Positive Engagement officer that a support plan review is due (in-app)."""
    await queue_message(
        uow,
        QueueMessage(
            MessageKind.PLAN_REVIEW_DUE,
            RecipientType.STAFF,
            event.peo_id or PEO_TEAM,
            {
                "client_reference": event.client_reference,
                "due": f"{event.due_at.astimezone(LONDON):%d %b %Y}",
                "stage": event.stage,
            },
        ),
    )


async def webhook_paused(uow: UnitOfWork, event: WebhookEndpointPaused) -> None:
    """Tell a partner agency's administrator that deliveries to their endpoint are paused."""
    await queue_message(
        uow,
        QueueMessage(
            MessageKind.WEBHOOK_PAUSED,
            RecipientType.MAILBOX,
            event.admin_email,
            {
                "partner_name": event.partner_name,
                "url": event.url,
                "failures": event.failures,
                "last_error": event.last_error,
                "paused_at": f"{event.paused_at.astimezone(LONDON):%d %b %Y %H:%M}",
            },
        ),
    )
