"""An evidence file is what a parser for its type reads through, and a photo keeps no metadata.

:mod:`.checks` types a file from its first bytes; that alone lets through a JPEG header followed
by HTML, or a few bytes of PNG declaring 100,000 x 100,000 pixels. So each file is then read
by a real parser for the type detected (pure: bytes in, bytes out, no I/O):

* Photos are opened with Pillow (HEIC and HEIF with pillow-heif) and refused, before any pixel
  is decoded, when they declare more than ``max_pixels`` (a decompression bomb); then decoded
  in full, so a file that is not wholly an image is refused. What is kept carries no metadata:
  EXIF (where the photo was taken, when, with what), XMP, IPTC, comments, and nothing after the
  image's end. A victim's photo must not say where they live. JPEG, PNG and WebP lose only their
  metadata segments, the pixels are the bytes sent (a JPEG keeps its orientation, alone, so it
  still shows upright); GIF is re-encoded losslessly and HEIC re-encoded with the orientation
  applied.
* Sound recordings and videos are parsed with mutagen (MP3, WAV, Ogg, the MP4 family: MP4, M4A,
  MOV, 3GP), AMR frame by frame, WebM by its EBML header. The MP4 family, where phones write
  where a video was taken, keeps no user data or metadata boxes (blanked in place, losslessly).

The SHA-256 of evidence is taken of the bytes kept, so it is what is stored and served.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable

import mutagen
import pillow_heif
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.ogg import OggFileType
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggtheora import OggTheora
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE
from PIL import Image, ImageOps, ImageSequence

from .refusals import EvidenceRefused, ImageTooLarge, Unreadable

DEFAULT_MAX_PIXELS = 90_000_000
"""The most pixels a photo may declare (all frames together): more than any phone takes (a
48 MP camera's photo is 48 million), and a decoded image of this size needs about 270 MB."""

_ORIENTATION = 0x0112

pillow_heif.register_heif_opener()


def verified(data: bytes, content_type: str, filename: str, max_pixels: int) -> bytes:
    """The bytes to keep of a file whose type :func:`.checks.check_type` detected: read through
    by a parser for that type, photos without metadata; raises :class:`EvidenceRefused`."""
    try:
        if content_type in _PILLOW_FORMATS:
            return _photo(data, content_type, max_pixels, filename)
        return _MEDIA[content_type](data)
    except EvidenceRefused:
        raise
    except Image.DecompressionBombError:
        raise ImageTooLarge(_too_many(max_pixels), filename=filename) from None
    except Exception as exc:  # whatever a parser says of a bad file, it is the file's fault
        raise Unreadable(
            f"starts as {content_type} but is not one all through ({type(exc).__name__})",
            filename=filename,
        ) from None


# --- photos --------------------------------------------------------------------------------

_PILLOW_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
    "image/heic": "HEIF",
    "image/heif": "HEIF",
}
PARSED_TYPES = frozenset(_PILLOW_FORMATS)  # and those of _MEDIA, below


def _too_many(max_pixels: int, declared: str = "more pixels") -> str:
    return f"declares {declared} than a photo may have ({max_pixels:,}): it is not taken"


def _photo(data: bytes, content_type: str, max_pixels: int, filename: str) -> bytes:
    # Opening reads the header only; Pillow itself refuses what is far past its own limit.
    image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[content_type]])
    width, height = image.size
    frames = int(getattr(image, "n_frames", 1))
    if width * height * frames > max_pixels:
        declared = f"{width:,} x {height:,} pixels" + (f" in {frames} frames" if frames > 1 else "")
        raise ImageTooLarge(_too_many(max_pixels, declared), filename=filename)
    for frame in ImageSequence.Iterator(image):
        frame.load()  # every pixel decoded: a file that is not an image all through fails here
    orientation = int(image.getexif().get(_ORIENTATION, 1))
    kept = _STRIP[_PILLOW_FORMATS[content_type]](data, image, orientation)
    # What is kept is an image of the same size (a sanity check on the stripping itself).
    if Image.open(io.BytesIO(kept)).size not in ((width, height), (height, width)):
        raise Unreadable("could not be kept without its metadata", filename=filename)
    return kept


def _minimal_exif(orientation: int) -> bytes:
    """An EXIF block holding the orientation alone (``Exif\\0\\0`` and a TIFF structure)."""
    exif = Image.Exif()
    exif[_ORIENTATION] = orientation
    return exif.tobytes()


def _strip_jpeg(data: bytes, _: Image.Image, orientation: int) -> bytes:
    """The JPEG's segments without metadata (APP1 EXIF/XMP, APP3-APP13, APP15, comments, APP2
    other than the colour profile), up to its end of image; entropy-coded data as it was."""
    out = bytearray(b"\xff\xd8")
    if orientation != 1:
        exif = _minimal_exif(orientation)
        out += b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    i = 2
    while True:
        while data[i] == 0xFF and data[i + 1] == 0xFF:  # fill bytes
            i += 1
        if data[i] != 0xFF:
            raise ValueError("a JPEG segment does not start with a marker")
        marker = data[i + 1]
        if marker == 0xD9:  # end of image: nothing after it is kept
            out += b"\xff\xd9"
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += data[i : i + 2]
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        end = i + 2 + length
        if length < 2 or end > len(data):
            raise ValueError("a JPEG segment runs past the end of the file")
        payload = data[i + 4 : end]
        if marker == 0xDA:  # start of scan: the entropy-coded data runs to the next marker
            end = _scan_end(data, end)
        if _keep_jpeg_segment(marker, payload):
            out += data[i:end]
        i = end


