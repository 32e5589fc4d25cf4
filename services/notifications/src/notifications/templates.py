"""Message templates, in plain words a worried resident can act on."""

from __future__ import annotations

from asb_shared.contracts import CaseOpened

ACKNOWLEDGEMENT = "report_acknowledgement"


def acknowledgement(event: CaseOpened) -> tuple[str, str]:
    """Subject and body of the acknowledgement sent when a case is opened for a report."""
    name = event.complainant.name if event.complainant and event.complainant.name else "there"
    subject = f"We have received your report {event.report_reference}"
    body = (
        f"Hello {name},\n\n"
        f"Thank you for telling us. We have received your report and opened a case for it.\n\n"
        f"Your reference: {event.report_reference}\n\n"
        "An officer will contact you within one working day to talk it through and agree what "
        "happens next. Please quote your reference if you contact us.\n\n"
        "If you are in immediate danger, call 999. To report a crime that is not an emergency, "
        "call 101.\n\n"
        "Anti-social behaviour team\n"
    )
    return subject, body
