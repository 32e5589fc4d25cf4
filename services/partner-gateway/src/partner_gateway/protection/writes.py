"""One way to run a partner's write: audited, idempotent, one use case."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from asb_shared.usecase import Transactions, UnitOfWork
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..audit.log import record
from ..credentials.caller import PartnerCaller, partner_work
from ..idempotency.keys import claim, fingerprint, remember


async def partner_write(
    work: Transactions,
    caller: PartnerCaller,
    key: str,
    request: BaseModel | None,
    run: Callable[[UnitOfWork], Awaitable[tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]]],
    *,
    case_id: uuid.UUID | None = None,
    status_code: int = 201,
    path: str = "",
    withheld: tuple[str, ...] = (),
) -> JSONResponse:
    """Run ``run`` (which calls one use case and returns the answer, the case and the agreement)
    once per Idempotency-Key; a retry replays the first answer. Allowed writes are audited in
    the same transaction, refusals in one of their own. Fields named in ``withheld`` (a secret
    shown once) are answered now but kept out of the stored answer, so a replay is ``null``
    there and no secret rests in the idempotency store."""
    body_hash = fingerprint(path, request.model_dump_json() if request is not None else "")
    async with partner_work(work, caller, "write", case_id) as uow:
        replay = await claim(uow, caller.client_id, key, body_hash)
        if replay is not None:
            return JSONResponse(replay.body, status_code=replay.status_code)
        answer, written_case, agreement_id = await run(uow)
        body: dict[str, Any] = answer.model_dump(mode="json")
        kept = body | {name: None for name in withheld if name in body}
        await remember(uow, caller.client_id, key, status_code, kept)
        await record(
            uow.session,
            caller.who,
            action="write",
            resource=caller.resource,
            outcome="allowed",
            status_code=status_code,
            case_id=written_case or case_id,
            agreement_id=agreement_id,
            fields=sorted(request.model_fields_set) if request is not None else (),
        )
    return JSONResponse(body, status_code=status_code)
