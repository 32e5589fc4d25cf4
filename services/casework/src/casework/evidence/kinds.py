"""What kinds of evidence the register keeps, with no I/O."""

from __future__ import annotations

from enum import StrEnum


class EvidenceKind(StrEnum):
    DIARY = "diary"
    PHOTO = "photo"
    AUDIO = "audio"
    VIDEO = "video"
    CCTV = "cctv"
    WITNESS_STATEMENT = "witness_statement"
    DOCUMENT = "document"


def kind_of_file(content_type: str) -> str:
    """The register's kind for a file a reporter sent, from its (checked) content type."""
    major = content_type.split("/")[0]
    return {"image": "photo", "audio": "audio", "video": "video"}.get(major, "document")
