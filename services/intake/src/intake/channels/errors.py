"""What the channel endpoints may answer besides success (for the API documentation)."""

from __future__ import annotations

from typing import Any

from asb_shared.errors import ErrorResponse

CHANNEL_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
