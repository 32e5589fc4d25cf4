"""Evidence files: what is taken, checked from the content, whether from the API or an email.

A file is taken for what its content is, never for its name or the type its sender declared:
the type is detected from its first bytes (magic numbers) and must be a photo, a sound recording
or a video; then the whole file is read by a parser for that type (:mod:`.content`), and a
photo is kept without its metadata. A name or declared type that says something else (``photo.jpg`` that is a PDF, or a
JPEG sent as ``application/pdf``) is refused too, since one of the two is not telling the truth.
The SHA-256 of the bytes kept is taken at receipt, so the file's integrity can be shown later.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
from dataclasses import dataclass

import filetype  # type: ignore[import-untyped]

from .content import DEFAULT_MAX_PIXELS, verified
from .refusals import EmptyFile, EvidenceRefused, FileTooLarge, TypeMismatch, TypeNotAllowed

__all__ = [
    "EmptyFile",
    "EvidenceRefused",
    "FileTooLarge",
    "TypeMismatch",
    "TypeNotAllowed",
    "verified",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""The largest evidence file taken, unless the caller says otherwise (20 MiB)."""

HEAD_BYTES = 8192
"""How much of the start of a file type detection looks at."""

# Every type taken, as detected from content, and the family its names and declared types
# belong to (MP4, M4A, MOV and 3GP are one container, ISO base media, and are often confused).
ALLOWED_TYPES: dict[str, str] = {
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heif",
    "image/heif": "heif",
    "audio/mpeg": "mp3",
    "audio/wav": "wav",
    "audio/ogg": "ogg",
    "audio/amr": "amr",
    "audio/amr-wb": "amr",
    "audio/mp4": "isobmff",
    "video/mp4": "isobmff",
    "video/quicktime": "isobmff",
    "video/3gpp": "isobmff",
    "video/3gpp2": "isobmff",
    "video/webm": "webm",
}

_EXTENSIONS: dict[str, str] = {
    **dict.fromkeys(("jpg", "jpeg", "jpe", "jfif"), "jpeg"),
    **dict.fromkeys(("png", "apng"), "png"),
    "gif": "gif",
    "webp": "webp",
    **dict.fromkeys(("heic", "heif", "hif", "heics", "heifs"), "heif"),
    "mp3": "mp3",
    **dict.fromkeys(("wav", "wave"), "wav"),
    **dict.fromkeys(("ogg", "oga", "opus"), "ogg"),
    **dict.fromkeys(("amr", "awb"), "amr"),
    **dict.fromkeys(
        ("mp4", "m4a", "m4v", "m4b", "mov", "qt", "3gp", "3gpp", "3g2", "3gpp2"), "isobmff"
    ),
    **dict.fromkeys(("webm", "weba"), "webm"),
}

