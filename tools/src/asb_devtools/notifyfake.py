"""A local stand-in for GOV.UK Notify, speaking its real HTTP API.

The notifications service talks to it with the official ``notifications-python-client``, as it
would to Notify: the same JWT authorisation (HS256, ``iss`` = the API key's service id, ``iat``
within 30 seconds, signed with the key's secret), the same endpoints and answers
(``POST /v2/notifications/sms``, ``POST /v2/notifications/letter`` for templated and precompiled
letters, ``GET /v2/notifications/{id}``, ``GET /v2/notifications?reference=``), the same error
bodies (``{"status_code", "errors": [{"error", "message"}]}``), and delivery-status callbacks
posted to a callback URL with its bearer token.

Beyond Notify's API, for tests and local use only (under ``/fake``): script what happens to the
next messages for a number (an HTTP error such as 429 or 500, or a final status such as
``permanent-failure``), and list everything received.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import contextlib
import re
import uuid
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

DEV_SERVICE_ID = "7ce0d6b4-3c4f-4a8e-9a3b-1f2e3d4c5b6a"
DEV_SECRET = "5e1d2c3b-4a59-4687-b7a6-9f8e7d6c5b4a"
DEV_API_KEY = f"asb_local-{DEV_SERVICE_ID}-{DEV_SECRET}"
"""An API key in Notify's format (``name-<service id>-<secret>``) the fake accepts by default."""
DEV_CALLBACK_TOKEN = "local-notify-callback-token"
CLOCK_SKEW_SECONDS = 30
_UK_MOBILE = re.compile(r"^07\d{9}$")
_POSTAGE = {"first", "second", "economy", "europe", "rest-of-world"}


def api_key(service_id: str, secret: str, name: str = "asb_local") -> str:
    """An API key as Notify issues them."""
    return f"{name}-{service_id}-{secret}"


class NotifyError(Exception):
    def __init__(self, status_code: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status_code, self.error, self.message = status_code, error, message


def _error_response(exc: NotifyError) -> JSONResponse:
    return JSONResponse(
        {"status_code": exc.status_code, "errors": [{"error": exc.error, "message": exc.message}]},
        status_code=exc.status_code,
    )


_HTTP_FAILURES = {
    400: ("BadRequestError", "Bad request"),
    403: ("AuthError", "Invalid token: API key not found"),
    429: (
        "RateLimitError",
        "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
    ),
    500: ("Exception", "Internal server error"),
    502: ("Exception", "Bad gateway"),
    503: ("Exception", "Service unavailable"),
}


class Script(BaseModel):
    """What happens to the next messages for ``recipient`` (a phone number, or ``*`` for any)."""

    recipient: str = Field(max_length=100)
    outcomes: list[dict[str, Any]] = Field(max_length=50)
    """Each: ``{"http": 429}`` (the request is refused with that status) or
    ``{"status": "permanent-failure"}`` (accepted, then that final status is called back);
    ``"callback": false`` with a status: the status is reached but its callback is lost."""


def _normalise_uk_mobile(number: str) -> str | None:
    digits = re.sub(r"[\s()-]", "", number)
    for prefix in ("+44", "0044", "44"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix) :].lstrip("0")
            break
    return digits if _UK_MOBILE.match(digits) else None


