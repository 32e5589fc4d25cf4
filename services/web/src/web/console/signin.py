"""Signing staff in and out, and the session every console request runs in.

:class:`StaffSessionMiddleware` reads the staff session named by the cookie, renews the access
token with the refresh token when it is near its expiry, and puts the member of staff on
``request.state.staff`` (:mod:`web.console.staff`); it saves the session and sets its cookie
as the response starts. A page that needs someone signed in and finds nobody raises
``SignInRequired``: the browser goes to ``/sign-in`` and, once signed in, back to the page it
asked for (a path of the console only).
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from asb_shared.db import utcnow
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .identity import Identity, needs_refresh, same_site_path
from .pages import render, staff_session
from .provider import Provider, SignedIn, SignInFailed
from .security import StaffForm
from .sessions import StaffSession, StaffSessionStore
from .staff import StaffUser

log = logging.getLogger(__name__)

router = APIRouter()

UNSESSIONED = ("/assets/", "/static/", "/healthz", "/readyz", "/metrics")


def _staff_data(identity: Identity) -> dict[str, Any]:
    return {
        "subject": identity.subject,
        "name": identity.name,
        "organisation_id": str(identity.organisation_id),
        "roles": sorted(identity.roles),
    }


def staff_of(session: StaffSession) -> StaffUser | None:
    """The member of staff a signed-in session holds."""
    if not session.signed_in:
        return None
    data = session.data["staff"]
    return StaffUser(
        subject=str(data["subject"]),
        name=str(data["name"]),
        organisation_id=uuid.UUID(str(data["organisation_id"])),
        roles=frozenset(data["roles"]),
        access_token=str(session.tokens["access_token"]),
    )


def _adopt(session: StaffSession, signed: SignedIn) -> None:
    session.data["staff"] = _staff_data(signed.identity)
    session.replace_tokens(signed.tokens, signed.access_expires_at)


async def _fresh(session: StaffSession, store: StaffSessionStore, provider: Provider) -> None:
    """Renews the access token when it is near its expiry; signs the session out when it
    cannot be renewed (the member of staff signs in again)."""
    margin = timedelta(seconds=provider.settings.token_refresh_seconds)
    if not needs_refresh(session.access_expires_at, utcnow(), margin):
        return
    try:
        _adopt(session, await provider.refresh(session.tokens))
        return
    except SignInFailed as exc:
        refused = str(exc)
    # Another request of the same browser may have renewed it a moment ago (the provider
    # rotates refresh tokens: the old one is spent).
    again = await store.load(session.key)
    if again.signed_in and not needs_refresh(again.access_expires_at, utcnow(), margin):
        session.data, session.tokens = again.data, again.tokens
        session.access_expires_at = again.access_expires_at
        return
    log.info("staff token not renewed", extra={"error": refused})
    session.data.pop("staff", None)
    session.replace_tokens({}, None)


class StaffSessionMiddleware:
    """Loads the staff session and its member of staff; saves the session as the response
    starts and sets its cookie: HttpOnly, SameSite=Lax, Secure outside development, no expiry
    (it ends with the browser, or with the session's own timeouts)."""

    def __init__(self, app: ASGIApp, *, cookie: str, secure: bool) -> None:
        self.app = app
        self.cookie = cookie
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope["path"]).startswith(UNSESSIONED):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        store: StaffSessionStore = scope["app"].state.staff_sessions
        provider: Provider = scope["app"].state.provider
        session = await store.load(request.cookies.get(self.cookie))
        if session.signed_in:
            await _fresh(session, store, provider)
        state = scope.setdefault("state", {})
        state["staff_session"] = session
        staff = staff_of(session)
        if staff is not None:
            state["staff"] = staff

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start" and store.wants_saving(session):
                key = await store.save(session)
                attributes = "; Path=/; HttpOnly; SameSite=Lax"
                if self.secure:
                    attributes += "; Secure"
                message["headers"] = [
                    *message.get("headers", []),
                    (b"set-cookie", f"{self.cookie}={key}{attributes}".encode()),
                ]
            await send(message)

        await self.app(scope, receive, send_wrapper)


def _base(request: Request) -> str:
    configured: str = request.app.state.settings.public_base_url
    return (configured or str(request.base_url)).rstrip("/")


def sign_in_redirect(request: Request) -> RedirectResponse:
    """To sign in, then back to the page asked for (a GET's address; a form's page)."""
    wanted = request.url.path
    if request.method == "GET" and request.url.query:
        wanted += "?" + request.url.query
    return RedirectResponse(f"/sign-in?next={quote(same_site_path(wanted))}", status_code=303)


def _session(request: Request) -> StaffSession:
    session = staff_session(request)
    if session is None:
        raise RuntimeError("the staff session middleware is not installed")
    return session


@router.get("/sign-in", include_in_schema=False)
async def sign_in(request: Request, next: str = "/") -> Response:
    session = _session(request)
    wanted = same_site_path(next)
    if session.signed_in:
        return RedirectResponse(wanted, status_code=303)
    session["next"] = wanted
    provider: Provider = request.app.state.provider
    try:
        return await provider.start(request, session, f"{_base(request)}/auth/callback")
    except Exception as exc:  # the provider does not answer: say so, keep nothing
        log.warning("identity provider unreachable", extra={"error": type(exc).__name__})
        return render(request, "console/sign_in_failed.html", status=503, unreachable=True)


@router.get("/auth/callback", include_in_schema=False)
async def callback(request: Request) -> Response:
    session = _session(request)
    provider: Provider = request.app.state.provider
    try:
        signed = await provider.finish(request, session)
    except SignInFailed as exc:
        log.info("staff sign-in refused", extra={"error": str(exc)})
        return render(request, "console/sign_in_failed.html", status=400, unreachable=False)
    wanted = same_site_path(session.get("next"))
    session.sign_in(_staff_data(signed.identity), signed.tokens, signed.access_expires_at)
    return RedirectResponse(wanted, status_code=303)


@router.post("/sign-out", include_in_schema=False)
async def sign_out(request: Request, form: StaffForm) -> Response:
    """Ends the console's session, then the provider's (RP-initiated logout)."""
    session = _session(request)
    store: StaffSessionStore = request.app.state.staff_sessions
    provider: Provider = request.app.state.provider
    tokens = dict(session.tokens)
    await store.end(session)
    signed_out = f"{_base(request)}/signed-out"
    try:
        url = await provider.sign_out_url(tokens, signed_out) if tokens else None
    except Exception as exc:
        log.warning("identity provider unreachable", extra={"error": type(exc).__name__})
        url = None
    response = RedirectResponse(url or "/signed-out", status_code=303)
    response.delete_cookie(request.app.state.settings.staff_session_cookie, path="/")
    return response


@router.get("/signed-out", include_in_schema=False)
async def signed_out(request: Request) -> Response:
    return render(request, "console/signed_out.html")
