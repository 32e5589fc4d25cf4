"""Evidence is what a parser for its type reads through, and a photo keeps no metadata: unit
tests of asb_shared.evidence.content on files made here (real encoders: Pillow, pillow-heif, wave)."""

from __future__ import annotations

import io
import struct
import wave

import pytest
from asb_shared.evidence.checks import ALLOWED_TYPES, check_evidence, check_type
from asb_shared.evidence.content import PARSED_TYPES, verified
from asb_shared.evidence.refusals import EvidenceRefused, ImageTooLarge, Unreadable
from intake_samples import HTML, exif_with_gps, jpeg_with_gps, png_bomb
from PIL import Image, PngImagePlugin

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _kept(data: bytes) -> bytes:
    return verified(data, check_type(data[:8192]), "evidence", 90_000_000)


def test_every_type_taken_has_a_parser() -> None:
    assert set(ALLOWED_TYPES) <= PARSED_TYPES


def test_a_jpeg_keeps_its_pixels_and_orientation_but_not_where_it_was_taken() -> None:
    sent = jpeg_with_gps()
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(GPS_IFD)
    kept = _kept(sent)
    image = Image.open(io.BytesIO(kept))
    exif = image.getexif()
    assert dict(exif) == {ORIENTATION: 6} and not exif.get_ifd(GPS_IFD)
    assert b"PhoneMaker" not in kept and b"Example Court" not in kept
    assert "comment" not in image.info
    # The image data is the bytes sent: only metadata segments went.
    assert kept.endswith(sent[sent.index(b"\xff\xda") :])


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    with pytest.raises(ImageTooLarge) as refused:
        _kept(png_bomb())
    assert refused.value.status_code == 422
    assert "pixels" in refused.value.message
    # Below Pillow's own limit, the configured one still holds.
    out = io.BytesIO()
    Image.new("L", (3000, 3000)).save(out, "PNG")
    with pytest.raises(ImageTooLarge, match="3,000 x 3,000"):
        verified(out.getvalue(), "image/png", "big.png", 1_000_000)


@pytest.mark.parametrize(
    "sent",
    [
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + HTML,
        b"\x89PNG\r\n\x1a\n" + HTML,
        b"GIF89a" + HTML,
        b"RIFF\x40\x00\x00\x00WEBPVP8 " + HTML,
    ],
    ids=["jpeg", "png", "gif", "webp"],
)
def test_a_photo_header_followed_by_html_is_refused(sent: bytes) -> None:
    with pytest.raises(Unreadable) as refused:
        verified(sent, check_type(sent), "photo", 90_000_000)
    assert refused.value.status_code == 422


def test_whatever_follows_a_whole_image_is_not_kept() -> None:
    for kept in (_kept(jpeg_with_gps() + HTML), _kept(_png_with_text() + HTML)):
        assert b"<html>" not in kept


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "53.4083, -2.1494")
    out = io.BytesIO()
    Image.new("RGB", (10, 10), (1, 2, 3)).save(
        out, "PNG", pnginfo=info, exif=exif_with_gps().tobytes()
    )
    return out.getvalue()


def test_png_webp_gif_and_heic_lose_their_metadata() -> None:
    png = _kept(_png_with_text())
    assert b"Location" not in png and b"eXIf" not in png
    assert Image.open(io.BytesIO(png)).getpixel((0, 0)) == (1, 2, 3)

    out = io.BytesIO()
    Image.new("RGB", (20, 20), (9, 9, 9)).save(out, "WEBP", exif=exif_with_gps().tobytes())
    webp = _kept(out.getvalue())
    assert "exif" in Image.open(out).info and "exif" not in Image.open(io.BytesIO(webp)).info
    assert Image.open(io.BytesIO(webp)).size == (20, 20)

    frames = [Image.new("RGB", (8, 8), (i * 80, 0, 0)).convert("P") for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], comment=b"our street")
    gif = _kept(out.getvalue())
    assert b"our street" not in gif and Image.open(io.BytesIO(gif)).n_frames == 3

    out = io.BytesIO()
    Image.new("RGB", (64, 32), (0, 200, 0)).save(out, "HEIF", exif=exif_with_gps().tobytes())
    heic = _kept(out.getvalue())
    image = Image.open(io.BytesIO(heic))
    assert not image.info.get("exif")
    assert image.size == (32, 64)  # the orientation applied to the pixels


def _wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * 800)
    return out.getvalue()


MP3 = (b"\xff\xfb\x90\x00" + b"\x00" * 413) * 20  # MPEG-1 layer III frames, 128 kbit/s
AMR = b"#!AMR\n" + (b"\x3c" + b"\x00" * 31) * 10  # 12.2 kbit/s frames
WEBM = (
    b"\x1a\x45\xdf\xa3\x9f"  # EBML header, 31 bytes
    + b"\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
    + b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02"
    + b"\x18\x53\x80\x67\x01\x00\x00\x00\x00\x00\x00\x00"  # a Segment of unknown size
)


@pytest.mark.parametrize(
    ("sent", "content_type"),
    [(_wav(), "audio/wav"), (MP3, "audio/mpeg"), (AMR, "audio/amr"), (WEBM, "video/webm")],
    ids=["wav", "mp3", "amr", "webm"],
)
def test_recordings_are_read_through_and_kept_as_sent(sent: bytes, content_type: str) -> None:
    assert check_type(sent) == content_type
    assert verified(sent, content_type, "recording", 90_000_000) == sent
    broken = sent[:40] + HTML if content_type != "video/webm" else sent[:20] + HTML
    with pytest.raises(EvidenceRefused):
        verified(broken, content_type, "recording", 90_000_000)


def test_check_evidence_hashes_what_is_kept() -> None:
    checked = check_evidence(jpeg_with_gps(), "IMG_0001.jpg", "image/jpeg")
    assert not Image.open(io.BytesIO(checked.data)).getexif().get_ifd(GPS_IFD)
    import hashlib

    assert checked.sha256 == hashlib.sha256(checked.data).hexdigest()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _mp4_with_location() -> bytes:
    """A minimal MP4 (a movie header, where it was recorded as ``©xyz``, and its media)."""
    mvhd = _box(
        b"mvhd",
        b"\x00\x00\x00\x00"
        + struct.pack(">IIII", 0, 0, 1000, 5000)
        + b"\x00\x01\x00\x00\x01\x00"
        + b"\x00" * 70
        + struct.pack(">I", 2),
    )
    where = _box(b"\xa9xyz", struct.pack(">HH", 18, 0) + b"+53.4083-002.1494/")
    return (
        _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41")
        + _box(b"moov", mvhd + _box(b"udta", where))
        + _box(b"mdat", b"\x01" * 64)
    )


def test_a_video_keeps_its_media_but_not_where_it_was_recorded() -> None:
    sent = _mp4_with_location()
    assert check_type(sent) == "video/mp4"
    kept = verified(sent, "video/mp4", "clip.mp4", 90_000_000)
    assert b"53.4083" in sent and b"53.4083" not in kept
    assert len(kept) == len(sent) and kept.endswith(b"\x01" * 64)  # nothing moved
    assert b"free" in kept and b"udta" not in kept
    with pytest.raises(Unreadable):
        verified(sent[:40] + HTML, "video/mp4", "clip.mp4", 90_000_000)