def create_app(
    *,
    service_id: str = DEV_SERVICE_ID,
    secret: str = DEV_SECRET,
    callback_url: str | None = None,
    callback_token: str = DEV_CALLBACK_TOKEN,
    callback_delay: float = 0.2,
    callback_client: httpx.AsyncClient | None = None,
) -> FastAPI:
    """The fake. ``callback_client`` (optional) posts the callbacks, e.g. straight into an
    in-process app in tests; by default a plain HTTP client does."""
    notifications: dict[str, dict[str, Any]] = {}
    scripts: dict[str, deque[dict[str, Any]]] = defaultdict(deque)
    callbacks: list[dict[str, Any]] = []
    tasks: set[asyncio.Task[None]] = set()
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state["http"] = callback_client or httpx.AsyncClient(timeout=10)
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            if callback_client is None:
                await state["http"].aclose()

    app = FastAPI(title="GOV.UK Notify (local fake)", lifespan=lifespan)

    @app.exception_handler(NotifyError)
    async def _notify_error(_: Request, exc: NotifyError) -> JSONResponse:
        return _error_response(exc)

    def authorise(request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise NotifyError(
                401, "AuthError", "Unauthorized: authentication token must be provided"
            )
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.DecodeError as exc:
            raise NotifyError(
                403, "AuthError", "Invalid token: signature, api token is not valid"
            ) from exc
        if unverified.get("iss") != service_id:
            raise NotifyError(403, "AuthError", "Invalid token: service not found")
        try:
            claims = jwt.decode(token, secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.InvalidTokenError as exc:
            raise NotifyError(403, "AuthError", "Invalid token: API key not found") from exc
        if "iat" not in claims:
            raise NotifyError(403, "AuthError", "Invalid token: iat field not provided")
        skew = abs(datetime.now(UTC).timestamp() - int(claims["iat"]))
        if skew > CLOCK_SKEW_SECONDS:
            raise NotifyError(
                403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds"
            )

    async def body_of(request: Request) -> dict[str, Any]:
        try:
            body = await request.json()
        except ValueError as exc:
            raise NotifyError(400, "ValidationError", "Invalid JSON supplied in POST data") from exc
        if not isinstance(body, dict):
            raise NotifyError(400, "ValidationError", "POST data must be a JSON object")
        return body

    def next_outcome(recipient: str) -> dict[str, Any]:
        for key in (recipient, "*"):
            if scripts[key]:
                return scripts[key].popleft()
        return {}

    def refuse_if_scripted(outcome: dict[str, Any]) -> None:
        status = outcome.get("http")
        if status is not None:
            error, message = _HTTP_FAILURES.get(int(status), ("Exception", "Internal server error"))
            raise NotifyError(int(status), error, message)

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def now() -> str:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    async def deliver(notification_id: str, final: str, *, calls_back: bool) -> None:
        await asyncio.sleep(callback_delay)
        notification = notifications.get(notification_id)
        if notification is None:
            return  # forgotten meanwhile (cleared)
        notification["status"] = final
        notification["sent_at"] = notification["sent_at"] or now()
        notification["completed_at"] = now()
        if not callback_url or not calls_back:
            return
        payload = {
            "id": notification_id,
            "reference": notification["reference"],
            "to": notification.get("phone_number") or notification.get("line_1"),
            "status": final,
            "created_at": notification["created_at"],
            "completed_at": notification["completed_at"],
            "sent_at": notification["sent_at"],
            "notification_type": notification["type"],
            "template_id": notification["template"]["id"],
            "template_version": notification["template"]["version"],
        }
        # Notify retries a callback that fails, with growing waits.
        for wait in (0.0, 0.5, 1, 2, 4, 8):
            await asyncio.sleep(wait)
            try:
                response = await state["http"].post(
                    callback_url,
                    json=payload,
                    headers={"Authorization": f"Bearer {callback_token}"},
                )
                callbacks.append({"payload": payload, "status_code": response.status_code})
                if response.status_code < 500:
                    return
            except httpx.HTTPError:
                continue

    def accept(notification: dict[str, Any], final: str, *, calls_back: bool = True) -> None:
        notifications[notification["id"]] = notification
        task = asyncio.create_task(deliver(notification["id"], final, calls_back=calls_back))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v2/notifications/sms", status_code=201)
    async def send_sms(request: Request) -> dict[str, Any]:
        authorise(request)
        body = await body_of(request)
        for required in ("phone_number", "template_id"):
            if required not in body:
                raise NotifyError(400, "ValidationError", f"{required} is a required property")
        try:
            template_id = str(uuid.UUID(str(body["template_id"])))
        except ValueError as exc:
            raise NotifyError(400, "ValidationError", "template_id is not a valid UUID") from exc
        number = _normalise_uk_mobile(str(body["phone_number"]))
        if number is None:
            raise NotifyError(400, "ValidationError", "phone_number Not a UK mobile number")
        outcome = next_outcome(number)
        refuse_if_scripted(outcome)
        personalisation = body.get("personalisation") or {}
        text = str(personalisation.get("body", "")) if isinstance(personalisation, dict) else ""
        notification_id = str(uuid.uuid4())
        template = {
            "id": template_id,
            "version": 1,
            "uri": f"{base(request)}/v2/template/{template_id}/version/1",
        }
        accept(
            {
                "id": notification_id,
                "reference": body.get("reference"),
                "type": "sms",
                "phone_number": number,
                "body": text,
                "subject": None,
                "status": "sending",
                "template": template,
                "created_at": now(),
                "sent_at": now(),
                "completed_at": None,
            },
            outcome.get("status", "delivered"),
            calls_back=outcome.get("callback", True) is not False,
        )
        return {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": {"body": text, "from_number": "GOVUK"},
            "uri": f"{base(request)}/v2/notifications/{notification_id}",
            "template": template,
            "scheduled_for": None,
        }

    @app.post("/v2/notifications/letter", status_code=201)
    async def send_letter(request: Request) -> dict[str, Any]:
        authorise(request)
        body = await body_of(request)
        notification_id = str(uuid.uuid4())
        template = {"id": str(uuid.UUID(int=0)), "version": 1, "uri": ""}
        if "content" in body:  # a precompiled letter
            if not body.get("reference"):
                raise NotifyError(400, "ValidationError", "reference is a required property")
            postage = body.get("postage", "second")
            if postage not in _POSTAGE:
                raise NotifyError(
                    400,
                    "ValidationError",
                    f"postage invalid. It must be {', '.join(sorted(_POSTAGE))}.",
                )
            try:
                pdf = base64.b64decode(str(body["content"]), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise NotifyError(
                    400, "ValidationError", "Cannot decode letter content (base64) in request"
                ) from exc
            if not pdf.startswith(b"%PDF-"):
                raise NotifyError(400, "ValidationError", "Letter content is not a valid PDF")
            outcome = next_outcome("*")
            refuse_if_scripted(outcome)
            accept(
                {
                    "id": notification_id,
                    "reference": body["reference"],
                    "type": "letter",
                    "line_1": None,
                    "postage": postage,
                    "body": None,
                    "subject": "Pre-compiled PDF",
                    "pdf_bytes": len(pdf),
                    "status": "accepted",
                    "template": template,
                    "created_at": now(),
                    "sent_at": None,
                    "completed_at": None,
                },
                outcome.get("status", "received"),
                calls_back=outcome.get("callback", True) is not False,
            )
            return {"id": notification_id, "reference": body["reference"], "postage": postage}
        personalisation = body.get("personalisation")
        if "template_id" not in body or not isinstance(personalisation, dict):
            raise NotifyError(400, "ValidationError", "template_id is a required property")
        lines = [personalisation.get(f"address_line_{i}") for i in range(1, 8)]
        if len([line for line in lines if line]) < 3:
            raise NotifyError(400, "ValidationError", "Address must be at least 3 lines")
        outcome = next_outcome("*")
        refuse_if_scripted(outcome)
        template["id"] = str(body["template_id"])
        accept(
            {
                "id": notification_id,
                "reference": body.get("reference"),
                "type": "letter",
                "line_1": lines[0],
                "postage": "second",
                "body": None,
                "subject": None,
                "status": "accepted",
                "template": template,
                "created_at": now(),
                "sent_at": None,
                "completed_at": None,
            },
            outcome.get("status", "received"),
            calls_back=outcome.get("callback", True) is not False,
        )
        return {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": {"body": "", "subject": ""},
            "uri": f"{base(request)}/v2/notifications/{notification_id}",
            "template": template,
            "scheduled_for": None,
        }

    def public(notification: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in notification.items() if k != "pdf_bytes"}

    @app.get("/v2/notifications/{notification_id}")
    async def get_notification(notification_id: str, request: Request) -> dict[str, Any]:
        authorise(request)
        found = notifications.get(notification_id)
        if found is None:
            try:
                uuid.UUID(notification_id)
            except ValueError as exc:
                raise NotifyError(
                    400, "ValidationError", "notification_id is not a valid UUID"
                ) from exc
            raise NotifyError(404, "NoResultFound", "No result found")
        return public(found)

    @app.get("/v2/notifications")
    async def list_notifications(
        request: Request,
        reference: str | None = None,
        status: str | None = None,
        template_type: str | None = None,
    ) -> dict[str, Any]:
        authorise(request)
        found = [
            public(n)
            for n in reversed(notifications.values())
            if (reference is None or n["reference"] == reference)
            and (status is None or n["status"] == status)
            and (template_type is None or n["type"] == template_type)
        ]
        return {"notifications": found, "links": {"current": str(request.url)}}

    # --- not Notify's: for tests and local use -------------------------------------------------

    @app.post("/fake/scripts", status_code=204)
    async def add_script(script: Script) -> None:
        key = (
            script.recipient
            if script.recipient == "*"
            else (_normalise_uk_mobile(script.recipient) or script.recipient)
        )
        scripts[key].extend(script.outcomes)

    @app.get("/fake/notifications")
    async def all_notifications(
        phone_number: str | None = None, reference: str | None = None
    ) -> list[dict[str, Any]]:
        wanted = _normalise_uk_mobile(phone_number) if phone_number else None
        return [
            n
            for n in notifications.values()
            if (wanted is None or n.get("phone_number") == wanted)
            and (reference is None or n["reference"] == reference)
        ]

    @app.get("/fake/callbacks")
    async def sent_callbacks() -> list[dict[str, Any]]:
        return callbacks

    @app.delete("/fake/notifications", status_code=204)
    async def clear() -> None:
        notifications.clear()
        scripts.clear()
        callbacks.clear()

    return app


@contextlib.asynccontextmanager
async def serving(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Serve ``app`` over real HTTP inside the running event loop (for tests, where the
    client under test speaks HTTP from its own threads); yields the base URL."""
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        await task


def main() -> None:
    """``asb-notify-fake``: run the fake Notify."""
    parser = argparse.ArgumentParser(description="A local fake of GOV.UK Notify's API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8026)
    parser.add_argument("--service-id", default=DEV_SERVICE_ID)
    parser.add_argument("--secret", default=DEV_SECRET)
    parser.add_argument("--callback-url", default=None)
    parser.add_argument("--callback-token", default=DEV_CALLBACK_TOKEN)
    args = parser.parse_args()
    uvicorn.run(
        create_app(
            service_id=args.service_id,
            secret=args.secret,
            callback_url=args.callback_url,
            callback_token=args.callback_token,
        ),
        host=args.host,
        port=args.port,
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
