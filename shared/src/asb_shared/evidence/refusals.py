"""Why an evidence file is refused, and how the API answers each refusal."""

from __future__ import annotations


class EvidenceRefused(Exception):
    """A file that is not taken; ``status_code`` and ``kind`` say how the API answers."""

    status_code = 415
    kind = "type_not_allowed"

    def __init__(self, message: str, *, filename: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename


class FileTooLarge(EvidenceRefused):
    status_code = 413
    kind = "file_too_large"


class TypeNotAllowed(EvidenceRefused):
    status_code = 415
    kind = "type_not_allowed"


class TypeMismatch(EvidenceRefused):
    """The content is an allowed type but the name or declared type says otherwise."""

    status_code = 415
    kind = "type_mismatch"


class EmptyFile(TypeNotAllowed):
    kind = "empty_file"


class Unreadable(EvidenceRefused):
    """The content starts as an allowed type but is not one all through (a JPEG header followed
    by HTML, a truncated recording)."""

    status_code = 422
    kind = "unreadable"


class ImageTooLarge(EvidenceRefused):
    """A photo declaring more pixels than may be decoded (a decompression bomb)."""

    status_code = 422
    kind = "image_too_large"
