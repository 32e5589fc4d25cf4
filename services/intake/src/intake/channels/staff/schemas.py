"""A report staff key in for a resident."""

from __future__ import annotations

from typing import Literal

from asb_shared.contracts.common import Channel

from ...reports.schemas import ReportContent


class StaffReportIn(ReportContent):
    """A report staff key in from a phone call, a letter or a visit."""

    channel: Literal[Channel.PHONE, Channel.LETTER, Channel.IN_PERSON]
