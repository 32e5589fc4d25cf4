"""With the resident site configured, the acknowledgement links to the report's follow page on
the landlord's site (never a token), in English and in Welsh; a reference of no landlord gets
no link."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from asb_shared.contracts.common import ContactChannel
from asb_shared.testing import TestEnvironment, eventually, publish_event
from notification_samples import Running, opened_v2, record, running

ORG = uuid.uuid4()
SITE = "https://report.example.org"


@pytest.fixture(scope="module")
async def svc(test_env: TestEnvironment) -> AsyncIterator[Running]:
    async with running(test_env, resident_site_url=SITE) as r:
        yield r


async def test_the_acknowledgement_links_to_the_follow_page(svc: Running) -> None:
    who = record(
        email="follow-1@example.org", reference="ETOE-2026-500001", preferred=ContactChannel.EMAIL
    )
    await publish_event(svc.env, opened_v2("ETOE-2026-500001", who), organisation_id=ORG)
    [email] = await eventually(lambda: svc.mail_to("follow-1@example.org"))
    assert f"Follow your report online: {SITE}/etoe/follow/ETOE-2026-500001\r\n" in email["body"]
    assert "follow#" not in email["body"]


async def test_in_welsh_too(svc: Running) -> None:
    who = record(email="follow-cy@example.org", reference="ETOE-2026-500002", language="cy")
    await publish_event(svc.env, opened_v2("ETOE-2026-500002", who), organisation_id=ORG)
    [email] = await eventually(lambda: svc.mail_to("follow-cy@example.org"))
    assert f"Dilynwch eich adroddiad ar-lein: {SITE}/etoe/follow/ETOE-2026-500002" in email["body"]


async def test_a_reference_of_no_landlord_gets_no_link(svc: Running) -> None:
    who = record(email="follow-old@example.org", reference="ASB-2026-500003")
    await publish_event(svc.env, opened_v2("ASB-2026-500003", who), organisation_id=ORG)
    [email] = await eventually(lambda: svc.mail_to("follow-old@example.org"))
    assert "Follow your report online" not in email["body"]
    assert "Your reference: ASB-2026-500003" in email["body"]
