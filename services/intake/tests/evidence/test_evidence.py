"""Evidence uploads through the public API, and the stores they are written to, for real: the
database, the broker, the disk, and an S3 server speaking the S3 HTTP API (moto)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import socket
import struct
import uuid
import zlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import boto3  # type: ignore[import-untyped]
import httpx
import pytest
from asb_shared.evidence.checks import (
    TypeMismatch,
    TypeNotAllowed,
    check_evidence,
    detect_type,
    safe_filename,
)
from asb_shared.evidence.storage import (
    EvidenceNotFound,
    LocalDiskStore,
    S3Store,
    UnsafeKey,
    evidence_key,
    store_from_settings,
)
from asb_shared.testing import TestEnvironment, count_rows, service_api
from intake.main import definition
from intake.settings import IntakeSettings
from intake_samples import HTML, jpeg_with_gps, png_bomb, tiny_jpeg
from moto.server import ThreadedMotoServer
from PIL import Image

ORG = uuid.UUID("00000000-0000-7000-8000-00000000e001")
LIMIT = 64 * 1024  # a small per-file limit, so an oversized file is cheap to make


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xc8\x1e\x1e"))
        + chunk(b"IEND", b"")
    )


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def report_body() -> dict[str, Any]:
    return {
        "organisation_id": str(ORG),
        "categories": ["vandalism"],
        "description": "Someone keeps smashing the glass of the door to block C at night.",
        "location": {"description": "Block C entrance"},
        "occurred_at": "2026-11-20T23:30:00Z",
        "reporter": {"name": "Sam Resident", "email": "sam@example.org"},
    }


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("evidence")


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment, evidence_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    test_env.register_organisation(ORG)
    async with service_api(
        test_env,
        definition,
        evidence_dir=evidence_dir,
        evidence_max_file_bytes=LIMIT,
        max_body_bytes=4 * 1024 * 1024,
        public_rate_per_minute=0,
    ) as client:
        yield client


async def new_report(client: httpx.AsyncClient) -> tuple[str, dict[str, str]]:
    response = await client.post("/v1/reports", json=report_body())
    assert response.status_code == 201, response.text
    body = response.json()
    return body["reference"], {"X-Tracking-Token": body["tracking_token"]}


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


async def stored(test_env: TestEnvironment, evidence_dir: Path) -> tuple[int, int, int, int]:
    """Rows and files that an upload would add: follow-ups, evidence, outbox, files on disk."""
    url = test_env.database_url("intake")
    files = len(files_under(evidence_dir))
    return (
        await count_rows(url, "followups"),
        await count_rows(url, "evidence_files"),
        await count_rows(url, "outbox"),
        files,
    )


async def test_photos_are_kept_hashed_and_announced(
    client: httpx.AsyncClient, test_env: TestEnvironment, evidence_dir: Path
) -> None:
    reference, token = await new_report(client)
    png, jpeg = tiny_png(), tiny_jpeg()
    response = await client.post(
        f"/v1/reports/{reference}/evidence",
        headers=token,
        files=[
            ("files", ("door.png", png, "image/png")),
            ("files", ("IMG_0042.JPG", jpeg, "image/jpeg")),
        ],
        data={"description": "The door this morning"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["report_reference"] == reference
    items = body["items"]
    assert [(i["filename"], i["content_type"], i["size"], i["sha256"]) for i in items] == [
        ("door.png", "image/png", len(png), hashlib.sha256(png).hexdigest()),
        ("IMG_0042.JPG", "image/jpeg", len(jpeg), hashlib.sha256(jpeg).hexdigest()),
    ]

    url = test_env.database_url("intake")
    followup = body["followup_id"]
    assert (
        await count_rows(
            url,
            "followups",
            f"id = '{followup}' AND kind = 'evidence' AND description = 'The door this morning'",
        )
        == 1
    )
    assert await count_rows(url, "evidence_files", f"followup_id = '{followup}'") == 2
    events = await _outbox_payloads(url, "intake.followup.received", followup)
    assert len(events) == 1
    refs = events[0]["data"]["evidence"]
    assert [(r["evidence_id"], r["sha256"]) for r in refs] == [
        (i["id"], i["sha256"]) for i in items
    ]
    # The bytes on disk are the bytes sent, under keys of intake's making.
    for ref, data in zip(refs, (png, jpeg), strict=True):
        assert re.fullmatch(rf"{ORG}/\d{{4}}/\d{{2}}/{ref['evidence_id']}", ref["storage_key"])
        assert (evidence_dir / ref["storage_key"]).read_bytes() == data

    listed = await client.get(f"/v1/reports/{reference}/evidence", headers=token)
    assert listed.status_code == 200
    assert [i["sha256"] for i in listed.json()["items"]] == [i["sha256"] for i in items]


async def _outbox_payloads(url: str, routing_key: str, needle: str) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch(
            "SELECT payload FROM outbox WHERE routing_key = $1 AND payload::text LIKE $2",
            routing_key,
            f"%{needle}%",
        )
    finally:
        await conn.close()
    return [json.loads(r["payload"]) for r in rows]


REFUSED: list[tuple[str, list[tuple[str, bytes, str]], int, str]] = [
    ("pdf named photo.jpg", [("photo.jpg", PDF, "image/jpeg")], 415, "type_not_allowed"),
    (
        "text named photo.jpg",
        [("photo.jpg", b"just some text\n" * 4, "image/jpeg")],
        415,
        "type_not_allowed",
    ),
    ("png named photo.jpg", [("photo.jpg", tiny_png(), "image/jpeg")], 415, "type_mismatch"),
    ("jpeg sent as a pdf", [("scan", tiny_jpeg(), "application/pdf")], 415, "type_mismatch"),
    (
        "jpeg named .exe",
        [("run.exe", tiny_jpeg(), "application/octet-stream")],
        415,
        "type_mismatch",
    ),
    ("empty file", [("photo.jpg", b"", "image/jpeg")], 415, "empty_file"),
    (
        "oversized photo",
        [("big.png", tiny_png() + b"\x00" * LIMIT, "image/png")],
        413,
        "file_too_large",
    ),
    ("decompression bomb", [("big.png", png_bomb(), "image/png")], 422, "image_too_large"),
    (
        "jpeg header then html",
        [
            (
                "photo.jpg",
                b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + HTML,
                "image/jpeg",
            )
        ],
        422,
        "unreadable",
    ),
]
CODES = {413: "payload_too_large", 415: "unsupported_media_type", 422: "unreadable_file"}


@pytest.mark.parametrize(("case", "files", "status", "kind"), REFUSED, ids=[r[0] for r in REFUSED])
async def test_a_refused_file_is_refused_with_details_and_nothing_is_kept(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    evidence_dir: Path,
    case: str,
    files: list[tuple[str, bytes, str]],
    status: int,
    kind: str,
) -> None:
    reference, token = await new_report(client)
    before = await stored(test_env, evidence_dir)
    # A good photo first: it must not be kept either when the other file is refused.
    upload = [("files", ("fine.png", tiny_png(), "image/png"))]
    upload += [("files", f) for f in files]
    response = await client.post(f"/v1/reports/{reference}/evidence", headers=token, files=upload)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == CODES[status]
    assert error["details"] == [
        {"field": "files.1", "message": error["details"][0]["message"], "type": kind}
    ], case
    assert await stored(test_env, evidence_dir) == before


async def test_a_photo_is_kept_without_where_it_was_taken(
    client: httpx.AsyncClient, test_env: TestEnvironment, evidence_dir: Path
) -> None:
    reference, token = await new_report(client)
    sent = jpeg_with_gps()
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(0x8825)  # latitude and longitude
    response = await client.post(
        f"/v1/reports/{reference}/evidence",
        headers=token,
        files=[("files", ("IMG_0001.JPG", sent, "image/jpeg"))],
    )
    assert response.status_code == 201, response.text
    item = response.json()["items"][0]
    url = test_env.database_url("intake")
    kept = (evidence_dir / await _storage_key(url, item["id"])).read_bytes()
    assert item["sha256"] == hashlib.sha256(kept).hexdigest() and item["size"] == len(kept)
    exif = Image.open(io.BytesIO(kept)).getexif()
    assert not exif.get_ifd(0x8825) and b"PhoneMaker" not in kept
    assert exif.get(0x0112) == 6  # still shows upright
    assert Image.open(io.BytesIO(kept)).size == (64, 48)

    # Staff of the landlord download it as kept, as its checked type, never shown in place.
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    got = await client.get(f"/v1/evidence/{item['id']}/file", headers=officer)
    assert got.status_code == 200
    assert got.content == kept
    assert got.headers["content-type"] == "image/jpeg"
    assert got.headers["content-disposition"].startswith('attachment; filename="IMG_0001.JPG"')
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["cache-control"] == "no-store"
    assert got.headers["x-content-sha256"] == item["sha256"]
    other = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=uuid.uuid4())}"}
    assert (await client.get(f"/v1/evidence/{item['id']}/file", headers=other)).status_code == 404
    assert (await client.get(f"/v1/evidence/{item['id']}/file", headers=token)).status_code == 401

    # Every download of a stored evidence file is audited: who, when, which file; for team
    # leaders to see and export; never changed nor removed.
    leader = {"Authorization": f"Bearer {test_env.token('team_leader', organisation_id=ORG)}"}
    reads = await client.get(
        "/v1/evidence/reads", params={"evidence_id": item["id"]}, headers=leader
    )
    assert reads.status_code == 200, reads.text
    [read] = reads.json()["items"]
    assert read["evidence_id"] == item["id"] and read["actor_roles"] == "officer"
    assert (await client.get("/v1/evidence/reads", headers=officer)).status_code == 403
    exported = await client.get(
        "/v1/evidence/reads/export.csv", params={"evidence_id": item["id"]}, headers=leader
    )
    assert exported.status_code == 200 and item["id"] in exported.text
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        for statement in ("UPDATE evidence_reads SET actor = 'x'", "DELETE FROM evidence_reads"):
            with pytest.raises(asyncpg.PostgresError, match="append-only"):
                await conn.execute(statement)
    finally:
        await conn.close()


async def test_the_wrong_token_finds_nothing_and_keeps_nothing(
    client: httpx.AsyncClient, test_env: TestEnvironment, evidence_dir: Path
) -> None:
    reference, token = await new_report(client)
    before = await stored(test_env, evidence_dir)
    wrong = {"X-Tracking-Token": "not-the-token-at-all"}
    photo = [("files", ("door.png", tiny_png(), "image/png"))]
    for ref, headers in ((reference, wrong), ("ASB-1999-000001", token)):
        posted = await client.post(f"/v1/reports/{ref}/evidence", headers=headers, files=photo)
        assert posted.status_code == 404
        assert posted.json()["error"]["code"] == "not_found"
        listed = await client.get(f"/v1/reports/{ref}/evidence", headers=headers)
        assert listed.status_code == 404
    # A wrong token with a bad file is still just "not found": nothing about the report shows.
    bad = await client.post(
        f"/v1/reports/{reference}/evidence",
        headers=wrong,
        files=[("files", ("photo.jpg", PDF, "image/jpeg"))],
    )
    assert bad.status_code == 404
    assert await stored(test_env, evidence_dir) == before


async def test_too_many_files_or_none_is_a_validation_error(client: httpx.AsyncClient) -> None:
    reference, token = await new_report(client)
    many = [("files", (f"p{i}.png", tiny_png(), "image/png")) for i in range(11)]
    response = await client.post(f"/v1/reports/{reference}/evidence", headers=token, files=many)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "files"
    none = await client.post(
        f"/v1/reports/{reference}/evidence", headers=token, data={"description": "nothing"}
    )
    assert none.status_code == 422
    assert none.json()["error"]["details"][0]["field"] == "files"


async def test_a_path_in_the_file_name_goes_nowhere(
    client: httpx.AsyncClient, evidence_dir: Path
) -> None:
    reference, token = await new_report(client)
    jpeg = tiny_jpeg()
    response = await client.post(
        f"/v1/reports/{reference}/evidence",
        headers=token,
        files=[("files", ("../../etc/passwd.jpg", jpeg, "image/jpeg"))],
    )
    assert response.status_code == 201, response.text
    item = response.json()["items"][0]
    assert item["filename"] == "passwd.jpg"
    matches = [p for p in files_under(evidence_dir) if p.name == item["id"]]
    assert len(matches) == 1 and matches[0].read_bytes() == jpeg
    assert not (evidence_dir.parent / "etc").exists()
    assert not any(p.name.startswith("passwd") for p in evidence_dir.parent.rglob("*"))


def test_keys_are_intakes_own_and_unsafe_keys_are_refused(tmp_path: Path) -> None:
    key = evidence_key(ORG, uuid.UUID("0190f000-0000-7000-8000-000000000001"))
    assert re.fullmatch(rf"{ORG}/\d{{4}}/\d{{2}}/0190f000-0000-7000-8000-000000000001", key)
    store = LocalDiskStore(tmp_path / "root")
    for unsafe in ("../escape", "/etc/passwd", "a/../../b", "a//b", ".hidden", "a/./b", "", "a\\b"):
        with pytest.raises(UnsafeKey):
            store.path_for(unsafe)
    for name, safe in (
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("C:\\Users\\me\\IMG_1.JPG", "IMG_1.JPG"),
        ("..", "evidence"),
        ("a\x00b\nc.png", "abc.png"),
    ):
        assert safe_filename(name) == safe


async def test_the_local_store_writes_whole_files(tmp_path: Path) -> None:
    store = LocalDiskStore(tmp_path)
    key = evidence_key(ORG, uuid.uuid4())
    await store.put(key, b"first", "image/png")
    assert await store.get(key) == b"first"
    assert [p.name for p in (tmp_path / key).parent.iterdir()] == [key.rsplit("/", 1)[-1]]
    await store.delete(key)
    with pytest.raises(EvidenceNotFound):
        await store.get(key)
    await store.delete(key)  # deleting what is gone is fine


def test_types_come_from_content() -> None:
    assert detect_type(tiny_jpeg()) == "image/jpeg"
    assert detect_type(tiny_png()) == "image/png"
    assert detect_type(PDF) == "application/pdf"
    # A JPEG's name and type say nothing when they are not given or generic.
    assert check_evidence(tiny_jpeg(), "IMG_0042", "application/octet-stream").content_type == (
        "image/jpeg"
    )
    with pytest.raises(TypeMismatch):
        check_evidence(tiny_jpeg(), "clip.mp4", None)
    with pytest.raises(TypeNotAllowed):
        check_evidence(b"MZ\x90\x00" + b"\x00" * 60, "photo.jpg", None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def s3() -> Iterator[dict[str, str]]:
    """A local S3 server (moto) with a bucket; the settings that point a store at it."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    settings = {
        "evidence_store": "s3",
        "s3_endpoint_url": f"http://127.0.0.1:{port}",
        "s3_bucket": "asb-evidence",
        "s3_access_key": "test-access-key",
        "s3_secret_key": "test-secret-key",
        "s3_region": "eu-west-2",
    }
    admin = boto3.client(
        "s3",
        endpoint_url=settings["s3_endpoint_url"],
        aws_access_key_id="test-access-key",
        aws_secret_access_key="test-secret-key",
        region_name="eu-west-2",
    )
    admin.create_bucket(
        Bucket="asb-evidence", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    try:
        yield settings
    finally:
        server.stop()


async def test_the_s3_store_round_trips_over_the_s3_api(s3: dict[str, str]) -> None:
    store = store_from_settings(IntakeSettings(**s3))
    assert isinstance(store, S3Store)
    key = evidence_key(ORG, uuid.uuid4())
    jpeg = tiny_jpeg()
    await store.put(key, jpeg, "image/jpeg")
    assert await store.get(key) == jpeg
    head = store._client.head_object(Bucket=s3["s3_bucket"], Key=key)
    assert head["ContentType"] == "image/jpeg"
    assert head["ContentLength"] == len(jpeg)
    assert head["Metadata"] == {"sha256": hashlib.sha256(jpeg).hexdigest()}
    await store.delete(key)
    with pytest.raises(EvidenceNotFound):
        await store.get(key)
    with pytest.raises(UnsafeKey):
        await store.put("../outside", b"x", "image/png")


async def test_an_upload_goes_to_s3_when_configured(
    test_env: TestEnvironment, s3: dict[str, str]
) -> None:
    async with service_api(test_env, definition, public_rate_per_minute=0, **s3) as client:
        reference, token = await new_report(client)
        png = tiny_png()
        response = await client.post(
            f"/v1/reports/{reference}/evidence",
            headers=token,
            files=[("files", ("door.png", png, "image/png"))],
        )
        assert response.status_code == 201, response.text
        item = response.json()["items"][0]
    url = test_env.database_url("intake")
    key = await _storage_key(url, item["id"])
    store = store_from_settings(IntakeSettings(**s3))
    assert await store.get(key) == png
    assert hashlib.sha256(await store.get(key)).hexdigest() == item["sha256"]


async def _storage_key(url: str, evidence_id: str) -> str:
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        return str(
            await conn.fetchval(
                "SELECT storage_key FROM evidence_files WHERE id = $1", uuid.UUID(evidence_id)
            )
        )
    finally:
        await conn.close()
