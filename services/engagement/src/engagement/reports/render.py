"""Turning a client's record into the Positive Requirement Report: HTML from a template staff
can change, then a PDF (:func:`asb_shared.pdf.render_pdf`, shared with casework's court
bundle). No database here.

Staff-written templates are untrusted: they run in the bounded sandbox of
:mod:`asb_shared.templating` (a renderer process, with budgets on work, size and output and a
wall clock, never on the event loop) with escaping on and every name required to exist (a typo
fails when the template is saved, not in front of a court), and the PDF renderer fetches
nothing: no file, no URL, so a template cannot read the server's disk.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files
from typing import Any

from asb_shared import templating
from asb_shared.templating import HTML, Limits

_TEMPLATES = files("engagement.reports") / "templates"
DEFAULT_HTML = (_TEMPLATES / "positive_requirement_report.html").read_text(encoding="utf-8")
DEFAULT_CSS = (_TEMPLATES / "positive_requirement_report.css").read_text(encoding="utf-8")
DEFAULT_TEMPLATE_VERSION = 0

LIMITS = Limits(size=500_000, output=1_000_000)
"""A report runs to a few pages (a section may be a macro's long result); a million characters
of HTML is far more than any needs."""


class TemplateProblem(ValueError):
    """The template cannot be compiled or does not render the sample record."""


async def render_html(template: str, context: dict[str, Any]) -> str:
    """The report's HTML (raises :class:`TemplateProblem` saying why it cannot be made)."""
    try:
        out = await templating.render({"html": template}, context, style=HTML, limits=LIMITS)
    except templating.TemplateProblem as problem:
        raise TemplateProblem(problem.message) from problem
    return out["html"]


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


SAMPLE_CONTEXT: dict[str, Any] = {
    "organisation": "Sample Homes",
    "client": {
        "name": "A. Client",
        "reference": "ENG-2026-000001",
        "peo_name": "P. Officer",
        "engaged_on": "2026-01-05",
        "status_text": "engaged",
        "contact_level": "weekly visits",
        "contact_every_days": 7,
    },
    "cases": [
        {"case_id": "00000000-0000-0000-0000-000000000000", "case_reference": "CASE-2026-000001"}
    ],
    "engagement": [{"effective_on": "2026-01-05", "text": "consent given"}],
    "consents": [],
    "activities": {"one_to_one": 3, "accompanied_appointment": 1, "specialist_referral": 1},
    "assessment": {
        "number": 1,
        "assessed_at": "2026-01-06",
        "assessed_by": "P. Officer",
        "areas": [{"label": "Alcohol", "score": 4, "need": "high", "note": ""}],
    },
    "plan": {
        "number": 1,
        "review_every_days": 28,
        "next_review_on": "2026-02-02",
        "goals": [
            {
                "title": "Reduce drinking",
                "actions": [
                    {
                        "description": "Attend the alcohol service",
                        "owner": "client",
                        "due_on": "2026-01-20",
                        "done_on": None,
                    }
                ],
            }
        ],
    },
    "orders": [
        {
            "kind_text": "Civil injunction",
            "court": "Stockport County Court",
            "made_on": "2026-01-10",
            "requirements": [
                {
                    "description": "Attend the drug service weekly",
                    "compliance": [1],
                    "compliance_rate": 1.0,
                    "latest": "complied",
                }
            ],
        }
    ],
    "recommendation": "Continue the positive requirement.",
    "report": {
        "number": 1,
        "generated_at": "2026-01-30 10:00",
        "generated_by": "P. Officer",
        "template_version": 0,
    },
}


async def check_template(html: str) -> None:
    """Raise :class:`TemplateProblem` unless the template renders the sample record."""
    await render_html(html, SAMPLE_CONTEXT)