def _scan_end(data: bytes, i: int) -> int:
    while True:
        i = data.index(b"\xff", i)
        following = data[i + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            i += 2  # a stuffed 0xFF byte or a restart marker: still the scan
        else:
            return i


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker == 0xFE or marker == 0xE1:  # comments; EXIF and XMP
        return False
    if marker == 0xE2:  # APP2: the ICC colour profile is kept, FlashPix and MPF are not
        return payload.startswith(b"ICC_PROFILE\x00")
    if 0xE3 <= marker <= 0xEF:  # APP3-APP15 (IPTC, Photoshop, makers' notes), except Adobe's
        return marker == 0xEE and payload.startswith(b"Adobe")
    return True  # APP0 (JFIF), tables, frame and scan headers


_PNG_KEPT = {
    *(b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB"),
    *(b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL", b"fdAT"),
}


def _strip_png(data: bytes, _: Image.Image, __: int) -> bytes:
    """The PNG's image chunks, without text, EXIF, time or private chunks, up to its end."""
    out = bytearray(data[:8])
    i = 8
    while True:
        length, tag = struct.unpack(">I4s", data[i : i + 8])
        end = i + 12 + length
        if end > len(data):
            raise ValueError("a PNG chunk runs past the end of the file")
        if tag in _PNG_KEPT:
            out += data[i:end]
        if tag == b"IEND":
            return bytes(out)
        i = end


_WEBP_METADATA = {b"EXIF", b"XMP "}


def _strip_webp(data: bytes, _: Image.Image, __: int) -> bytes:
    """The WebP's chunks without EXIF and XMP (their flags cleared), nothing after its end."""
    (size,) = struct.unpack("<I", data[4:8])
    end = 8 + size
    if data[8:12] != b"WEBP" or end > len(data):
        raise ValueError("not a whole WebP file")
    chunks = bytearray()
    i = 12
    while i < end:
        tag, length = struct.unpack("<4sI", data[i : i + 8])
        stop = i + 8 + length + (length & 1)
        if stop > end:
            raise ValueError("a WebP chunk runs past the end of the file")
        chunk = bytearray(data[i:stop])
        if tag == b"VP8X":
            chunk[8] &= ~0x0C & 0xFF  # no EXIF, no XMP
        if tag not in _WEBP_METADATA:
            chunks += chunk
        i = stop
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + bytes(chunks)


def _reencode_gif(_: bytes, image: Image.Image, __: int) -> bytes:
    """GIF, re-encoded (palette images: no pixel changes), without comments or extensions."""
    image.seek(0)
    image.info.pop("comment", None)
    out = io.BytesIO()
    frames = int(getattr(image, "n_frames", 1))
    image.save(out, format="GIF", save_all=frames > 1, comment=b"")
    return out.getvalue()


def _reencode_heif(_: bytes, image: Image.Image, __: int) -> bytes:
    """HEIC/HEIF, re-encoded from its primary image with the orientation applied, with no
    EXIF, XMP, thumbnails or other images."""
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    upright.save(out, format="HEIF", quality=90, exif=None, xmp=None)
    return out.getvalue()


_STRIP: dict[str, Callable[[bytes, Image.Image, int], bytes]] = {
    "JPEG": _strip_jpeg,
    "PNG": _strip_png,
    "WEBP": _strip_webp,
    "GIF": _reencode_gif,
    "HEIF": _reencode_heif,
}


# --- sound recordings and videos -----------------------------------------------------------


def _mutagen(kind: type[mutagen.FileType]) -> Callable[[bytes], bytes]:
    def parse(data: bytes) -> bytes:
        kind(io.BytesIO(data))
        return data

    return parse


def _wav(data: bytes) -> bytes:
    """A WAVE file mutagen reads, whose RIFF chunks fill it exactly (nothing hidden after)."""
    _mutagen(WAVE)(data)
    (size,) = struct.unpack("<I", data[4:8])
    if size in (0, 0xFFFFFFFF):
        return data  # written while recording, sizes never filled in: mutagen's reading is all
    if 8 + size != len(data):
        raise ValueError("the RIFF size is not the file's")
    i = 12
    while i < len(data):
        (length,) = struct.unpack("<I", data[i + 4 : i + 8])
        i += 8 + length + (length & 1)
    if i != len(data):
        raise ValueError("the RIFF chunks do not fill the file")
    return data


_OGG: list[type[OggFileType]] = [OggVorbis, OggOpus, OggFLAC, OggSpeex, OggTheora]


def _ogg(data: bytes) -> bytes:
    if mutagen.File(io.BytesIO(data), options=_OGG) is None:
        raise ValueError("no Ogg stream of a known kind")
    return data


# Bytes of each AMR frame after its one-byte header, by frame type (RFC 4867, 5; 15: no data).
_AMR_NB = [12, 13, 15, 17, 19, 20, 26, 31, 5, None, None, None, None, None, None, 0]
_AMR_WB = [17, 23, 32, 36, 40, 46, 50, 58, 60, 5, None, None, None, None, 0, 0]


def _amr(data: bytes) -> bytes:
    """Every frame of an AMR or AMR-WB file has a valid header and its full length."""
    if data.startswith(b"#!AMR-WB\n"):
        sizes, i = _AMR_WB, 9
    elif data.startswith(b"#!AMR\n"):
        sizes, i = _AMR_NB, 6
    else:
        raise ValueError("no AMR header")
    frames = 0
    while i < len(data):
        header = data[i]
        size = sizes[(header >> 3) & 0x0F]
        if header & 0x83 or size is None:  # padding bits set, or a reserved frame type
            raise ValueError("an AMR frame header is not valid")
        i += 1 + size
        frames += 1
    if i != len(data) or frames == 0:
        raise ValueError("the AMR frames do not fill the file")
    return data


def _ebml_number(data: bytes, i: int, *, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length number at ``i``: its value (an element id keeps its length
    marker) and where it ends."""
    first = data[i]
    length = 9 - first.bit_length() if first else 9
    if length > 8:
        raise ValueError("an EBML number is too long")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[i + 1 : i + length]:
        value = (value << 8) | byte
    if i + length > len(data):
        raise ValueError("an EBML number runs past the end of the file")
    return value, i + length


def _webm(data: bytes) -> bytes:
    """An EBML header of document type ``webm``, followed by a Segment."""
    element, i = _ebml_number(data, 0, keep_marker=True)
    size, i = _ebml_number(data, i, keep_marker=False)
    if element != 0x1A45DFA3 or i + size > len(data):
        raise ValueError("no EBML header")
    header_end, doctype = i + size, None
    while i < header_end:
        element, i = _ebml_number(data, i, keep_marker=True)
        size, i = _ebml_number(data, i, keep_marker=False)
        if element == 0x4282:
            doctype = data[i : i + size].rstrip(b"\x00")
        i += size
    segment, _ = _ebml_number(data, header_end, keep_marker=True)
    if doctype != b"webm" or segment != 0x18538067:
        raise ValueError("not a WebM document")
    return data


_MP4_METADATA = {b"udta", b"meta"}
"""Boxes of user data and metadata: where a phone writes where a video was taken (``©xyz``,
3GP's ``loci``, Apple's ``com.apple.quicktime.location.ISO6709``), and the device and time."""


def _boxes(data: bytearray, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """The ISO base media boxes between ``start`` and ``end``: (type, start, end) each."""
    found = []
    i = start
    while i + 8 <= end:
        size, kind = struct.unpack(">I4s", data[i : i + 8])
        if size == 1:
            (size,) = struct.unpack(">Q", data[i + 8 : i + 16])
        elif size == 0:
            size = end - i
        if size < 8 or i + size > end:
            raise ValueError("a box runs past its container")
        found.append((bytes(kind), i, i + size))
        i += size
    return found


def _mp4(data: bytes) -> bytes:
    """An MP4, M4A, MOV or 3GP file mutagen reads, with its user data and metadata boxes
    (in the movie and in each track) blanked into ``free`` boxes of the same size: nothing
    moves, so every offset in the file stays right, and nothing says where it was recorded."""
    _mutagen(MP4)(data)
    kept = bytearray(data)
    for kind, start, end in _boxes(kept, 0, len(kept)):
        if kind != b"moov":
            continue
        for child, child_start, child_end in _boxes(kept, start + 8, end):
            inner = [(child, child_start, child_end)]
            if child == b"trak":
                inner = _boxes(kept, child_start + 8, child_end)
            for box, box_start, box_end in inner:
                if box in _MP4_METADATA:
                    header = (
                        16 if struct.unpack(">I", kept[box_start : box_start + 4])[0] == 1 else 8
                    )
                    kept[box_start + 4 : box_start + 8] = b"free"
                    kept[box_start + header : box_end] = bytes(box_end - box_start - header)
    return bytes(kept)


_MEDIA: dict[str, Callable[[bytes], bytes]] = {
    "audio/mpeg": _mutagen(MP3),
    "audio/wav": _wav,
    "audio/ogg": _ogg,
    **dict.fromkeys(
        ("audio/mp4", "video/mp4", "video/quicktime", "video/3gpp", "video/3gpp2"), _mp4
    ),
    "audio/amr": _amr,
    "audio/amr-wb": _amr,
    "video/webm": _webm,
}
PARSED_TYPES = PARSED_TYPES | frozenset(_MEDIA)
"""Every type a parser reads through: every type :mod:`.checks` allows."""
