"""Calling the platform's APIs as the signed-in member of staff: the site's API client
(:mod:`web.site.apis`) with their bearer token. A refusal the page does not handle itself is
answered by the console's handlers: 401 signs in again, 403 is "you do not have access", 404
"not found"."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from ..site.apis import Api
from .staff import StaffUser


def casework(request: Request) -> Api:
    found: Api = request.app.state.apis.casework
    return found


async def call(request: Request, staff: StaffUser, method: str, path: str, **kwargs: Any) -> Any:
    """Casework's JSON answer to the member of staff's call (raises ``ApiRefused``, or
    ``ApiUnavailable``)."""
    return await casework(request).call(method, path, headers=staff.bearer, **kwargs)