_DECLARED: dict[str, str] = {
    **dict.fromkeys(("image/jpeg", "image/jpg", "image/pjpeg"), "jpeg"),
    **dict.fromkeys(("image/png", "image/apng", "image/x-png"), "png"),
    "image/gif": "gif",
    "image/webp": "webp",
    **dict.fromkeys(
        ("image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"), "heif"
    ),
    **dict.fromkeys(
        ("audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg-3", "audio/x-mp3"), "mp3"
    ),
    **dict.fromkeys(
        ("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "audio/x-pn-wav"), "wav"
    ),
    **dict.fromkeys(
        ("audio/ogg", "audio/opus", "audio/x-ogg", "application/ogg", "video/ogg"), "ogg"
    ),
    **dict.fromkeys(("audio/amr", "audio/amr-wb", "audio/x-amr"), "amr"),
    **dict.fromkeys(
        (
            "video/mp4",
            "audio/mp4",
            "audio/m4a",
            "audio/x-m4a",
            "audio/mp4a-latm",
            "audio/aac",
            "audio/x-aac",
            "video/x-m4v",
            "video/quicktime",
            "video/3gpp",
            "audio/3gpp",
            "video/3gpp2",
            "audio/3gpp2",
        ),
        "isobmff",
    ),
    **dict.fromkeys(("video/webm", "audio/webm"), "webm"),
}

# Declared types that say nothing (mail clients and some browsers send these for any file).
_UNSAID = {
    "",
    "application/octet-stream",
    "binary/octet-stream",
    "application/binary",
    "application/unknown",
    "application/x-unknown",
    "application/force-download",
    "application/download",
}

# Names that are clearly not media, in case the platform's type table does not know them.
_NOT_MEDIA_EXTENSIONS = {
    *("exe", "dll", "com", "bat", "cmd", "scr", "msi", "ps1", "vbs", "js", "jar", "apk"),
    *("sh", "html", "htm", "svg", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt"),
    *("zip", "rar", "7z", "gz", "tar", "txt", "rtf", "eml"),
}

_MIME_TABLE = mimetypes.MimeTypes()  # Python's own table only: the same on every machine

_HEIF_BRANDS = {"heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"}
_MP4_AUDIO_BRANDS = {"M4A ", "M4B ", "F4A ", "F4B "}
_MP4_BRANDS = {
    *("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "mp71", "avc1"),
    *("M4V ", "M4VH", "M4VP", "mmp4", "MSNV", "NDAS", "NDSC", "NDSH", "NDSM", "dash", "f4v "),
}


def _ftyp(head: bytes) -> tuple[str, set[str]] | None:
    """The major and compatible brands of an ISO base media file, if ``head`` starts one."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    size = int.from_bytes(head[0:4], "big")
    end = min(size if size >= 16 else 16, len(head))
    major = head[8:12].decode("latin-1")
    brands = {head[i : i + 4].decode("latin-1") for i in range(16, end - 3, 4)}
    return major, brands


def _isobmff_type(head: bytes) -> str | None:
    found = _ftyp(head)
    if found is None:
        # Old QuickTime files start with a movie atom rather than a file type box.
        if len(head) >= 8 and head[4:8] in (b"moov", b"mdat", b"wide"):
            return "video/quicktime"
        return None
    major, brands = found
    everything = brands | {major}
    if {"avif", "avis"} & everything:
        return "image/avif"  # a photo, but not one of the formats taken
    if major in _HEIF_BRANDS or (major in {"mif1", "msf1"} and _HEIF_BRANDS & brands):
        return "image/heic"
    if major in {"mif1", "msf1"}:
        return "image/heif"
    if major == "qt  ":
        return "video/quicktime"
    if major.startswith("3g2"):
        return "video/3gpp2"
    if major.startswith(("3gp", "3ge", "3gg", "3gr", "3gs")):
        return "video/3gpp"
    if major in _MP4_AUDIO_BRANDS:
        return "audio/mp4"
    if major in _MP4_BRANDS or _MP4_BRANDS & brands:
        return "video/mp4"
    return "application/x-isobmff"


def _mpeg_audio_frame(head: bytes) -> bool:
    """An MPEG audio layer III frame header with valid bit rate and sample rate (no ID3 tag)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 0b11, (head[1] >> 1) & 0b11
    bitrate, samplerate = head[2] >> 4, (head[2] >> 2) & 0b11
    return version != 0b01 and layer == 0b01 and bitrate not in (0, 0xF) and samplerate != 0b11


def detect_type(head: bytes) -> str | None:
    """The MIME type of a file from its first bytes, or None if it is not recognised.

    May return types that are not taken (``application/pdf``): see :data:`ALLOWED_TYPES`.
    """
    if not head:
        return None
    isobmff = _isobmff_type(head)
    if isobmff is not None:
        return isobmff
    if head.startswith(b"#!AMR-WB\n"):
        return "audio/amr-wb"
    if head.startswith(b"ID3") or _mpeg_audio_frame(head):
        return "audio/mpeg"
    kind = filetype.guess(head)
    if kind is None:
        return None
    mime = str(kind.mime)
    return {"image/apng": "image/png", "audio/x-wav": "audio/wav"}.get(mime, mime)


def _declared_family(content_type: str | None) -> str | None:
    """The family a declared type names; None if it says nothing; ``"?"`` if it names another."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in _UNSAID:
        return None
    return _DECLARED.get(declared, "?")


def _name_family(filename: str | None) -> str | None:
    """The family a file name's extension names; None if it says nothing; ``"?"`` if another."""
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." not in name.strip("."):
        return None
    extension = name.rsplit(".", 1)[-1].strip().lower()
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    if extension in _NOT_MEDIA_EXTENSIONS or _MIME_TABLE.guess_type(f"x.{extension}")[0]:
        return "?"
    return None  # not a known extension (IMG_0042, "voice note 12.03.2026"): says nothing


def check_type(head: bytes, filename: str | None = None, declared_type: str | None = None) -> str:
    """The detected type of an allowed file, or raise :class:`EvidenceRefused`."""
    shown = safe_filename(filename)
    if not head:
        raise EmptyFile("is empty", filename=shown)
    detected = detect_type(head)
    if detected is None or detected not in ALLOWED_TYPES:
        what = f"its content is {detected}" if detected else "its content is not recognised"
        raise TypeNotAllowed(
            f"is not a photo, sound recording or video that can be taken ({what}). "
            "Send JPEG, PNG, HEIC, WebP or GIF photos; MP3, M4A, WAV, OGG or AMR audio; "
            "MP4, MOV, 3GP or WebM video.",
            filename=shown,
        )
    family = ALLOWED_TYPES[detected]
    named, declared = _name_family(filename), _declared_family(declared_type)
    if named not in (None, family):
        extension = shown.rsplit(".", 1)[-1]
        raise TypeMismatch(
            f"is named as a .{extension} file but its content is {detected}", filename=shown
        )
    if declared not in (None, family):
        raise TypeMismatch(
            f"was sent as {declared_type} but its content is {detected}", filename=shown
        )
    return detected


def check_size(size: int, max_bytes: int, filename: str | None = None) -> None:
    if size > max_bytes:
        raise FileTooLarge(
            f"is larger than the limit of {_human(max_bytes)} for one file",
            filename=safe_filename(filename),
        )


def _human(size: int) -> str:
    mib = size / (1024 * 1024)
    return f"{mib:g} MiB" if mib >= 1 else f"{size} bytes"


_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]")


def safe_filename(filename: str | None) -> str:
    """The client's name for a file, for showing only (never a path): its last part, printable,
    at most 300 characters; ``evidence`` if nothing is left."""
    name = unicodedata.normalize("NFC", filename or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_CHARS.sub("", name).strip().lstrip(".")
    if len(name) > 300:
        stem, dot, extension = name.rpartition(".")
        name = (
            stem[: 299 - len(extension)] + dot + extension
            if dot and len(extension) < 20
            else name[:300]
        )
    return name or "evidence"


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks, with its bytes, ready to store."""

    filename: str
    content_type: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def check_evidence(
    data: bytes,
    filename: str | None = None,
    declared_type: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> CheckedFile:
    """Check a whole file (size, type from content, then read through by a parser for that
    type, a photo without its metadata) and hash what is kept; nothing is stored yet.

    CPU-bound for a large photo: call it from a thread, not the event loop."""
    check_size(len(data), max_bytes, filename)
    content_type = check_type(data[:HEAD_BYTES], filename, declared_type)
    kept = verified(data, content_type, safe_filename(filename), max_pixels)
    return CheckedFile(
        filename=safe_filename(filename),
        content_type=content_type,
        data=kept,
        sha256=hashlib.sha256(kept).hexdigest(),
    )
