"""CSRF on every console form: the site's synchronizer token, kept in the staff session."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from ..site.security import CsrfRefused, csrf_matches
from .pages import staff_session


async def checked_staff_form(request: Request) -> FormData:
    """The posted form, once its CSRF token is found to be the staff session's."""
    session = staff_session(request)
    form = await request.form(max_files=20, max_fields=200)
    if session is None or not csrf_matches(session, form.get("csrf_token")):
        raise CsrfRefused()
    return form


StaffForm = Annotated[FormData, Depends(checked_staff_form)]
"""Route parameter: a console form, its CSRF token checked (else the "form expired" page)."""
