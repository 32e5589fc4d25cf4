"""Security headers on every answer of every service (one layer, added by
:mod:`asb_shared.service` to every API and worker app).

- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer`` on every answer.
- ``Cache-Control: no-store`` on every answer except the documentation's packaged assets, and
  except where a route set its own ``Cache-Control``. Nearly every answer carries personal data
  or a secret (a tracking token, a partner client secret, a webhook signing secret, a case),
  and the rest gain nothing worth the risk from being cached: a rule per route would be
  forgotten on the next route that returns a secret.
- ``Content-Security-Policy``: ``default-src 'none'; frame-ancestors 'none'`` on every answer
  that is not a page (JSON loads nothing); on an HTML page (the documentation: Swagger UI,
  ReDoc) a restrictive policy that allows only this origin's scripts and styles and the page's
  own inline scripts by their SHA-256, so nothing is loaded from anywhere else.

A header the answer already carries is left as it is, never doubled: a download sets its own
``nosniff`` and ``no-store`` (:mod:`asb_shared.files`), a site's pages their own policy.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_ASSETS = "/static-offline-docs/"
"""Where the documentation's packaged assets (Swagger UI, ReDoc) are served."""

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.I)


def page_policy(html: bytes) -> str:
    """The policy for an HTML page: its inline scripts allowed by their hashes, nothing else."""
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    return _PAGE_POLICY.format(hashes=hashes)


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP answer (plain ASGI: HTML pages are read whole to
    hash their inline scripts; every other body streams through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asset = str(scope.get("path", "")).startswith(DOCS_ASSETS)
        held: Message | None = None
        page = bytearray()

        async def send_with_headers(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                # A header the answer already set (a download's, a page's own policy) stands:
                # never a second copy.
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                if b"referrer-policy" not in names:
                    headers.append((b"referrer-policy", b"no-referrer"))
                if not asset and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                content_type = dict(headers).get(b"content-type", b"")
                message = {**message, "headers": headers}
                own_policy = b"content-security-policy" in names
                if content_type.startswith(b"text/html") and not asset and not own_policy:
                    held = message  # its policy depends on the page's inline scripts
                    return
                if not own_policy and not asset:
                    headers.append((b"content-security-policy", API_POLICY.encode()))
                await send(message)
                return
            if held is not None and message["type"] == "http.response.body":
                page.extend(message.get("body", b""))
                if message.get("more_body", False):
                    return
                policy = page_policy(bytes(page))
                held["headers"].append((b"content-security-policy", policy.encode()))
                await send(held)
                await send({"type": "http.response.body", "body": bytes(page)})
                return
            await send(message)

        await self.app(scope, receive, send_with_headers)
