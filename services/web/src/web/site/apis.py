"""The site's one way to call the platform's public APIs: httpx, with the correlation id and the
resident's own address passed on, and every failure named.

The resident's address goes to intake as ``X-Forwarded-For`` so its per-client rate limit counts
each resident (intake trusts the site's address as a proxy). The address is the one the site's
own proxy middleware settled on: a forwarded header is believed only from ``TRUSTED_PROXIES``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import httpx
from asb_shared.messaging.envelope import current_correlation_id, current_traceparent
from fastapi import Request

log = logging.getLogger(__name__)


class ApiUnavailable(Exception):
    """The API did not answer, or answered with a 5xx: try again later, nothing was lost."""


@dataclass
class ApiRefused(Exception):
    """A 4xx answer, in the platform's error shape."""

    status: int
    code: str
    message: str
    details: list[dict[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.status} {self.code}"


class Api:
    """One service's API, by its base URL."""

    def __init__(
        self,
        name: str,
        base_url: str,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        self.client = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)

    async def close(self) -> None:
        await self.client.aclose()

    async def call(
        self,
        method: str,
        path: str,
        *,
        client_address: str | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """The JSON answer of a 2xx; raises :class:`ApiRefused` or :class:`ApiUnavailable`."""
        sent = dict(headers or {})
        correlation = current_correlation_id.get()
        if correlation is not None:
            sent["X-Correlation-ID"] = str(correlation)
        traceparent = current_traceparent.get()
        if traceparent:
            sent["traceparent"] = traceparent
        if client_address:
            sent["X-Forwarded-For"] = client_address
        try:
            response = await self.client.request(method, path, headers=sent, **kwargs)
        except httpx.HTTPError as exc:
            # The path may hold a report's reference: the log names the API and the failure only.
            log.warning("api unreachable", extra={"api": self.name, "error": type(exc).__name__})
            raise ApiUnavailable(self.name) from exc
        if response.status_code >= 500:
            log.warning("api failed", extra={"api": self.name, "status": response.status_code})
            raise ApiUnavailable(self.name)
        if response.status_code >= 400:
            try:
                error = response.json()["error"]
                raise ApiRefused(
                    response.status_code,
                    str(error.get("code", "")),
                    str(error.get("message", "")),
                    list(error.get("details") or []),
                )
            except (ValueError, KeyError, TypeError):
                raise ApiRefused(response.status_code, "unknown", response.text[:200]) from None
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    async def download(
        self, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> tuple[bytes, str, str]:
        """A file the API serves (a CSV, a document): its bytes, content type and the
        ``Content-Disposition`` it came with; refusals and failures as :meth:`call`'s."""
        try:
            response = await self.client.get(path, headers=dict(headers or {}), **kwargs)
        except httpx.HTTPError as exc:
            log.warning("api unreachable", extra={"api": self.name, "error": type(exc).__name__})
            raise ApiUnavailable(self.name) from exc
        if response.status_code >= 500:
            raise ApiUnavailable(self.name)
        if response.status_code >= 400:
            raise ApiRefused(response.status_code, "refused", "")
        return (
            response.content,
            response.headers.get("content-type", "application/octet-stream"),
            response.headers.get("content-disposition", "attachment"),
        )

    async def ready(self) -> str:
        try:
            response = await self.client.get("/healthz", timeout=2)
        except httpx.HTTPError as exc:
            return f"failed: {type(exc).__name__}"
        return "ok" if response.status_code == 200 else f"failed: {response.status_code}"


@dataclass
class Apis:
    intake: Api
    casework: Api
    notifications: Api
    partner_gateway: Api | None = None
    """The staff console's: sharing a case with a partner, case conferences (the resident
    site has none)."""
    engagement: Api | None = None
    """The staff console's: the Positive Engagement Service's records, read log and question
    sets (the resident site has none)."""

    async def close(self) -> None:
        for api in (
            self.intake,
            self.casework,
            self.notifications,
            self.partner_gateway,
            self.engagement,
        ):
            if api is not None:
                await api.close()


def client_address(request: Request) -> str | None:
    """The resident's address, as the site's proxy middleware settled it."""
    return request.client.host if request.client else None


def apis(request: Request) -> Apis:
    found: Apis = request.app.state.apis
    return found
