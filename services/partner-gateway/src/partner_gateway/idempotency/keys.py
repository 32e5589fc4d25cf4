"""Idempotency keys on every partner write: a retried request gets the first answer.

The key is claimed in the transaction of the write, so two copies sent at once cannot both
succeed: the second waits on the first's row, then replays its answer. A key reused for a
different request is refused."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from asb_shared.errors import ApiError, ErrorDetail
from asb_shared.usecase import UnitOfWork
from fastapi import Header
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert

from .models import IdempotencyKey

KEEP_FOR = timedelta(hours=24)

IdempotencyKeyHeader = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="a unique key per write (e.g. a UUID); a retry with the same key is safe",
    ),
]


OptionalIdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="optional: a unique key per create (e.g. a UUID); a retry with the same key "
        "gets the first answer instead of a second record (without a secret it showed)",
    ),
]
REPLAYED = {"Idempotent-Replayed": "true"}


@dataclass(frozen=True)
class Replay:
    status_code: int
    body: dict[str, Any]


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


async def claim(uow: UnitOfWork, scope: str, key: str, request_hash: str) -> Replay | None:
    """Claim ``key``; returns the earlier answer if it was used before for this request."""
    claimed = await uow.session.execute(
        insert(IdempotencyKey)
        .values(scope=scope, key=key, request_hash=request_hash, status_code=0, response={})
        .on_conflict_do_nothing()
        .returning(IdempotencyKey.key)
    )
    if claimed.first() is not None:
        return None
    earlier = await uow.session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
    )
    if earlier is None:  # purged between the two statements
        return None
    if earlier.request_hash != request_hash:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request.",
            [ErrorDetail(field="header.idempotency-key", message="use a new key", type="reused")],
        )
    return Replay(earlier.status_code, earlier.response)


async def remember(
    uow: UnitOfWork, scope: str, key: str, status_code: int, body: dict[str, Any]
) -> None:
    await uow.session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
        .values(status_code=status_code, response=body)
    )


async def purge_expired(uow: UnitOfWork) -> int:
    result = await uow.session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.created_at < func.now() - KEEP_FOR)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
