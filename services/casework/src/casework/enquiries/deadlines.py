"""When a councillor's or an MP's enquiry about a case must be answered, with no I/O.

An elected member's enquiry has its own response deadline (Stockport 4.24), in working days
from the day it was received, on the landlord's calendar: the landlord's policy sets one for
councillors and one for MPs. The standards clock warns a working day before and records the
breach, like every other standard.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from asb_shared.calendar import WorkingCalendar

from ..policy.settings import PolicySettings
from ..standards.policy import Deadline, deadline_after

ENQUIRY_TIMER = "enquiry_response"
"""The kind of the standards-clock timer of an enquiry (one per enquiry)."""


class Enquirer(StrEnum):
    """Who asks: the values are stored."""

    COUNCILLOR = "councillor"
    MP = "mp"


def response_working_days(enquirer: Enquirer | str, policy: PolicySettings) -> int:
    """The working days an enquiry from ``enquirer`` is answered within, under ``policy``."""
    if Enquirer(enquirer) is Enquirer.MP:
        return policy.enquiries.mp_working_days
    return policy.enquiries.councillor_working_days


def response_deadline(
    enquirer: Enquirer | str,
    received_at: datetime,
    policy: PolicySettings,
    calendar: WorkingCalendar,
) -> Deadline:
    """When the answer is due (and the warning comes) for an enquiry received at ``received_at``."""
    return deadline_after(received_at, response_working_days(enquirer, policy), calendar=calendar)
