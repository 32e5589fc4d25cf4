"""Files staff add to a case: checked by content and hashed at receipt, opened by an officer
(each opening on the timeline), and indexed in the court bundle with hashes that match."""

from __future__ import annotations

import hashlib
import io
import uuid

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import bearer, open_case, sql
from PIL import Image
from pypdf import PdfReader


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


async def _upload(
    client: httpx.AsyncClient, headers: dict[str, str], case_id: str, name: str, data: bytes
) -> httpx.Response:
    return await client.post(
        f"/v1/cases/{case_id}/evidence/files",
        files={"file": (name, data, "image/png")},
        data={"description": f"Photo {name} of the damage", "kind": "photo"},
        headers=headers,
    )


async def test_a_stored_file_is_opened_by_an_officer_and_its_opening_recorded(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    added = await _upload(client, officer, case_id, "door.png", png((200, 10, 10)))
    assert added.status_code == 201, added.text
    item = added.json()
    assert item["kept_here"] and item["content_type"] == "image/png"

    opened = await client.get(f"/v1/cases/{case_id}/evidence/{item['id']}/file", headers=officer)
    assert opened.status_code == 200
    assert opened.headers["content-type"] == "image/png"
    assert opened.headers["content-disposition"].startswith("attachment")
    assert hashlib.sha256(opened.content).hexdigest() == item["sha256"]
    assert Image.open(io.BytesIO(opened.content)).size == (40, 30)
    [entry] = await sql(
        test_env,
        "SELECT actor, evidence_id FROM sensitive_reads "
        "WHERE case_id = $1 AND resource = 'evidence_file'",
        uuid.UUID(case_id),
    )
    assert str(entry["evidence_id"]) == item["id"] and entry["actor"] == "officer-ash"

    # Another landlord's officer finds nothing, and nothing is recorded.
    other = bearer(test_env, "officer", org=uuid.uuid4())
    missing = await client.get(f"/v1/cases/{case_id}/evidence/{item['id']}/file", headers=other)
    assert missing.status_code == 404


async def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_kept(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    refused = await client.post(
        f"/v1/cases/{case_id}/evidence/files",
        files={"file": ("photo.png", b"%PDF-1.4 not a photo at all", "image/png")},
        headers=officer,
    )
    assert refused.status_code == 415, refused.text
    assert refused.json()["error"]["details"][0]["field"] == "files.0"
    listed = await client.get(f"/v1/cases/{case_id}/evidence", headers=officer)
    assert listed.json()["items"] == []


async def test_the_court_bundle_lists_every_file_with_the_hash_of_the_file_stored(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    ids = []
    for name, colour in (("front.png", (0, 90, 0)), ("back.png", (0, 0, 90))):
        added = await _upload(client, officer, case_id, name, png(colour))
        assert added.status_code == 201, added.text
        ids.append(added.json()["id"])
    bundle = await client.get(f"/v1/cases/{case_id}/court-bundle", headers=officer)
    assert bundle.status_code == 200, bundle.text
    assert bundle.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(bundle.content)).pages)
    for evidence_id in ids:
        stored = await client.get(
            f"/v1/cases/{case_id}/evidence/{evidence_id}/file", headers=officer
        )
        assert hashlib.sha256(stored.content).hexdigest() in text
    assert "Photo front.png of the damage" in text
    assert "Evidence file added (photo)" in text  # the timeline
    assert "Evidence file opened" not in text
