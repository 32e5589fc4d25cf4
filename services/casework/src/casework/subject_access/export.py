"""The subject access export: one document of everything every service holds about the person,
as JSON and as a readable PDF (rendered as engagement renders its Positive Requirement Report,
:func:`asb_shared.pdf.render_pdf`). Before release it shows the fields naming someone
else for review; a released export withholds those the officer redacted."""

from __future__ import annotations

import json
from importlib.resources import files
from itertools import groupby
from typing import Any

from jinja2 import Environment, select_autoescape

from .usecases import RequestWithItems

_TEMPLATES = files("casework.subject_access") / "templates"
HTML = (_TEMPLATES / "subject_access.html").read_text(encoding="utf-8")
CSS = (_TEMPLATES / "subject_access.css").read_text(encoding="utf-8")
WITHHELD = "[withheld: another person's personal data]"

_ENV = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)


def document(found: RequestWithItems) -> dict[str, Any]:
    """The export as data: the request, and each item with its marks (redactions applied)."""
    request = found.request
    return {
        "request": {
            "id": str(request.id),
            "name": request.name,
            "received_on": request.received_on.isoformat(),
            "due_on": request.due_on.isoformat(),
            "contributed": list(request.contributed),
            "waiting_for": found.waiting_for,
            "complete": found.complete,
            "released_at": request.released_at.isoformat() if request.released_at else None,
            "released_by": request.released_by,
        },
        "items": [
            {
                "id": str(i.id),
                "source": i.source,
                "kind": i.kind,
                "reference": i.reference,
                "at": i.at.isoformat() if i.at else None,
                "data": {k: WITHHELD if k in i.redacted else v for k, v in i.data.items()},
                "names_someone_else": list(i.others),
                "reviewed": i.reviewed,
                "redacted": list(i.redacted),
            }
            for i in found.items
        ],
    }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1)


def html(found: RequestWithItems) -> str:
    """The export as HTML, for the PDF."""
    doc = document(found)
    items = [
        {
            **i,
            "others": i["names_someone_else"],
            "fields": [(k, _text(v)) for k, v in i["data"].items() if v not in (None, "", [], {})],
        }
        for i in doc["items"]
    ]
    sources = [(s, list(group)) for s, group in groupby(items, key=lambda i: i["source"])]
    return _ENV.from_string(HTML).render(
        request=doc["request"], sources=sources, released=bool(doc["request"]["released_at"])
    )
