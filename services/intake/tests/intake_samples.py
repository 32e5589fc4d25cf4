"""Sample requests shared by intake's tests."""

from __future__ import annotations

import io
import struct
import uuid
import zlib
from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Any

from asb_shared.contracts.casework import CaseClosedV2, CaseOpenedV2
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import TestEnvironment, count_rows
from PIL import Image

ORG = uuid.UUID("00000000-0000-7000-8000-00000000a001")


def report(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "categories": ["noise", "verbal_abuse"],
        "description": "Shouting and loud music from the flat above every night after midnight.",
        "location": {"address": "Flat 3, 10 Example Road, Stockport", "postcode": "sk1 3xe"},
        "occurred_at": "2026-11-20T23:30:00Z",
        "reporter": {
            "name": "Alex Resident",
            "email": "alex@example.org",
            "preferred_channel": "email",
        },
    }
    body.update(changes)
    return body


def reports_where(test_env: TestEnvironment, where: str) -> Awaitable[int]:
    """How many reports match an SQL condition."""
    return count_rows(test_env.database_url("intake"), "reports", where)


def tiny_jpeg() -> bytes:
    """A valid baseline JPEG: 8x8 mid grey (one block, DC only), decodable by libjpeg."""

    def segment(marker: int, payload: bytes) -> bytes:
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload

    one_code = bytes([1] + [0] * 15)  # a Huffman table with one 1-bit code, for symbol 0
    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xDB, b"\x00" + b"\x01" * 64)
        + segment(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")
        + segment(0xC4, b"\x00" + one_code + b"\x00")
        + segment(0xC4, b"\x10" + one_code + b"\x00")
        + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x3f"  # DC difference 0, end of block, padded with ones
        + b"\xff\xd9"
    )


def case_opened(
    made: dict[str, Any],
    case_reference: str,
    version: int,
    *,
    status: str = "open",
    case_id: uuid.UUID | None = None,
) -> CaseOpenedV2:
    """Casework's event: a case opened for the report ``made`` (as POST /v1/reports answered)."""
    return CaseOpenedV2(
        case_id=case_id or uuid.uuid4(),
        case_reference=case_reference,
        version=version,
        status=status,
        categories=[AsbCategory.NOISE],
        report_id=uuid.UUID(made["id"]),
        report_reference=made["reference"],
        opened_at=datetime.now(UTC),
        anonymous=False,
    )


def case_resolved(
    case_id: uuid.UUID, case_reference: str, version: int, reason: str
) -> CaseClosedV2:
    """Casework's event: the case closed as resolved."""
    return CaseClosedV2(
        case_id=case_id,
        case_reference=case_reference,
        version=version,
        status="resolved",
        outcome="resolved",
        reason=reason,
        closed_at=datetime.now(UTC),
        anonymous=False,
    )


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def exif_with_gps() -> Image.Exif:
    """EXIF as a phone writes it: where the photo was taken, the maker, the orientation."""
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {  # GPS: latitude and longitude
        1: "N",
        2: (53.0, 24.0, 30.0),
        3: "W",
        4: (2.0, 9.0, 10.0),
    }
    return exif


def jpeg_with_gps() -> bytes:
    """A real 64 x 48 JPEG (Pillow's encoder) with EXIF GPS and a comment."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(
        out, "JPEG", exif=exif_with_gps().tobytes(), comment=b"taken at 12 Example Court"
    )
    return out.getvalue()


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png_bomb() -> bytes:
    """A few hundred bytes declaring 100,000 x 100,000 pixels (30 GB decoded)."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
        + _png_chunk(b"IEND", b"")
    )
