"""Which closed cases a team leader calls back, with no I/O.

NPH's team leaders call back a random sample of complainants after closure to check the
service they had. The landlord's policy sets the share (``call_backs.sample_percent``). The
draw is made from the case's id (its SHA-256 read as a number from 0 to 99), so it is as good as
random across cases, yet anyone can check afterwards why a case was or was not sampled, and
closing a case twice never draws it twice. A complainant who reported anonymously is never
called back.
"""

from __future__ import annotations

import hashlib
import uuid
from enum import StrEnum


class CallBackResult(StrEnum):
    """What came of a call-back; the values are stored."""

    SATISFIED = "satisfied"
    DISSATISFIED = "dissatisfied"
    NO_ANSWER = "no_answer"
    DECLINED = "declined"


def draw(case_id: uuid.UUID) -> int:
    """The case's draw, 0 to 99."""
    return int.from_bytes(hashlib.sha256(case_id.bytes).digest()[:8], "big") % 100


def sampled(case_id: uuid.UUID, sample_percent: int, may_contact: bool) -> bool:
    """Whether a case just closed is called back: its draw falls within the policy's share,
    and its complainant may be contacted."""
    if not 0 <= sample_percent <= 100:
        raise ValueError(f"a share is 0 to 100 percent, got {sample_percent}")
    return may_contact and draw(case_id) < sample_percent
