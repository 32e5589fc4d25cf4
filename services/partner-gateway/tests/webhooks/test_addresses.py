"""Where webhooks may go (pure): global unicast addresses only, in every form an address can
take, and never a name that only means something inside."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st
from partner_gateway.webhooks.addresses import (
    address_refusal,
    destination_refusal,
    embedded_ipv4,
)

PUBLIC_V4 = "93.184.215.14"
INSIDE_V4 = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.9",
    "192.168.1.1",
    "169.254.169.254",  # the cloud's metadata service
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.0.8",
    "198.18.0.1",
]


@pytest.mark.parametrize("inside", INSIDE_V4)
def test_no_private_loopback_link_local_shared_multicast_or_reserved_ipv4(inside: str) -> None:
    assert address_refusal(inside) is not None


@pytest.mark.parametrize(
    "inside",
    [
        "::1",
        "::",
        "fe80::1",
        "fe80::1%eth0",
        "fd00::1",
        "fc00::7",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "::ffff:a00:1",  # ::ffff:10.0.0.1
        "64:ff9b::10.0.0.1",  # NAT64 of a private address
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b:1::5db8:d70e",  # local-use NAT64, whatever it embeds
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "2001:db8::1",
        "::127.0.0.1",  # IPv4-compatible
        "100::1",
    ],
)
def test_no_ipv6_form_of_an_inside_address(inside: str) -> None:
    assert address_refusal(inside) is not None, inside


def test_global_addresses_pass_in_every_form_that_reaches_them() -> None:
    for public in (
        PUBLIC_V4,
        "2606:4700::6810:84e5",
        "::ffff:93.184.215.14",
        "64:ff9b::5db8:d70e",  # NAT64 of 93.184.215.14
        "2002:5db8:d70e::1",  # 6to4 of 93.184.215.14
    ):
        assert address_refusal(public) is None, public


def test_names_are_checked_with_every_address_they_resolve_to() -> None:
    for inside_name in ("localhost", "LOCALHOST.", "db.internal", "printer.local", "x.localhost"):
        assert destination_refusal(inside_name) is not None, inside_name
    assert destination_refusal("partner.example.org") is None
    assert destination_refusal("[::1]") is not None
    assert destination_refusal(PUBLIC_V4) is None
    # One inside address among public ones refuses the name whole.
    refused = destination_refusal("partner.example.org", [PUBLIC_V4, "10.0.0.7"])
    assert refused is not None and "partner.example.org resolves to 10.0.0.7" in refused
    assert destination_refusal("partner.example.org", ["64:ff9b::a00:7"]) is not None
    assert destination_refusal("partner.example.org", [PUBLIC_V4, "2606:4700::1"]) is None


v4 = st.integers(min_value=0, max_value=2**32 - 1).map(ipaddress.IPv4Address)


@given(v4)
def test_an_ipv4_address_is_refused_in_any_embedding_exactly_when_it_is_refused_alone(
    ip: ipaddress.IPv4Address,
) -> None:
    alone = address_refusal(ip) is None
    mapped = ipaddress.IPv6Address(f"::ffff:{ip}")
    nat64 = ipaddress.IPv6Address((0x64FF9B << 96) | int(ip))
    sixtofour = ipaddress.IPv6Address((0x2002 << 112) | (int(ip) << 80) | 1)
    for form in (mapped, nat64, sixtofour):
        assert embedded_ipv4(form) == ip
        assert (address_refusal(form) is None) == alone, form


@given(v4)
def test_no_address_python_calls_private_or_not_global_passes(ip: ipaddress.IPv4Address) -> None:
    if ip.is_private or not ip.is_global or ip.is_multicast or ip.is_loopback:
        assert address_refusal(ip) is not None
