"""The landlord's start page and the language toggle."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from .i18n import LANG_COOKIE
from .landlords import LandlordDep
from .pages import render

router = APIRouter()


@router.get("/{slug}/", response_class=HTMLResponse)
async def start(request: Request, landlord: LandlordDep) -> HTMLResponse:
    return render(request, "site/start.html", details=landlord.details)


@router.get("/{slug}", include_in_schema=False)
async def start_without_slash(landlord: LandlordDep) -> RedirectResponse:
    return RedirectResponse(landlord.url("/"), status_code=308)


@router.get("/{slug}/language")
async def language(
    request: Request, landlord: LandlordDep, to: str = "en", back: str = ""
) -> RedirectResponse:
    """Sets the visitor's language and goes back to the page they were on (of this landlord's
    site only: never an address elsewhere)."""
    home = landlord.url("/")
    target = back if back.startswith(home) and "//" not in back and "\\" not in back else home
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        LANG_COOKIE,
        "cy" if to == "cy" else "en",
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=not request.app.state.settings.development,
    )
    return response
