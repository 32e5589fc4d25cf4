"""Message templates, in plain words a worried resident can act on."""

from __future__ import annotations

ACKNOWLEDGEMENT = "report_acknowledgement"


def acknowledgement(
    reference: str, name: str | None, *, joined_existing: bool = False
) -> tuple[str, str]:
    """Subject and body of the acknowledgement of a report: a case was opened for it, or it was
    added to the open case about the same problem."""
    subject = f"We have received your report {reference}"
    what = (
        "added it to the case we already have open about the same problem"
        if joined_existing
        else "opened a case for it"
    )
    body = (
        f"Hello {name or 'there'},\n\n"
        f"Thank you for telling us. We have received your report and {what}.\n\n"
        f"Your reference: {reference}\n\n"
        "An officer will contact you within one working day to talk it through and agree what "
        "happens next. Please quote your reference if you contact us.\n\n"
        "If you are in immediate danger, call 999. To report a crime that is not an emergency, "
        "call 101.\n\n"
        "Anti-social behaviour team\n"
    )
    return subject, body
