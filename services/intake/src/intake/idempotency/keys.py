"""Idempotency keys: a retried create gets the first answer instead of a second record.

The key is claimed in the same transaction as the work, so two copies of one request sent at
once cannot both succeed: the second waits on the first's row and then replays its answer.
A key reused with a different request is refused. Keys are kept for a day.

The store keeps no secret a reader of the database could use. An answer may carry one (the
tracking token that lets a reporter follow their report, of which the reports table keeps only
a hash); a replay must give it back, or the client that retried because it never saw the first
answer could never follow its report. So the secret is kept sealed: encrypted (AES-GCM) under a
key derived (HKDF) from the server's ``idempotency_secret`` *and* the client's own
Idempotency-Key, which itself is stored only as a hash. Opening a sealed answer needs the
server's secret, which the database does not hold, and the client's key, which only the
client has; a leaked table (or backup) gives neither the tokens nor the keys to ask for them.
(Rotating the tracking token on replay instead would also keep nothing, but two retries racing
would each invalidate the other's token.)
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar, cast

from asb_shared.usecase import Conflict, Invalid, Problem, UnitOfWork
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel
from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert

from .models import IdempotencyKey

KEEP_FOR = timedelta(hours=24)
HEADER_FIELD = "header.idempotency-key"
_NONCE_BYTES = 12


@dataclass
class Replay:
    """The answer the first request with this key got, to send again."""

    status_code: int
    body: dict[str, Any]


@dataclass(frozen=True)
class Retryable:
    """A create a client may retry: the key it sent (or the channel's own id, such as a chat
    session), what the request was, and where a misused key is reported."""

    scope: str
    """What the key is unique within: the endpoint, and the organisation or report."""
    key: str
    fingerprint: str
    """What the request asked for: a retry must ask for the same."""
    server_secret: bytes
    field: str = HEADER_FIELD

    @property
    def stored_key(self) -> str:
        return hashlib.sha256(f"{self.scope}\n{self.key}".encode()).hexdigest()

    def _aead(self) -> AESGCM:
        derived = HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=self.key.encode(),
            info=f"intake idempotency:{self.scope}".encode(),
        ).derive(self.server_secret)
        return AESGCM(derived)

    def seal(self, secrets: dict[str, Any]) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        plain = json.dumps(secrets).encode()
        return nonce + self._aead().encrypt(nonce, plain, self.scope.encode())

    def open(self, sealed: bytes) -> dict[str, Any]:
        nonce, box = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        opened = json.loads(self._aead().decrypt(nonce, box, self.scope.encode()))
        if not isinstance(opened, dict):
            raise ValueError("a sealed answer holds an object")
        return opened


def request_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


async def claim(uow: UnitOfWork, request: Retryable) -> Replay | None:
    """Claim the key for this request; returns the earlier answer if the key was used before."""
    stored_key = request.stored_key
    claimed = await uow.session.execute(
        insert(IdempotencyKey)
        .values(
            scope=request.scope,
            key=stored_key,
            request_hash=request.fingerprint,
            status_code=0,
            response={},
        )
        .on_conflict_do_nothing()
        .returning(IdempotencyKey.key)
    )
    if claimed.first() is not None:
        return None
    earlier = await uow.session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.scope == request.scope, IdempotencyKey.key == stored_key
        )
    )
    if earlier is None:  # cannot happen: the insert above conflicted with this very row
        raise RuntimeError("an idempotency key vanished while it was claimed")
    if earlier.request_hash != request.fingerprint:
        raise Invalid(
            "This key was used for a different request.",
            [Problem(request.field, "use a new key for a new request", "reused")],
            code="idempotency_key_reused",
        )
    body = dict(earlier.response)
    if earlier.sealed is not None:
        try:
            body.update(request.open(earlier.sealed))
        except (InvalidTag, ValueError):
            # The server's secret changed since: the first answer cannot be given again.
            raise Conflict(
                "The first answer to this request can no longer be given again; use a new key.",
                [Problem(request.field, "use a new key", "cannot_replay")],
                code="idempotency_answer_unavailable",
            ) from None
    return Replay(earlier.status_code, body)


async def remember(
    uow: UnitOfWork,
    request: Retryable,
    status_code: int,
    body: dict[str, Any],
    *,
    secret_fields: Collection[str] = (),
) -> None:
    """Keep the answer to replay it for retries of the same request; the fields named in
    ``secret_fields`` are kept sealed (see the module's notes), never in plain text."""
    secrets = {name: body[name] for name in secret_fields if name in body}
    await uow.session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.scope == request.scope, IdempotencyKey.key == request.stored_key)
        .values(
            status_code=status_code,
            response={k: v for k, v in body.items() if k not in secrets},
            sealed=request.seal(secrets) if secrets else None,
        )
    )


async def purge_expired(uow: UnitOfWork, command: None = None) -> int:
    """Forget the keys (and the answers they hold) older than a day; returns how many."""
    result = await uow.session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.created_at < func.now() - KEEP_FOR)
    )
    return cast(CursorResult[Any], result).rowcount


M = TypeVar("M", bound=BaseModel)


async def once(
    uow: UnitOfWork,
    request: Retryable | None,
    make: Callable[[], Awaitable[M]],
    *,
    status_code: int = 201,
    secret_fields: Collection[str] = (),
) -> M | Replay:
    """Run ``make`` once per key: the first time its answer is kept, a retry gets it again.

    Called by a use case after it has checked who is asking, so a replay is only ever given to
    whoever may see the answer; without a key (``request`` None) ``make`` just runs.
    """
    if request is not None:
        replay = await claim(uow, request)
        if replay is not None:
            return replay
    answer = await make()
    if request is not None:
        body = answer.model_dump(mode="json")
        await remember(uow, request, status_code, body, secret_fields=secret_fields)
    return answer
