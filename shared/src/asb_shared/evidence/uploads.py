"""Files uploaded over HTTP, checked at the edge before anything is written: the size, then
the type from the first bytes (:mod:`.checks`); a refusal is one answer for every service (413
too large, 415 not a type taken, 422 not wholly what it starts as), naming each file refused."""

from __future__ import annotations

from fastapi import UploadFile

from ..errors import ApiError, ErrorDetail
from .checks import HEAD_BYTES, EvidenceRefused, FileTooLarge, check_size, check_type


async def upload_size(upload: UploadFile) -> int:
    """The upload's size in bytes (read through when the client did not say)."""
    if upload.size is not None:
        return upload.size
    size = len(await upload.read())
    await upload.seek(0)
    return size


def refusal_error(refused: list[tuple[int, EvidenceRefused]]) -> ApiError:
    """The answer for files refused, each named by its position (``files.<i>``)."""
    details = [
        ErrorDetail(field=f"files.{i}", message=f"{exc.filename}: {exc.message}", type=exc.kind)
        for i, exc in refused
    ]
    if any(isinstance(exc, FileTooLarge) for _, exc in refused):
        return ApiError(413, "payload_too_large", "A file is too large; nothing was kept.", details)
    if all(exc.status_code == 422 for _, exc in refused):
        return ApiError(
            422,
            "unreadable_file",
            "A file is not wholly the photo, sound recording or video it starts as, or declares "
            "too many pixels; nothing was kept.",
            details,
        )
    return ApiError(
        415,
        "unsupported_media_type",
        "A file is not a photo, sound recording or video that can be taken; nothing was kept.",
        details,
    )


async def checked_uploads(files: list[UploadFile], max_bytes: int) -> list[tuple[UploadFile, str]]:
    """Every file checked (size, then type from content) before any is written."""
    checked: list[tuple[UploadFile, str]] = []
    refused: list[tuple[int, EvidenceRefused]] = []
    for i, upload in enumerate(files):
        try:
            check_size(await upload_size(upload), max_bytes, upload.filename)
            head = await upload.read(HEAD_BYTES)
            await upload.seek(0)
            checked.append((upload, check_type(head, upload.filename, upload.content_type)))
        except EvidenceRefused as exc:
            refused.append((i, exc))
    if refused:
        raise refusal_error(refused)
    return checked
