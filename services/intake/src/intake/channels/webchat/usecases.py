"""Finished webchats become reports, kept with the chat session's id: the same session posted
again gets the first answer back, never a second report."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.contracts.common import Channel
from asb_shared.usecase import UnitOfWork

from ...idempotency.keys import Replay, Retryable
from ...reports.links import ReporterLinks
from ...reports.schemas import ReportAccepted, ReportIn
from ...reports.usecases import AcceptReport, IssueOnce, issue_once
from .schemas import WebchatTranscriptIn
from .transcript import description_of


@dataclass(frozen=True)
class TakeTranscript:
    chat: WebchatTranscriptIn
    links: ReporterLinks
    retry: Retryable
    """Keyed by the chat session: one report per session however often it is posted."""


async def take_transcript(uow: UnitOfWork, command: TakeTranscript) -> ReportAccepted | Replay:
    """Make the report a finished chat describes (once per chat session)."""
    chat = command.chat
    report = ReportIn(
        organisation_id=chat.organisation_id,
        categories=chat.categories,
        description=description_of(chat.transcript),
        location=chat.location,
        occurred_at=chat.occurred_at or chat.transcript[0].at,
        anonymous=chat.anonymous,
        reporter=chat.reporter,
    )
    accept = AcceptReport(report, Channel.WEBCHAT, source_reference=f"webchat:{chat.session_id}")
    return await issue_once(uow, IssueOnce(accept, command.links, command.retry))
