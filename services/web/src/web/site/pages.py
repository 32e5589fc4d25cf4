"""Rendering a page: one Jinja environment, and what every page's template is given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .i18n import MESSAGES, language_of, translate
from .landlords import Landlord
from .sessions import Session

Translate = Callable[..., str]
UK = ZoneInfo("Europe/London")

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _label(prefix: str) -> Callable[[str, Translate], str]:
    def label(value: str, t: Translate) -> str:
        key = f"{prefix}.{value}"
        return t(key) if key in MESSAGES else value

    return label


def _option(prefix: str) -> Callable[[str, Translate], tuple[str, str, str]]:
    label = _label(prefix)

    def option(value: str, t: Translate) -> tuple[str, str, str]:
        hint = f"{prefix}.{value}.hint"
        return value, label(value, t), t(hint) if hint in MESSAGES else ""

    return option


def _risk_text(question: dict[str, Any], t: Translate) -> str:
    """A risk question in the visitor's language: the catalogue's words for the questions it
    knows, the landlord's own words otherwise."""
    key = f"risk.q.{question['id']}"
    return t(key) if key in MESSAGES else str(question["text"])


def _date_text(parts: dict[str, str], lang: str) -> str:
    try:
        day = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except (KeyError, ValueError):
        return ""
    months = MONTHS_CY if lang == "cy" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


MONTHS_EN = (
    "January February March April May June July August September October November December".split()
)
MONTHS_CY = (
    "Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr".split()
)

for _kind in ("category", "channel", "day", "need", "answer"):
    environment.filters[f"{_kind}_label"] = _label(_kind)
    environment.filters[f"{_kind}_option"] = _option(_kind)
environment.filters["risk_text"] = _risk_text
environment.filters["date_text"] = _date_text


def _when(value: str | datetime, lang: str) -> str:
    """An instant from an API, as a day in the UK: "3 December 2026"."""
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    day = instant.astimezone(UK)
    months = MONTHS_CY if lang == "cy" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


environment.filters["when"] = _when


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


def site_address(request: Request) -> str:
    """The site's address as residents reach it, without a trailing slash."""
    configured: str = request.app.state.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")
