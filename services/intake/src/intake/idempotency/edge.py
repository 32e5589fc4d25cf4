"""Idempotency at the HTTP edge: the Idempotency-Key header, what a request is, and a replay's
answer."""

from __future__ import annotations

import hashlib
from typing import Annotated

from asb_shared.types import Line
from fastapi import Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..settings import IntakeSettings
from .keys import HEADER_FIELD, Replay, Retryable

IdempotencyHeader = Annotated[
    Line | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        description="send the same key when retrying, to get the first answer instead of a "
        "second record",
    ),
]
REPLAYED = {"Idempotent-Replayed": "true"}


def fingerprint(*parts: BaseModel | bytes | str | None) -> str:
    """What a request asks for, so that a retry can be told from another request: the parsed
    body (not its bytes, which a client may order differently when it retries)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, BaseModel):
            part = part.model_dump_json()
        data = part if isinstance(part, bytes) else (part or "").encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def retryable(
    settings: IntakeSettings,
    scope: str,
    key: str | None,
    what: str,
    *,
    field: str = HEADER_FIELD,
) -> Retryable | None:
    """The request as the idempotency store knows it, or None when no key was sent."""
    if key is None:
        return None
    secret = settings.idempotency_secret.get_secret_value().encode()
    return Retryable(scope, key, what, secret, field)


def replayed(replay: Replay) -> JSONResponse:
    """The first answer, sent again, marked as a replay."""
    return JSONResponse(replay.body, status_code=replay.status_code, headers=REPLAYED)
