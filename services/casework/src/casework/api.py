"""What every feature's router shares: who may call, and the error answers it documents."""

from __future__ import annotations

from typing import Annotated, Any

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.errors import ErrorResponse
from fastapi import Depends

Staff = Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN))]
"""Officers, team leaders and admins: everyone who works cases."""
Leader = Annotated[Principal, Depends(require_roles(Role.TEAM_LEADER, Role.ADMIN))]
Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN))]

CASE = "/v1/cases/{case_id}"

Responses = dict[int | str, dict[str, Any]]


def errors(*codes: int) -> Responses:
    """OpenAPI documentation of error answers, all in the common error shape."""
    return {code: {"model": ErrorResponse} for code in codes}


STAFF_ERRORS = errors(401, 403, 422)
NOT_FOUND = errors(404)
CONFLICT = errors(404, 409)
STATUS_CONFLICT: Responses = {
    409: {"model": ErrorResponse, "description": "not allowed in the case's status"}
}
