"""Reports by email: real SMTP to the intake worker's listener, the real database and broker."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import smtplib
import socket
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asb_shared.db import Database
from asb_shared.evidence.storage import LocalDiskStore
from asb_shared.messaging import Envelope, Outbox
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    eventually,
    migrated_database,
    service_api,
    service_worker,
)
from asb_shared.usecase import Transactions
from intake.channels.email.mailbox import CONVERTED, NEEDS_ATTENTION, InboundMailbox
from intake.channels.email.parsing import parse_mail
from intake.channels.email.smtp import SmtpHandler, start_smtp_server
from intake.main import definition
from intake_samples import tiny_jpeg
from mail_samples import listening, mail, send

ORG = uuid.UUID("00000000-0000-7000-8000-00000000e002")
OTHER_ORG = uuid.UUID("00000000-0000-7000-8000-00000000e003")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def fetch(test_env: TestEnvironment, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(test_env.database_url("intake").replace("+asyncpg", ""))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


@dataclasses.dataclass
class Running:
    port: int
    evidence_dir: Path
    events: list[Envelope]
    api: httpx.AsyncClient


@pytest.fixture(scope="module")
async def running(
    test_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Running]:
    """The intake worker listening for mail on a free port, its API, and the events it sends."""
    test_env.register_organisation(ORG)
    port, evidence_dir = _free_port(), tmp_path_factory.mktemp("mail-evidence")
    settings = {"evidence_dir": evidence_dir, "public_rate_per_minute": 0}
    async with (
        captured_events(test_env, "intake.report.received") as events,
        service_api(test_env, definition, **settings) as api,
        service_worker(
            test_env,
            definition,
            inbound_smtp_port=port,
            inbound_mail_organisation_id=ORG,
            inbound_mail_replies=False,  # replies are tested with a mail sink: test_replies
            **settings,
        ),
    ):
        await eventually(lambda: listening(port))
        yield Running(port, evidence_dir, events, api)


async def test_an_email_with_a_photo_becomes_a_report_with_evidence(
    running: Running, test_env: TestEnvironment
) -> None:
    jpeg = tiny_jpeg()
    msg = mail()
    msg.add_attachment(jpeg, maintype="image", subtype="jpeg", filename="flat4.jpg")
    await send(running.port, msg)

    [inbound] = await fetch(
        test_env, "SELECT * FROM inbound_mail WHERE message_id = $1", msg["Message-ID"]
    )
    assert inbound["status"] == CONVERTED, inbound["problem"]
    assert inbound["organisation_id"] == ORG
    assert inbound["mail_from"] == "Alex Resident <alex@example.org>"
    assert inbound["subject"] == "Loud music from flat 4 again"
    kept = message_from_bytes(inbound["raw"], policy=policy.default)
    assert kept["Message-ID"] == msg["Message-ID"]
    assert [a.get_content() for a in kept.iter_attachments()] == [jpeg]
    [report] = await fetch(test_env, "SELECT * FROM reports WHERE id = $1", inbound["report_id"])
    assert report["channel"] == "email"
    assert report["source_reference"] == msg["Message-ID"]
    assert (report["reporter_name"], report["reporter_email"]) == (
        "Alex Resident",
        "alex@example.org",
    )
    assert report["preferred_channel"] == "email"
    assert report["categories"] == ["noise"]
    assert report["location_postcode"] == "SK1 3XE"
    assert report["description"].startswith("The people at flat 4 played loud music")
    assert abs(report["occurred_at"] - (datetime.now(UTC) - timedelta(hours=2))) < timedelta(
        minutes=1
    )
    [evidence] = await fetch(
        test_env, "SELECT * FROM evidence_files WHERE report_id = $1", report["id"]
    )
    digest = hashlib.sha256(jpeg).hexdigest()
    assert (evidence["filename"], evidence["content_type"], evidence["size"]) == (
        "flat4.jpg",
        "image/jpeg",
        len(jpeg),
    )
    assert evidence["sha256"] == digest
    assert (running.evidence_dir / evidence["storage_key"]).read_bytes() == jpeg

    async def seen() -> list[Envelope]:
        return [e for e in running.events if e.data["reference"] == report["reference"]]

    [event] = await eventually(seen)
    assert event.data["channel"] == "email"
    assert event.data["reporter"]["email"] == "alex@example.org"
    assert [(e["filename"], e["sha256"]) for e in event.data["evidence"]] == [("flat4.jpg", digest)]


async def test_mail_that_cannot_be_a_report_is_kept_for_staff(
    running: Running, test_env: TestEnvironment
) -> None:
    msg = mail(subject="", body=None)
    msg.add_attachment(
        b"MZ\x90\x00" + b"\x00" * 200,
        maintype="application",
        subtype="octet-stream",
        filename="invoice.exe",
    )
    await send(running.port, msg)  # accepted (250) all the same: smtplib raises otherwise

    [inbound] = await fetch(
        test_env, "SELECT * FROM inbound_mail WHERE message_id = $1", msg["Message-ID"]
    )
    assert inbound["status"] == NEEDS_ATTENTION
    assert inbound["report_id"] is None
    assert "no text" in inbound["problem"]
    assert "invoice.exe" in inbound["problem"]
    assert not await fetch(
        test_env, "SELECT 1 FROM reports WHERE source_reference = $1", msg["Message-ID"]
    )

    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    listed = await running.api.get("/v1/inbound-mail?status=needs_attention", headers=officer)
    assert listed.status_code == 200, listed.text
    [item] = [i for i in listed.json()["items"] if i["message_id"] == msg["Message-ID"]]
    assert item["status"] == NEEDS_ATTENTION
    assert item["mail_from"] == "Alex Resident <alex@example.org>"
    assert item["size"] == len(inbound["raw"])
    raw = await running.api.get(f"/v1/inbound-mail/{item['id']}/raw", headers=officer)
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("message/rfc822")
    assert raw.content == inbound["raw"]

    elsewhere = {"Authorization": f"Bearer {test_env.token('admin', organisation_id=OTHER_ORG)}"}
    theirs = await running.api.get("/v1/inbound-mail", headers=elsewhere)
    assert theirs.status_code == 200
    assert all(i["id"] != item["id"] for i in theirs.json()["items"])
    other_raw = await running.api.get(f"/v1/inbound-mail/{item['id']}/raw", headers=elsewhere)
    assert other_raw.status_code == 404
    peo = {"Authorization": f"Bearer {test_env.token('peo', organisation_id=ORG)}"}
    assert (await running.api.get("/v1/inbound-mail", headers=peo)).status_code == 403
    assert (await running.api.get("/v1/inbound-mail")).status_code == 401


async def test_the_same_message_twice_makes_one_report(
    running: Running, test_env: TestEnvironment
) -> None:
    msg = mail(subject="Graffiti on the bin store", body="Someone sprayed graffiti on the bins.")
    await send(running.port, msg)
    await send(running.port, msg)

    rows = await fetch(
        test_env,
        "SELECT status, report_id FROM inbound_mail WHERE message_id = $1 ORDER BY id",
        msg["Message-ID"],
    )
    assert [r["status"] for r in rows] == [CONVERTED, "duplicate"]
    assert rows[0]["report_id"] == rows[1]["report_id"] is not None
    reports = await fetch(
        test_env,
        "SELECT categories FROM reports WHERE source_reference = $1",
        msg["Message-ID"],
    )
    assert len(reports) == 1
    assert sorted(reports[0]["categories"]) == ["communal_areas", "graffiti"]


async def test_mail_is_refused_with_451_when_it_cannot_be_kept(
    test_env: TestEnvironment, tmp_path: Path
) -> None:
    # A database that does not exist: nothing can be stored, so the sender must try again.
    db = Database(test_env.database_url("no_such_database"), pool_size=1)
    mailbox = InboundMailbox(Transactions(db, Outbox("intake")), LocalDiskStore(tmp_path), ORG)
    port = _free_port()
    server = await start_smtp_server(SmtpHandler(mailbox), "127.0.0.1", port)
    try:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            await send(port, mail())
        assert refused.value.smtp_code == 451
    finally:
        server.close()
        await db.dispose()


async def test_mail_for_a_landlord_not_on_the_platform_is_refused_for_good(
    test_env: TestEnvironment, tmp_path: Path
) -> None:
    await migrated_database(test_env, definition)
    db = Database(test_env.database_url("intake"), pool_size=1)
    inactive = test_env.register_organisation(active=False).id
    port = _free_port()
    try:
        for org in (uuid.uuid4(), inactive):
            mailbox = InboundMailbox(
                Transactions(db, Outbox("intake")), LocalDiskStore(tmp_path), org
            )
            server = await start_smtp_server(SmtpHandler(mailbox), "127.0.0.1", port)
            try:
                # A permanent refusal: the sender's server must not retry for days.
                with pytest.raises(smtplib.SMTPDataError) as refused:
                    await send(port, mail())
                assert refused.value.smtp_code == 554
                assert b"does not take reports" in refused.value.smtp_error
            finally:
                server.close()
                await server.wait_closed()
            assert (
                await fetch(test_env, "SELECT id FROM inbound_mail WHERE organisation_id = $1", org)
                == []
            )
    finally:
        await db.dispose()


async def test_mail_left_received_by_a_stopped_worker_is_converted_later(
    test_env: TestEnvironment, tmp_path: Path
) -> None:
    test_env.register_organisation(ORG)
    await migrated_database(test_env, definition)
    db = Database(test_env.database_url("intake"), pool_size=2)
    try:
        mailbox = InboundMailbox(Transactions(db, Outbox("intake")), LocalDiskStore(tmp_path), ORG)
        msg = mail(subject="Drugs", body="People dealing drugs on the stairwell every evening.")
        mail_id = await mailbox.keep(msg.as_bytes())  # kept, then the worker "stopped"
        [row] = await fetch(test_env, "SELECT status FROM inbound_mail WHERE id = $1", mail_id)
        assert row["status"] == "received"
        assert await mailbox.sweep(timedelta(0)) >= 1
        [row] = await fetch(
            test_env, "SELECT status, report_id FROM inbound_mail WHERE id = $1", mail_id
        )
        assert row["status"] == CONVERTED and row["report_id"] is not None
        assert await mailbox.process(mail_id) == "taken"  # done once only
    finally:
        await db.dispose()


def test_reading_mail_as_a_report() -> None:
    html_only = EmailMessage()
    html_only["From"] = "jo@example.org"
    html_only["Subject"] = "Fly tipping"
    html_only["Date"] = format_datetime(datetime.now(UTC) + timedelta(days=3))  # a wrong clock
    html_only.set_content(
        "<html><head><style>p{}</style></head><body><p>Mattresses dumped&nbsp;by the"
        " garages</p><p>again</p></body></html>",
        subtype="html",
    )
    parsed = parse_mail(html_only.as_bytes(), ORG)
    assert parsed.report is not None, parsed.problem
    assert parsed.report.description == "Mattresses dumped by the garages\n\nagain"
    assert parsed.report.categories == ["litter"]
    assert parsed.report.location.description == "not given: see the email"
    assert parsed.report.reporter is not None
    assert parsed.report.reporter.name == "jo@example.org"
    assert parsed.report.occurred_at <= datetime.now(UTC)

    no_sender = mail(sender="undisclosed-recipients:;")
    assert parse_mail(no_sender.as_bytes(), ORG).problem == (
        "no sender address could be read from the From: header"
    )
    auto = mail()
    auto["Auto-Submitted"] = "auto-replied"
    assert "automatic reply" in (parse_mail(auto.as_bytes(), ORG).problem or "")


async def test_two_workers_share_the_mailbox_port_and_make_each_mail_one_report(
    test_env: TestEnvironment, tmp_path: Path
) -> None:
    """Two intake workers on one machine (``share_ports``): both listen on the mailbox's port,
    and whichever kept a message, and however both sweep, each becomes one report."""
    await migrated_database(test_env, definition)
    dbs = [Database(test_env.database_url("intake"), pool_size=2) for _ in range(2)]
    mailboxes = [
        InboundMailbox(Transactions(db, Outbox("intake")), LocalDiskStore(tmp_path), ORG)
        for db in dbs
    ]
    port = _free_port()
    servers = []
    try:
        for mailbox in mailboxes:  # the second would fail "address in use" unless shared
            servers.append(
                await start_smtp_server(SmtpHandler(mailbox), "127.0.0.1", port, shared=True)
            )
        sent = [
            mail(subject="Noise", body=f"Loud music from flat {n} every night.") for n in range(6)
        ]
        for msg in sent:
            await send(port, msg)
        # Mail kept but not yet converted (workers stopped at that moment), swept by both.
        left = [mail(subject="Noise", body=f"Shouting at flat {n} every night.") for n in range(6)]
        for msg in left:
            await mailboxes[0].keep(msg.as_bytes())
        await asyncio.gather(*(m.sweep(timedelta(0)) for m in mailboxes))

        ids = [msg["Message-ID"] for msg in sent + left]
        rows = await fetch(
            test_env,
            "SELECT status, count(*) AS n FROM inbound_mail WHERE message_id = ANY($1)"
            " GROUP BY status",
            ids,
        )
        assert {r["status"]: r["n"] for r in rows} == {CONVERTED: len(ids)}
        reports = await fetch(
            test_env,
            "SELECT source_reference, count(*) AS n FROM reports"
            " WHERE source_reference = ANY($1) GROUP BY source_reference",
            ids,
        )
        assert sorted(r["source_reference"] for r in reports) == sorted(ids)
        assert all(r["n"] == 1 for r in reports), reports
    finally:
        for server in servers:
            server.close()
        for db in dbs:
            await db.dispose()
