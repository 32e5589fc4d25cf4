"""The site's security at the edge: response headers, and CSRF on every form.

Headers: a strict Content-Security-Policy (scripts, styles, fonts and images from the site
itself only, no inline script or style, no framing), no referrer ever (a follow link's path
names a report), no caching of any page (answers must not come back with the Back button after
"Exit this page"), and HSTS outside development.

CSRF: a synchronizer token kept in the server-side session and posted with every form; one
dependency (:func:`checked_form`) reads a form and refuses it unless the token matches.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import FormData
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .sessions import Session, session_of

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

_ASSETS = ("/assets/", "/static/")


def policy(*, form_action: tuple[str, ...] = ()) -> str:
    """The Content-Security-Policy, with the further addresses a form may lead to (the staff
    console's sign-out ends at the identity provider)."""
    return CSP.replace("form-action 'self'", " ".join(("form-action 'self'", *form_action)))


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool, csp: str = CSP) -> None:
        self.app = app
        self.hsts = hsts
        self.csp = csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asset = str(scope["path"]).startswith(_ASSETS)

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (b"content-security-policy", self.csp.encode()),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                if not asset:
                    headers.append((b"cache-control", b"no-store"))
                if self.hsts:
                    headers.append(
                        (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
                    )
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, send_wrapper)


class CsrfRefused(HTTPException):
    def __init__(self) -> None:
        super().__init__(400, "csrf")


def csrf_matches(session: Session, posted: object) -> bool:
    expected = session.get("csrf")
    return (
        isinstance(expected, str)
        and isinstance(posted, str)
        and hmac.compare_digest(expected.encode(), posted.encode())
    )


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token is found to be the session's."""
    session = await session_of(request)
    form = await request.form(max_files=20, max_fields=200)
    if not csrf_matches(session, form.get("csrf_token")):
        raise CsrfRefused()
    return form


Form = Annotated[FormData, Depends(checked_form)]
