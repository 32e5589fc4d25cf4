"""Rendering a console page: the site's Jinja environment (its filters and macros), and what
every console template is given: the signed-in member of staff, the navigation their roles may
use, the form token, the errors of a form, and the chrome's language (``chrome_lang``, ``ct``:
English or Welsh, the toggle's choice; the pages' own words are English).

Console templates extend ``console/layout.html`` and fill its ``title`` and ``content`` blocks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.routing import Route

from ..site.i18n import MESSAGES, Lang, language_of, translate
from ..site.pages import environment
from .navigation import PAGES, Link, navigation
from .sessions import StaffSession
from .staff import StaffUser


def paths_of(routers: Iterable[APIRouter]) -> frozenset[str]:
    """The paths the routers answer."""
    return frozenset(r.path for router in routers for r in router.routes if isinstance(r, Route))


def served_paths(request: Request) -> frozenset[str]:
    """The paths the console answers (the navigation offers only those)."""
    found: frozenset[str] = getattr(request.app.state, "served_paths", frozenset())
    return found


def staff_session(request: Request) -> StaffSession | None:
    found = getattr(request.state, "staff_session", None)
    return found if isinstance(found, StaffSession) else None


def in_language(links: Sequence[Link], lang: Lang) -> list[Link]:
    """The navigation's labels in ``lang`` (a page with no Welsh label yet keeps its own)."""
    keys = {item.href: f"console.nav.{item.key}" for item in PAGES}
    return [
        dataclasses.replace(link, label=translate(lang, keys[link.href]))
        if keys.get(link.href) in MESSAGES
        else link
        for link in links
    ]


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """A console page for the request's member of staff (or nobody, on the signed-out pages)."""
    staff = getattr(request.state, "staff", None)
    staff = staff if isinstance(staff, StaffUser) else None
    session = staff_session(request)
    chrome = language_of(request)
    nav = navigation(staff.roles, served_paths(request), request.url.path) if staff else []
    page = environment.get_template(template).render(
        request=request,
        staff=staff,
        nav=in_language(nav, chrome),
        csrf_token=session.csrf_token() if session is not None and staff is not None else "",
        path=request.url.path,
        # The site's macros and words, in English (the pages' own words are English); the
        # chrome (layout.html) in the language chosen.
        lang="en",
        t=lambda key, **values: translate("en", key, **values),
        chrome_lang=chrome,
        ct=lambda key, **values: translate(chrome, key, **values),
        messages=MESSAGES,
        errors=context.pop("errors", []),
        **context,
    )
    return HTMLResponse(page, status_code=status)
