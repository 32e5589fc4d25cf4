"""Sending a webhook to the exact address that was checked.

A name is resolved once (:func:`resolve`), every address it gives is checked
(:mod:`.addresses`), and the connection goes to the first of those addresses: the request's
URL names the address itself, while the ``Host`` header keeps the partner's name and TLS sends
it as SNI and verifies the certificate for it (httpcore's ``sni_hostname`` extension). httpx
never resolves the name again, so a name rebound between the check and the connection (a zero
TTL) changes nothing. Connections are not kept alive: one opened for a name verified by one
partner's certificate is never reused for another name on the same address.

An egress proxy (``WEBHOOK_EGRESS_PROXY``), when set, carries the connection; the checks and
the pinning are the same (the proxy is asked for the checked address).
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from ..settings import PartnerGatewaySettings
from .addresses import destination_refusal, name_refusal, parse

RESOLVE_TIMEOUT_SECONDS = 5.0


class Refused(Exception):
    """The webhook may not go there (the message says why, for the partner to read)."""


async def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to now, in the resolver's order (one lookup)."""
    found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in found:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


@dataclass(frozen=True)
class Destination:
    url: str
    host: str
    port: int
    address: str
    """The checked address the connection goes to."""


async def destination(url: str, *, allow_private: bool) -> Destination:
    """Resolve the URL's host once and check every address; raises :class:`Refused`."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused("the address has no valid port") from None
    if not allow_private and (why := name_refusal(host)) is not None:
        raise Refused(why)
    literal = parse(host)
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = await asyncio.wait_for(resolve(host, port), RESOLVE_TIMEOUT_SECONDS)
        except (OSError, TimeoutError, UnicodeError) as exc:
            raise Refused(f"{host} does not resolve ({type(exc).__name__})") from None
    if not addresses:
        raise Refused(f"{host} does not resolve")
    if not allow_private and (why := destination_refusal(host, addresses)) is not None:
        raise Refused(why)
    return Destination(url, host, port, addresses[0])


def pinned_request(
    client: httpx.AsyncClient, target: Destination, content: str, headers: dict[str, str]
) -> httpx.Request:
    """The POST to ``target``'s checked address, with its name as Host, SNI and the name the
    certificate must carry."""
    parts = urlsplit(target.url)
    userinfo, _, hostport = parts.netloc.rpartition("@")
    address = f"[{target.address}]" if ":" in target.address else target.address
    netloc = f"{userinfo + '@' if userinfo else ''}{address}:{target.port}"
    return client.build_request(
        "POST",
        urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")),
        content=content,
        headers={**headers, "host": hostport},
        extensions={"sni_hostname": target.host},
    )


def webhook_client(settings: PartnerGatewaySettings) -> httpx.AsyncClient:
    """The dispatcher's client: no redirects, no keep-alive, no proxy from the environment."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.webhook_timeout_seconds),
        follow_redirects=False,
        limits=httpx.Limits(max_keepalive_connections=0),
        proxy=settings.webhook_egress_proxy or None,
        trust_env=False,
    )
