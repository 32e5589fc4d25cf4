"""The Positive Requirement Report: a PDF of the client's record, kept with hash and version."""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from engagement.reports.render import DEFAULT_CSS, DEFAULT_HTML
from pypdf import PdfReader

Headers = Callable[..., dict[str, str]]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


async def test_a_report_is_rendered_stored_with_its_hash_and_reads_back_as_text(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    peo = as_("peo", org=org)
    client = await new_client(org, name="Morgan Reportee")
    await api.post(
        f"/v1/clients/{client['id']}/assessments",
        headers=peo,
        json={"answers": {"alcohol": {"use": "daily", "impact": "serious"}}},
    )
    url = f"/v1/clients/{client['id']}/reports"
    made = await api.post(
        url, headers=peo, json={"recommendation": "Grant the order with a positive requirement."}
    )
    assert made.status_code == 201, made.text
    report = made.json()
    assert report["number"] == 1 and report["template_version"] == 0
    pdf = await api.get(f"{url}/{report['id']}/pdf", headers=peo)
    assert pdf.headers["content-type"] == "application/pdf"
    assert (
        hashlib.sha256(pdf.content).hexdigest()
        == report["sha256"]
        == pdf.headers["x-content-sha256"]
    )
    text = pdf_text(pdf.content)
    assert "Positive Requirement Report" in text
    assert "Morgan Reportee" in text
    assert client["reference"] in text
    assert "Grant the order with a positive requirement." in text
    assert "Alcohol" in text

    second = (await api.post(url, headers=peo, json={"recommendation": "Still support."})).json()
    assert second["number"] == 2
    assert [r["number"] for r in (await api.get(url, headers=peo)).json()] == [2, 1]
    first_again = await api.get(f"{url}/{report['id']}/pdf", headers=peo)
    assert first_again.content == pdf.content  # kept exactly as generated


async def test_staff_change_the_template_and_a_broken_one_is_refused(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    peo, admin = as_("peo", org=org), as_("admin", org=org)
    shipped = (await api.get("/v1/report-template", headers=peo)).json()
    assert shipped["version"] == 0 and shipped["html"] == DEFAULT_HTML
    # PEOs read the template; only admins change it.
    refused = await api.put(
        "/v1/report-template", headers=peo, json={"html": DEFAULT_HTML, "css": DEFAULT_CSS}
    )
    assert refused.status_code == 403
    broken = await api.put(
        "/v1/report-template", headers=admin, json={"html": "{{ client.nmae }}", "css": DEFAULT_CSS}
    )
    assert broken.status_code == 422
    assert broken.json()["error"]["details"][0]["field"] == "html"
    changed = await api.put(
        "/v1/report-template",
        headers=admin,
        json={
            "html": DEFAULT_HTML.replace(
                "Positive Requirement Report</h1>", "PRR for the court</h1>"
            ),
            "css": DEFAULT_CSS,
        },
    )
    assert changed.status_code == 201 and changed.json()["version"] == 1
    client = await new_client(org)
    made = (
        await api.post(
            f"/v1/clients/{client['id']}/reports", headers=peo, json={"recommendation": "Support."}
        )
    ).json()
    assert made["template_version"] == 1
    pdf = await api.get(f"/v1/clients/{client['id']}/reports/{made['id']}/pdf", headers=peo)
    assert "PRR for the court" in pdf_text(pdf.content)
    other_org = (await api.get("/v1/report-template", headers=as_("peo", org=uuid.uuid4()))).json()
    assert other_org["version"] == 0
