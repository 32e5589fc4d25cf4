"""The console's language toggle: its chrome (the service's name, the navigation, who is signed
in, signing out, the footer) in English or Welsh, as on the resident site, kept in the same
cookie. The pages' own words are English (``lang="en"`` on the main content when the chrome is
Welsh), as are the services' answers they show."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from ..site.i18n import LANG_COOKIE
from .identity import same_site_path

router = APIRouter()


@router.get("/language", include_in_schema=False)
async def language(request: Request, to: str = "en", back: str = "/") -> RedirectResponse:
    """Sets the member of staff's language and goes back to the console's page they were on
    (a path of the console only, never an address elsewhere)."""
    response = RedirectResponse(same_site_path(back), status_code=303)
    response.set_cookie(
        LANG_COOKIE,
        "cy" if to == "cy" else "en",
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=not request.app.state.settings.development,
    )
    return response
