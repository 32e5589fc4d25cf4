"""One way to answer with a file: as a download of its checked type, never rendered in place.

A file a service serves back (evidence a resident sent, an email as received, a report or a
CSV it made) is answered with the type it was checked to be, ``Content-Disposition:
attachment`` (the browser saves it rather than showing it inside the application's origin),
``X-Content-Type-Options: nosniff`` (the browser believes the type rather than guessing HTML
from the bytes) and ``Cache-Control: no-store`` (no shared cache keeps personal data).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from urllib.parse import quote

from fastapi.responses import Response

_NOT_TOKEN = re.compile(r"[^A-Za-z0-9._ -]")


def content_disposition(filename: str) -> str:
    """``attachment`` with the name both as plain ASCII and, exactly, as RFC 5987 UTF-8 (so a
    name can never break out of the header's quoting)."""
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    plain = _NOT_TOKEN.sub("_", plain).strip(" .") or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download(
    content: bytes,
    media_type: str,
    filename: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """``content`` as a download named ``filename`` of type ``media_type`` (see the module)."""
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": content_disposition(filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            **(headers or {}),
        },
    )
