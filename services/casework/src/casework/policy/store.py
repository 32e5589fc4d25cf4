"""Reading a landlord's policy: the current version, or the version a case runs under.

Versions never change once written, so each (landlord, version) is read from the database once
per process and kept.
"""

from __future__ import annotations

import uuid

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PolicyVersion
from .settings import DEFAULT_POLICY, PolicySettings

DEFAULTS_VERSION = 0
"""The version of the built-in defaults, which every landlord starts with."""

_versions: dict[tuple[uuid.UUID, int], PolicySettings] = {}


_CURRENT = "casework_policy_versions"


LATEST_VERSION = (
    select(func.max(PolicyVersion.version))
    .where(PolicyVersion.organisation_id == bindparam("organisation_id"))
    .scalar_subquery()
)
"""The landlord's latest version (``organisation_id`` as its parameter), or NULL: to read in
the same statement as something else, then :func:`version_read`."""


async def current_version(
    session: AsyncSession, organisation_id: uuid.UUID, *, fresh: bool = False
) -> int:
    """The landlord's latest policy version (0: the defaults).

    Read once per transaction (opening a case asks three times), so the whole transaction
    works under one version; ``fresh`` reads it again (changing the policy, under its lock).
    """
    versions: dict[uuid.UUID, int] = session.info.setdefault(_CURRENT, {})
    if not fresh and organisation_id in versions:
        return versions[organisation_id]
    return version_read(
        session,
        organisation_id,
        await session.scalar(select(LATEST_VERSION), {"organisation_id": organisation_id}),
    )


def version_read(session: AsyncSession, organisation_id: uuid.UUID, latest: int | None) -> int:
    """The landlord's current version for this transaction, ``latest`` as read by
    :data:`LATEST_VERSION`."""
    versions: dict[uuid.UUID, int] = session.info.setdefault(_CURRENT, {})
    versions[organisation_id] = latest or DEFAULTS_VERSION
    return versions[organisation_id]


async def policy_at(
    session: AsyncSession, organisation_id: uuid.UUID, version: int
) -> PolicySettings:
    """The landlord's settings at ``version``."""
    key = (organisation_id, version)
    found = _versions.get(key)
    if found is None:
        found = DEFAULT_POLICY
        if version != DEFAULTS_VERSION:
            stored = await session.scalar(
                select(PolicyVersion.settings).where(
                    PolicyVersion.organisation_id == organisation_id,
                    PolicyVersion.version == version,
                )
            )
            if stored is None:
                raise LookupError(f"no policy version {version} for {organisation_id}")
            found = PolicySettings.model_validate(stored)
        _versions[key] = found
    return found
