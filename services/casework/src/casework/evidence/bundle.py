"""The court bundle of a case as HTML, with no I/O: an index of the evidence, each item with
its SHA-256 taken at receipt (so the court can check every file it is given against it), and
the case's timeline of what was done and when. :func:`asb_shared.pdf.render_pdf` makes the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import jinja2
from asb_shared.calendar import LONDON

LEFT_OUT = frozenset({"standard_warning", "court_bundle"})
"""Timeline entries that are about the record rather than the case: not in the bundle."""


@dataclass(frozen=True)
class BundleItem:
    number: int
    kind: str
    origin: str
    description: str
    added_by: str
    added_at: datetime
    sha256: str
    size: int | None
    content_type: str | None


@dataclass(frozen=True)
class BundleEntry:
    at: datetime
    actor: str
    kind: str
    summary: str


@dataclass(frozen=True)
class Bundle:
    organisation: str
    case_reference: str
    categories: Sequence[str]
    opened_at: datetime
    status: str
    made_by: str
    made_at: datetime
    items: Sequence[BundleItem]
    timeline: Sequence[BundleEntry]


def relevant(kind: str) -> bool:
    """Whether a timeline entry of ``kind`` goes into the bundle."""
    return kind not in LEFT_OUT


def _when(at: datetime) -> str:
    return at.astimezone(LONDON).strftime("%d %b %Y %H:%M")


_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_ENV.filters["when"] = _when

_TEMPLATE = _ENV.from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Court bundle {{ b.case_reference }}</title></head>
<body>
<h1>Court bundle: case {{ b.case_reference }}</h1>
<p>{{ b.organisation }}. Categories: {{ b.categories | join(", ") }}. Opened {{ b.opened_at | when }};
status {{ b.status }}. Bundle made by {{ b.made_by }} on {{ b.made_at | when }} (London time).</p>
<h2>Index of evidence</h2>
{% if b.items %}
<table class="index">
<thead><tr><th>No.</th><th>Kind</th><th>Description</th><th>From</th><th>Added</th><th>Size</th></tr></thead>
<tbody>
{% for i in b.items %}
<tr><td>{{ i.number }}</td><td>{{ i.kind }}</td><td>{{ i.description }}</td><td>{{ i.origin }}</td>
<td>{{ i.added_at | when }} by {{ i.added_by }}</td>
<td>{{ i.size if i.size is not none else "" }}</td></tr>
<tr class="hash"><td></td><td colspan="5">SHA-256 <span class="sha">{{ i.sha256 }}</span></td></tr>
{% endfor %}
</tbody></table>
{% else %}<p>No evidence is registered.</p>{% endif %}
<h2>Timeline</h2>
<table class="timeline">
<thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead>
<tbody>
{% for e in b.timeline %}<tr><td>{{ e.at | when }}</td><td>{{ e.actor }}</td><td>{{ e.summary }}</td></tr>
{% endfor %}
</tbody></table>
</body></html>
"""
)

CSS = """
@page { size: A4; margin: 16mm 14mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
body { font-family: sans-serif; font-size: 9pt; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 14pt; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 2pt 3pt; border-bottom: 0.5pt solid #999; }
tr.hash td { border-bottom: 0.8pt solid #333; }
.sha { font-family: monospace; font-size: 7.5pt; white-space: nowrap; }
"""


def bundle_html(bundle: Bundle) -> str:
    """The bundle's HTML (every value escaped)."""
    return _TEMPLATE.render(b=bundle)
