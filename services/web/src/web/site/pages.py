"""Rendering a page: one Jinja environment, and what every page's template is given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .i18n import MESSAGES, language_of, translate
from .landlords import Landlord
from .sessions import Session

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(
    request: Request,
    template: str,
    *,
    status: int = 200,
    session: Session | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page in the visitor's language, for the request's landlord (if it has one)."""
    lang = language_of(request)
    landlord: Landlord | None = getattr(request.state, "landlord", None)
    settings = request.app.state.settings
    page = environment.get_template(template).render(
        request=request,
        lang=lang,
        t=lambda key, **values: translate(lang, key, **values),
        landlord=landlord,
        csrf_token=session.csrf_token() if session is not None else "",
        exit_url=settings.exit_url,
        path=request.url.path,
        messages=MESSAGES,
        errors=context.pop("errors", []),
        **context,
    )
    return HTMLResponse(page, status_code=status)
