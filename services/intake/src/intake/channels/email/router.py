"""The staff's view of the reporting mailbox: email that could not be made into a report
waits here for a person, with the message exactly as received."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.errors import ErrorResponse
from asb_shared.files import download
from asb_shared.pagination import Cursor, Limit, Page
from asb_shared.service import WorkDep
from fastapi import APIRouter
from fastapi.responses import Response

from . import mailbox
from .schemas import InboundMailOut, MailStatus

router = APIRouter(
    prefix="/v1/inbound-mail",
    tags=["inbound mail"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)


@router.get("", response_model=Page[InboundMailOut])
async def list_inbound_mail(
    principal: CaseStaff,
    work: WorkDep,
    status: MailStatus = "needs_attention",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[InboundMailOut]:
    """Email to the reporting mailbox, oldest first; by default what needs a person to turn it
    into a report (no usable text, a sender that could not be read...)."""
    async with work(principal) as uow:
        return await mailbox.list_inbound_mail(uow, mailbox.MailQuery(status, limit, cursor))


@router.get(
    "/{mail_id}/raw",
    response_class=Response,
    responses={200: {"content": {"message/rfc822": {}}}, 404: {"model": ErrorResponse}},
)
async def inbound_mail_raw(mail_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> Response:
    """The email exactly as received (an .eml file), attachments and all."""
    async with work(principal) as uow:
        raw = await mailbox.raw_mail(uow, mail_id)
    return download(raw, "message/rfc822", f"{mail_id}.eml")
