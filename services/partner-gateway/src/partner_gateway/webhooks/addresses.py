"""Where a webhook may be sent (pure): a name and the addresses it resolves to, never this
machine, the private network the platform runs in, or the cloud's metadata service.

Only global unicast addresses pass. Every form that reaches a refused IPv4 address through
IPv6 is refused with it: IPv4-mapped (``::ffff:0:0/96``), NAT64 (``64:ff9b::/96``; the
local-use ``64:ff9b:1::/48`` outright), 6to4 (``2002::/16``), and Teredo (``2001::/32``, whose
embedded address is obfuscated) outright. The name rule refuses the names that only mean
something inside (``localhost``, ``*.internal``...); what a name resolves to is checked by the
address rule, at registration and again at every delivery (see :mod:`.egress`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

IPAddress = IPv4Address | IPv6Address


def _nets4(*pairs: tuple[str, str]) -> list[tuple[IPv4Network, str]]:
    return [(IPv4Network(net), why) for net, why in pairs]


def _nets6(*pairs: tuple[str, str]) -> list[tuple[IPv6Network, str]]:
    return [(IPv6Network(net), why) for net, why in pairs]


# Named for the refusal's message; ``is_global`` below is the safety net for the rest.
_IPV4_REFUSED = _nets4(
    ("0.0.0.0/8", "'this network'"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "carrier-grade NAT (shared)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local (the cloud's metadata service)"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol assignment"),
    ("192.0.2.0/24", "documentation"),
    ("192.88.99.0/24", "6to4 relay anycast"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
)
_IPV6_REFUSED = _nets6(
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("::/96", "IPv4-compatible (deprecated)"),
    ("64:ff9b:1::/48", "local-use NAT64"),
    ("100::/64", "discard-only"),
    ("2001::/32", "Teredo"),
    ("2001:db8::/32", "documentation"),
    ("fc00::/7", "unique local"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local (deprecated)"),
    ("ff00::/8", "multicast"),
)
_NAT64 = IPv6Network("64:ff9b::/96")

_INSIDE_NAMES = frozenset({"localhost", "localhost.localdomain"})
_INSIDE_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain", ".home.arpa")


def parse(address: str) -> IPAddress | None:
    """The address written in ``address`` (``[::1]``, ``fe80::1%eth0`` too), or None."""
    try:
        return ipaddress.ip_address(address.strip().strip("[]").split("%")[0])
    except ValueError:
        return None


def embedded_ipv4(ip: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 one carries and reaches: mapped, NAT64 or 6to4."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return IPv4Address(int(ip) & 0xFFFF_FFFF)
    return ip.sixtofour


def address_refusal(address: IPAddress | str) -> str | None:
    """Why a webhook may not be sent to ``address``, or None if it is a global unicast one."""
    ip = parse(address) if isinstance(address, str) else address
    if ip is None:
        return f"{address} is not an IP address"
    if isinstance(ip, IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            why = address_refusal(inner)
            return None if why is None else f"{ip} reaches {inner}: {why}"
        for net6, name in _IPV6_REFUSED:
            if ip in net6:
                return f"{ip} is a {name} address"
    else:
        for net4, name in _IPV4_REFUSED:
            if ip in net4:
                return f"{ip} is a {name} address"
    if ip.is_multicast or not ip.is_global:
        return f"{ip} is not a global address"
    return None


def name_refusal(host: str) -> str | None:
    """Why the host name itself shows it is not on the internet, or None."""
    name = host.rstrip(".").lower()
    if not name:
        return "the address has no host"
    if name in _INSIDE_NAMES or name.endswith(_INSIDE_SUFFIXES):
        return f"{host} is not an address on the internet"
    return None


def destination_refusal(host: str, addresses: Iterable[IPAddress | str] = ()) -> str | None:
    """Why webhooks may not go to ``host`` resolving to ``addresses``: every one must pass (a
    name with one inside address among public ones is refused whole), or None."""
    why = name_refusal(host)
    if why is not None:
        return why
    literal = parse(host)
    if literal is not None and (why := address_refusal(literal)) is not None:
        return why
    for address in addresses:
        why = address_refusal(address)
        if why is not None:
            return f"{host} resolves to {why}" if literal is None else why
    return None
