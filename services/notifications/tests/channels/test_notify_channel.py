"""The Notify channel (the official client, for real) against the Notify fake: its JWT
authorisation, its answers and error bodies, letters as PDFs."""

from __future__ import annotations

import time
import uuid
from datetime import date

import httpx
import jwt
from asb_devtools.notifyfake import api_key, create_app, serving
from notifications.channels import Accepted, Permanent, Temporary
from notifications.channels.letters import letter_pdf
from notifications.channels.notify import NotifyChannel
from notifications.settings import NotificationsSettings
from pydantic import SecretStr

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())


def _channel(url: str, key: str) -> NotifyChannel:
    return NotifyChannel(NotificationsSettings(notify_api_key=SecretStr(key), notify_base_url=url))


async def test_the_official_client_sends_and_reads_back_an_sms() -> None:
    async with serving(create_app(service_id=SERVICE_ID, secret=SECRET)) as url:
        channel = _channel(url, api_key(SERVICE_ID, SECRET))
        message = uuid.uuid4()
        sent = await channel.send_sms(message, "+44 7700 900123", "Hello")
        assert isinstance(sent, Accepted) and not sent.final
        assert await channel.already_sent(message) == sent.provider_id
        assert await channel.already_sent(uuid.uuid4()) is None


async def test_notify_refuses_a_wrong_key_and_a_stale_token() -> None:
    async with serving(create_app(service_id=SERVICE_ID, secret=SECRET)) as url:
        wrong = await _channel(url, api_key(SERVICE_ID, str(uuid.uuid4()))).send_sms(
            uuid.uuid4(), "07700900123", "x"
        )
        assert isinstance(wrong, Temporary)  # ours to fix; retried, then the officer told
        assert "403" in wrong.error and "API key not found" in wrong.error
        other = await _channel(url, api_key(str(uuid.uuid4()), SECRET)).send_sms(
            uuid.uuid4(), "07700900123", "x"
        )
        assert isinstance(other, Temporary) and "service not found" in other.error
        stale = jwt.encode({"iss": SERVICE_ID, "iat": int(time.time()) - 120}, SECRET, "HS256")
        async with httpx.AsyncClient(base_url=url) as http:
            got = await http.post(
                "/v2/notifications/sms",
                json={"phone_number": "07700900123", "template_id": str(uuid.uuid4())},
                headers={"Authorization": f"Bearer {stale}"},
            )
            assert got.status_code == 403
            assert got.json() == {
                "status_code": 403,
                "errors": [
                    {
                        "error": "AuthError",
                        "message": "Error: Your system clock must be accurate to within 30 seconds",
                    }
                ],
            }
            assert (await http.get(f"/v2/notifications/{uuid.uuid4()}")).status_code == 401


async def test_rate_limits_and_server_errors_are_temporary_and_a_bad_number_is_permanent() -> None:
    app = create_app(service_id=SERVICE_ID, secret=SECRET)
    async with serving(app) as url, httpx.AsyncClient(base_url=url) as http:
        await http.post(
            "/fake/scripts",
            json={"recipient": "07700900999", "outcomes": [{"http": 429}, {"http": 500}]},
        )
        channel = _channel(url, api_key(SERVICE_ID, SECRET))
        limited = await channel.send_sms(uuid.uuid4(), "07700900999", "x")
        assert isinstance(limited, Temporary) and "RateLimitError" in limited.error
        broken = await channel.send_sms(uuid.uuid4(), "07700900999", "x")
        assert isinstance(broken, Temporary) and "500" in broken.error
        assert isinstance(await channel.send_sms(uuid.uuid4(), "07700900999", "x"), Accepted)
        invalid = await channel.send_sms(uuid.uuid4(), "12345", "x")
        assert isinstance(invalid, Permanent) and "Not a UK mobile number" in invalid.error


async def test_letters_are_precompiled_pdfs() -> None:
    async with serving(create_app(service_id=SERVICE_ID, secret=SECRET)) as url:
        channel = _channel(url, api_key(SERVICE_ID, SECRET))
        message = uuid.uuid4()
        sent = await channel.send_letter(
            message,
            "Flat 2, 10 Safe Street, Stockport, SK1 2AB",
            "Eich adroddiad",
            "Diolch, Siân. Ŵy a ŷd.",
            on=date(2026, 11, 30),
            large_print=True,
        )
        assert isinstance(sent, Accepted)
        async with httpx.AsyncClient(base_url=url) as http:
            [letter] = (
                await http.get("/fake/notifications", params={"reference": str(message)})
            ).json()
        assert letter["type"] == "letter" and letter["pdf_bytes"] > 1000


def test_a_letter_pdf_is_a_pdf() -> None:
    pdf = letter_pdf("1 High St, SK1 1AA", "Subject", "Body text\nline two", on=date(2026, 11, 30))
    assert pdf.startswith(b"%PDF-")


async def test_without_a_key_nothing_is_sent_and_the_failure_is_permanent() -> None:
    channel = NotifyChannel(NotificationsSettings(notify_api_key=None))
    got = await channel.send_sms(uuid.uuid4(), "07700900123", "x")
    assert isinstance(got, Permanent) and "NOTIFY_API_KEY" in got.error
