"""Idempotency keys: a retried submission gets the first answer instead of a second report.

The key is claimed in the same transaction as the work, so two copies of one request sent at
once cannot both succeed: the second waits on the first's row and then replays its answer.
A key reused with a different request body is refused. Keys are kept for a day.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from asb_shared.usecase import Invalid, Problem, UnitOfWork
from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert

from .models import IdempotencyKey

KEEP_FOR = timedelta(hours=24)


@dataclass
class Replay:
    """The answer the first request with this key got, to send again."""

    status_code: int
    body: dict[str, Any]


def request_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


async def claim(uow: UnitOfWork, scope: str, key: str, fingerprint: str) -> Replay | None:
    """Claim ``key`` for this request; returns the earlier answer if the key was used before."""
    claimed = await uow.session.execute(
        insert(IdempotencyKey)
        .values(scope=scope, key=key, request_hash=fingerprint, status_code=0, response={})
        .on_conflict_do_nothing()
        .returning(IdempotencyKey.key)
    )
    if claimed.first() is not None:
        return None
    earlier = await uow.session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
    )
    if earlier is None:  # cannot happen: the insert above conflicted with this very row
        raise RuntimeError("an idempotency key vanished while it was claimed")
    if earlier.request_hash != fingerprint:
        raise Invalid(
            "This Idempotency-Key was used for a different request.",
            [Problem("header.idempotency-key", "use a new key for a new request", "reused")],
            code="idempotency_key_reused",
        )
    return Replay(earlier.status_code, earlier.response)


async def remember(
    uow: UnitOfWork, scope: str, key: str, status_code: int, body: dict[str, Any]
) -> None:
    """Keep the answer to replay it for retries of the same request."""
    await uow.session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
        .values(status_code=status_code, response=body)
    )


async def purge_expired(uow: UnitOfWork, command: None = None) -> int:
    """Forget the keys (and the answers they hold) older than a day; returns how many."""
    result = await uow.session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.created_at < func.now() - KEEP_FOR)
    )
    return cast(CursorResult[Any], result).rowcount
