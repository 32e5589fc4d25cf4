"""A file served back is a download of its checked type: attachment, nosniff, no-store, and a
name that cannot break out of the header."""

from __future__ import annotations

from asb_shared.files import content_disposition, download


def test_a_download_is_an_attachment_never_sniffed_nor_cached() -> None:
    answer = download(b"<html>", "image/jpeg", "photo.jpg", {"X-Content-SHA256": "ab"})
    assert answer.media_type == "image/jpeg"
    assert answer.headers["content-disposition"].startswith('attachment; filename="photo.jpg"')
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-sha256"] == "ab"


def test_a_name_cannot_break_out_of_the_header() -> None:
    header = content_disposition('evil".html"; inline\r\nX-Injected: 1 café.jpg')
    plain = header.split("filename*=")[0]
    assert plain.count('"') == 2 and "\r" not in header and "\n" not in header
    assert header.startswith("attachment; ")
    assert (
        "filename*=UTF-8''evil%22.html%22%3B%20inline%0D%0AX-Injected%3A%201%20caf%C3%A9.jpg"
        in header
    )
    assert content_disposition("...") == "attachment; filename=\"download\"; filename*=UTF-8''..."
