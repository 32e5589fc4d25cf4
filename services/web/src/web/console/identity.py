"""Who a provider's tokens say a member of staff is, and where they may be sent back to: pure
rules, no HTTP and no database.

The claims that carry the subject, display name, roles and organisation are configuration
(Entra ID puts roles in ``roles``, Keycloak often in ``realm_access``-derived claims mapped to a
top-level one, Okta in ``groups``); a provider's role values may be mapped to the platform's.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from asb_shared.auth import Role


@dataclass(frozen=True)
class ClaimNames:
    subject: str = "sub"
    name: str = "name"
    roles: str = "roles"
    organisation: str = "org"


@dataclass(frozen=True)
class Identity:
    subject: str
    name: str
    organisation_id: uuid.UUID
    roles: frozenset[Role]


class NotStaff(ValueError):
    """The tokens name no subject or no organisation: nobody to sign in."""


def identity_of(
    claims: Mapping[str, object],
    names: ClaimNames = ClaimNames(),
    role_values: Mapping[str, str] | None = None,
    organisation_id: uuid.UUID | None = None,
) -> Identity:
    """The member of staff the claims stand for. Roles the platform does not know are left out;
    ``organisation_id`` is used when the claims carry no organisation."""
    subject = claims.get(names.subject)
    if not isinstance(subject, str) or not subject.strip():
        raise NotStaff(f"no {names.subject} claim")
    raw_org = claims.get(names.organisation)
    try:
        organisation = uuid.UUID(str(raw_org)) if raw_org else organisation_id
    except ValueError:
        raise NotStaff(f"the {names.organisation} claim is not an organisation id") from None
    if organisation is None:
        raise NotStaff(f"no {names.organisation} claim")
    raw_roles = claims.get(names.roles) or []
    values = raw_roles.split() if isinstance(raw_roles, str) else raw_roles
    mapping = role_values or {}
    roles = frozenset(
        Role(mapping.get(str(v), str(v)))
        for v in (values if isinstance(values, list | tuple) else [])
        if mapping.get(str(v), str(v)) in Role._value2member_map_
    )
    name = claims.get(names.name)
    return Identity(
        subject=subject,
        name=name if isinstance(name, str) and name.strip() else subject,
        organisation_id=organisation,
        roles=roles,
    )


def same_site_path(wanted: str | None) -> str:
    """Where to go back to after signing in: a path of the console itself, never another site
    (``//evil.example``, ``https://...``, ``/\\evil``); anything else is the home page."""
    if not wanted or not wanted.startswith("/") or wanted.startswith("//") or "\\" in wanted:
        return "/"
    parts = urlsplit(wanted)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in wanted):
        return "/"
    return wanted


def needs_refresh(expires_at: datetime | None, now: datetime, margin: timedelta) -> bool:
    """Whether the access token should be renewed before it is used (unknown expiry: no)."""
    return expires_at is not None and expires_at - now < margin


def session_ends(
    created_at: datetime, now: datetime, idle: timedelta, absolute: timedelta
) -> datetime:
    """When a session used ``now`` ends: after ``idle`` without use, and never later than
    ``absolute`` after its sign-in."""
    return min(now + idle, created_at + absolute)
