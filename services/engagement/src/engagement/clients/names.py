"""A person's name as compared when matching a referral to a client or a subject access
request to the people held."""

from __future__ import annotations


def normalise_name(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())
