"""Which reports this browser may follow: the tracking tokens kept in its server-side session.

The token never travels in a URL the server sees: the resident types it (or the site's small
script reads it from the private link's fragment and posts it), the site checks it with intake
and keeps it in the session, and every later call to intake carries it as ``X-Tracking-Token``.
"""

from __future__ import annotations

import re

from asb_shared.organisations import REPORT_REFERENCE

from ..site.sessions import Session

FOLLOW = "follow"
REFERENCE = re.compile(REPORT_REFERENCE)


def normalised_reference(value: str) -> str | None:
    found = " ".join(value.split()).upper().replace(" ", "")
    return found if REFERENCE.match(found) else None


def token_for(session: Session, reference: str) -> str | None:
    kept = session.get(FOLLOW) or {}
    token = kept.get(reference) if isinstance(kept, dict) else None
    return token if isinstance(token, str) else None


def keep(session: Session, reference: str, token: str) -> None:
    kept = dict(session.get(FOLLOW) or {})
    kept[reference] = token
    session[FOLLOW] = kept


def forget(session: Session, reference: str) -> None:
    kept = dict(session.get(FOLLOW) or {})
    if kept.pop(reference, None) is not None:
        session[FOLLOW] = kept
