"""Email reporters are answered through the mail relay (the project's mail sink): their
reference and tracking code, or why no report was made and what to do; and a message that can
never be kept is refused for good (554), not put off (451)."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import smtplib
import uuid
from collections.abc import AsyncIterator
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from asb_devtools.mailsink import create_app as create_mailsink
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    eventually,
    free_port,
    running_api,
    service_api,
    service_worker,
)
from intake.main import definition
from mail_samples import listening, mail, send

ORG = uuid.UUID("00000000-0000-7000-8000-00000000e009")


@dataclasses.dataclass
class Mailboxes:
    port: int
    sink: httpx.AsyncClient
    api: httpx.AsyncClient


@pytest.fixture(scope="module")
async def boxes(
    test_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Mailboxes]:
    test_env.register_organisation(ORG)
    port, relay = free_port(), free_port()
    settings: dict[str, Any] = {
        "evidence_dir": tmp_path_factory.mktemp("reply-evidence"),
        "public_rate_per_minute": 0,
        "public_base_url": "https://api.landlord.example",
        "resident_site_url": "https://report.landlord.example",
    }
    async with (
        running_api(create_mailsink("127.0.0.1", relay)) as sink,
        service_api(test_env, definition, **settings) as api,
        service_worker(
            test_env,
            definition,
            inbound_smtp_port=port,
            inbound_mail_organisation_id=ORG,
            smtp_port=relay,
            **settings,
        ),
    ):
        await eventually(lambda: listening(port))
        yield Mailboxes(port, sink, api)


async def _replies(boxes: Mailboxes, to: str) -> list[dict[str, Any]]:
    return list((await boxes.sink.get("/api/messages", params={"to": to})).json())


async def test_an_email_reporter_gets_their_reference_and_a_tracking_code_that_works(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    sender = f"resident-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=f"Pat Resident <{sender}>")
    await send(boxes.port, msg)

    [reply] = await eventually(lambda: _replies(boxes, sender))
    reference = re.search(r"Your reference is ([A-Z]{2,6}-\d{4}-\d{6})", reply["body"])
    token = re.search(r"Your tracking code is (\S+)", reply["body"])
    assert reference and token, reply["body"]
    assert reply["subject"] == f"Your report {reference.group(1)} has been received"
    assert reply["headers"]["Auto-Submitted"] == "auto-replied"
    assert reply["headers"]["In-Reply-To"] == msg["Message-ID"]
    # The link opens the resident site's follow page, the code in its fragment only.
    slug = reference.group(1).split("-")[0].lower()
    assert (
        f"https://report.landlord.example/{slug}/follow#{reference.group(1)}.{token.group(1)}"
        in reply["body"]
    )
    assert "X-Tracking-Token" not in reply["body"]

    status = await boxes.api.get(
        f"/v1/reports/{reference.group(1)}/status",
        headers={"X-Tracking-Token": token.group(1)},
    )
    assert status.status_code == 200, status.text
    # The code exists only in the reply: never in the outbox (the bus) nor stored in clear.
    url = test_env.database_url("intake")
    assert await count_rows(url, "outbox", f"payload LIKE '%{token.group(1)}%'") == 0
    assert await count_rows(url, "reports", f"tracking_token_hash = '{token.group(1)}'") == 0
    assert (
        await count_rows(
            url, "inbound_mail", f"message_id = '{msg['Message-ID']}' AND reply_status = 'sent'"
        )
        == 1
    )


async def test_a_mail_that_cannot_become_a_report_is_answered_with_why_and_what_to_do(
    boxes: Mailboxes,
) -> None:
    sender = f"blank-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=sender, subject="", body=None)
    msg.add_attachment(
        b"MZ\x90\x00" + b"\x00" * 200,
        maintype="application",
        subtype="octet-stream",
        filename="invoice.exe",
    )
    await send(boxes.port, msg)
    [reply] = await eventually(lambda: _replies(boxes, sender))
    assert reply["subject"] == "We could not take your report from your email"
    assert "no text to make a report from" in reply["body"]
    assert "invoice.exe" in reply["body"]
    assert "What to do" in reply["body"]


async def test_an_attachment_refused_as_unsafe_is_explained_with_the_reference(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    sender = f"attach-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=sender)
    msg.add_attachment(
        b"MZ\x90\x00" + b"\x00" * 200,
        maintype="application",
        subtype="octet-stream",
        filename="video.exe",
    )
    await send(boxes.port, msg)
    [reply] = await eventually(lambda: _replies(boxes, sender))
    assert f"Your reference is {test_env.organisations[ORG].reference_prefix}-" in reply["body"]
    assert "video.exe" in reply["body"] and "not kept" in reply["body"]


async def test_an_automatic_reply_is_never_answered(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    sender = f"robot-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=sender, subject="Out of office")
    msg["Auto-Submitted"] = "auto-replied"
    await send(boxes.port, msg)
    url = test_env.database_url("intake")

    async def handled() -> bool:
        return (
            await count_rows(
                url,
                "inbound_mail",
                f"message_id = '{msg['Message-ID']}' AND status = 'needs_attention'",
            )
            == 1
        )

    await eventually(handled)
    await asyncio.sleep(0.2)
    assert await _replies(boxes, sender) == []


async def test_a_message_that_can_never_be_kept_is_refused_for_good(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    msg = EmailMessage()
    msg["From"] = "nul@example.org"
    msg["To"] = "asb@landlord.example"
    msg["Message-ID"] = "<nul-subject@example.org>"
    msg.set_content("Loud music from flat 4 until 3am again last night.")
    raw = msg.as_bytes().replace(b"To: ", b"Subject: Loud\x00music\r\nTo: ", 1)

    def deliver() -> None:
        with smtplib.SMTP("127.0.0.1", boxes.port, timeout=30) as smtp:
            smtp.sendmail("nul@example.org", ["asb@landlord.example"], raw)

    with pytest.raises(smtplib.SMTPDataError) as refused:
        await asyncio.to_thread(deliver)
    assert refused.value.smtp_code == 554
    assert (
        await count_rows(
            test_env.database_url("intake"), "inbound_mail", "mail_from = 'nul@example.org'"
        )
        == 0
    )
