"""What every administrator's page does alike: a refusal no form puts right shown as the
console shows it, and a form's posted values kept to show it again."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, page, refusal_page
from ..fields import Unreadable
from ..staff import StaffUser


async def refused_page(
    request: Request, staff: StaffUser, exc: ApiRefused | ApiUnavailable
) -> Response:
    """The page for a refusal of a read (a 409 or 422 there is a bad request)."""
    return await refusal_page(request, staff, exc) or await page(
        request, "console/not_found.html", staff, status=400
    )


def posted(form: Any) -> dict[str, str]:
    """The form's values as typed, to fill the form again when it is refused."""
    return {k: v for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}


def unreadable(exc: Unreadable) -> Errors:
    return [{"field": exc.field, "target": exc.field, "text": str(exc)}]
