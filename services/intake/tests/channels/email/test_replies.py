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
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import asyncpg
import httpx
import pytest
from asb_devtools.mailsink import create_app as create_mailsink
from asb_shared.contracts.casework import CaseOpenedV2, ContactRecord
from asb_shared.contracts.common import AsbCategory, ContactChannel, ContactPreferences
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    eventually,
    free_port,
    publish_event,
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


async def _report_of(test_env: TestEnvironment, msg: EmailMessage) -> asyncpg.Record:
    """The report the message was made into (id, reference), once it is."""

    async def found() -> asyncpg.Record | None:
        conn = await asyncpg.connect(test_env.database_url("intake").replace("+asyncpg", ""))
        try:
            return await conn.fetchrow(
                "SELECT r.id, r.reference FROM inbound_mail m JOIN reports r ON r.id = m.report_id"
                " WHERE m.message_id = $1",
                msg["Message-ID"],
            )
        finally:
            await conn.close()

    return await eventually(found)


async def _case_opened(
    test_env: TestEnvironment,
    msg: EmailMessage,
    sender: str,
    *,
    route: str | None = None,
    preferences: ContactPreferences | None = None,
    anonymous: bool = False,
) -> None:
    """Casework opens a case for the email's report on ``route``, with the complainant's
    contact record as it announces it (careful on the careful routes), through the bus."""
    report = await _report_of(test_env, msg)
    await publish_event(
        test_env,
        CaseOpenedV2(
            case_id=uuid.uuid4(),
            case_reference=f"C-{uuid.uuid4().hex[:8]}",
            version=1,
            status="open",
            categories=[AsbCategory.DOMESTIC_ABUSE if route else AsbCategory.NOISE],
            report_id=report["id"],
            report_reference=report["reference"],
            opened_at=datetime.now(UTC),
            anonymous=anonymous,
            route=route,
            complainant=None
            if anonymous
            else ContactRecord(
                person_id=uuid.uuid4(),
                report_reference=report["reference"],
                email=sender,
                preferences=preferences or ContactPreferences(preferred=ContactChannel.EMAIL),
            ),
        ),
        organisation_id=ORG,
        producer="casework",
    )


async def _reply_status(test_env: TestEnvironment, msg: EmailMessage) -> tuple[str, str | None]:
    conn = await asyncpg.connect(test_env.database_url("intake").replace("+asyncpg", ""))
    try:
        row = await conn.fetchrow(
            "SELECT reply_status, reply_note FROM inbound_mail WHERE message_id = $1",
            msg["Message-ID"],
        )
    finally:
        await conn.close()
    return (row["reply_status"], row["reply_note"])


async def test_an_email_reporter_gets_their_reference_and_a_tracking_code_that_works(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    sender = f"resident-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=f"Pat Resident <{sender}>")
    await send(boxes.port, msg)
    # No reply before casework has put the report on its route.
    assert (await _report_of(test_env, msg))["reference"]
    assert await _reply_status(test_env, msg) == ("awaiting_route", None)
    assert await _replies(boxes, sender) == []
    await _case_opened(test_env, msg, sender)

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
    await _case_opened(test_env, msg, sender)
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


async def test_a_domestic_abuse_report_by_email_gets_no_automatic_reply_to_that_address(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    sender = f"careful-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=sender, subject="My partner hit me again")
    await send(boxes.port, msg)
    # Casework's record on the domestic-abuse route is careful; email is not marked safe.
    await _case_opened(
        test_env,
        msg,
        sender,
        route="domestic_abuse",
        preferences=ContactPreferences(careful=True, preferred=ContactChannel.EMAIL),
    )
    status, note = await eventually(lambda: _withheld(test_env, msg), timeout=20)
    assert status == "withheld"
    assert note and "email not used" in note
    # An ordinary report sent after it is answered: the replier is running, and still it sent
    # nothing to the careful address.
    ordinary = f"ordinary-{uuid.uuid4().hex[:8]}@example.org"
    other = mail(sender=ordinary)
    await send(boxes.port, other)
    await _case_opened(test_env, other, ordinary)
    await eventually(lambda: _replies(boxes, ordinary))
    assert await _replies(boxes, sender) == []


async def _withheld(test_env: TestEnvironment, msg: EmailMessage) -> tuple[str, str | None] | None:
    got = await _reply_status(test_env, msg)
    return got if got[0] == "withheld" else None


async def test_email_marked_safe_on_a_careful_route_gets_the_reply(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    sender = f"safe-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=sender)
    await send(boxes.port, msg)
    await _case_opened(
        test_env,
        msg,
        sender,
        route="domestic_abuse",
        preferences=ContactPreferences(
            careful=True, preferred=ContactChannel.EMAIL, safe=[ContactChannel.EMAIL]
        ),
    )
    [reply] = await eventually(lambda: _replies(boxes, sender))
    assert "Your tracking code is" in reply["body"]


async def test_an_anonymous_email_report_on_a_careful_route_gets_no_reply(
    boxes: Mailboxes, test_env: TestEnvironment
) -> None:
    sender = f"anon-{uuid.uuid4().hex[:8]}@example.org"
    msg = mail(sender=sender)
    await send(boxes.port, msg)
    await _case_opened(test_env, msg, sender, route="safeguarding", anonymous=True)
    _, note = await eventually(lambda: _withheld(test_env, msg), timeout=20)
    assert note == "no automatic email: anonymous, on the safeguarding route"
    assert await _replies(boxes, sender) == []
