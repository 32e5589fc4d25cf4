"""Idempotency keys: a retried submission gets the first answer instead of a second report.

The key is claimed in the same transaction as the work, so two copies of one request sent at
once cannot both succeed: the second waits on the first's row and then replays its answer.
A key reused with a different request body is refused. Keys are kept for a day.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from asb_shared.errors import ApiError, ErrorDetail
from asb_shared.service import WorkerContext
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import IdempotencyKey

KEEP_FOR = timedelta(hours=24)


@dataclass
class Replay:
    status_code: int
    body: dict[str, Any]


def request_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


async def claim(session: AsyncSession, scope: str, key: str, fingerprint: str) -> Replay | None:
    """Claim ``key`` for this request; returns the earlier answer if the key was used before."""
    claimed = await session.execute(
        insert(IdempotencyKey)
        .values(scope=scope, key=key, request_hash=fingerprint, status_code=0, response={})
        .on_conflict_do_nothing()
        .returning(IdempotencyKey.key)
    )
    if claimed.first() is not None:
        return None
    earlier = await session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
    )
    assert earlier is not None
    if earlier.request_hash != fingerprint:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request.",
            [
                ErrorDetail(
                    field="header.idempotency-key",
                    message="use a new key for a new request",
                    type="reused",
                )
            ],
        )
    return Replay(earlier.status_code, earlier.response)


async def remember(
    session: AsyncSession, scope: str, key: str, status_code: int, body: dict[str, Any]
) -> None:
    """Keep the answer to replay it for retries of the same request."""
    await session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
        .values(status_code=status_code, response=body)
    )


async def purge_expired(session: AsyncSession) -> int:
    result = await session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.created_at < func.now() - KEEP_FOR)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def purge_expired_keys(ctx: WorkerContext) -> None:
    """Worker task: forget idempotency keys (and the answers they hold) after a day."""
    while not ctx.stop.is_set():
        async with ctx.db.transaction() as session:
            await purge_expired(session)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ctx.stop.wait(), timeout=3600)
