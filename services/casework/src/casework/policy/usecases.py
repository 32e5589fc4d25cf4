"""Use cases of a landlord's policy settings: read them, change them (a new version), list the
versions with who changed what."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from asb_shared.contracts.casework import (
    EngagementPolicy,
    PolicyCalendar,
    PolicyChanged,
    RetentionScheduleChanged,
)
from asb_shared.usecase import Invalid, NotFound, Problem, UnitOfWork
from sqlalchemy import select

from ..cases.store import staff
from ..db import hold_locks
from ..timeline.recording import acting
from .models import PolicyVersion
from .settings import DEFAULT_POLICY, PolicySettings, changes, problems
from .store import DEFAULTS_VERSION, current_version, policy_at

NO_SUCH_POLICY = "No such organisation policy."


@dataclass(frozen=True)
class PolicyView:
    organisation_id: uuid.UUID
    version: int
    settings: PolicySettings
    reason: str | None = None
    changed_by: str | None = None
    changed_at: object | None = None
    changes: list[dict[str, object]] | None = None


def _own(uow: UnitOfWork, organisation_id: uuid.UUID) -> uuid.UUID:
    """Another landlord's settings are missing, not forbidden: theirs are not ours to know of."""
    if staff(uow).organisation_id != organisation_id:
        raise NotFound(NO_SUCH_POLICY)
    return organisation_id


def _view(row: PolicyVersion) -> PolicyView:
    return PolicyView(
        organisation_id=row.organisation_id,
        version=row.version,
        settings=PolicySettings.model_validate(row.settings),
        reason=row.reason,
        changed_by=row.changed_by,
        changed_at=row.changed_at,
        changes=row.changes,
    )


async def _version_row(
    uow: UnitOfWork, organisation_id: uuid.UUID, version: int
) -> PolicyVersion | None:
    return await uow.session.scalar(
        select(PolicyVersion).where(
            PolicyVersion.organisation_id == organisation_id, PolicyVersion.version == version
        )
    )


@dataclass(frozen=True)
class ReadPolicy:
    organisation_id: uuid.UUID
    version: int | None = None
    """None: the current version."""


async def read_policy(uow: UnitOfWork, query: ReadPolicy) -> PolicyView:
    """The landlord's settings now, or at a version (0: the defaults every landlord starts with)."""
    organisation_id = _own(uow, query.organisation_id)
    version = query.version
    if version is None:
        version = await current_version(uow.session, organisation_id)
    if version == DEFAULTS_VERSION:
        return PolicyView(organisation_id, DEFAULTS_VERSION, DEFAULT_POLICY)
    row = await _version_row(uow, organisation_id, version)
    if row is None:
        raise NotFound(NO_SUCH_POLICY)
    return _view(row)


@dataclass(frozen=True)
class ChangePolicy:
    organisation_id: uuid.UUID
    settings: PolicySettings
    reason: str


async def change_policy(uow: UnitOfWork, command: ChangePolicy) -> PolicyView:
    """An admin sets the landlord's policy: a new version, with what changed, by whom and why,
    announced (``casework.policy.changed``) to the services that work by it.

    Cases already open keep the version they started under; new cases take this one. Settings
    equal to the current ones change nothing (no new version).
    """
    organisation_id = _own(uow, command.organisation_id)
    found = problems(command.settings)
    if found:
        raise Invalid(
            "The policy settings are inconsistent.",
            [Problem(f"settings.{p.field}", p.message, p.type) for p in found],
        )
    # One change at a time per landlord, so versions follow each other without a gap or a clash.
    await hold_locks(uow.session, [f"policy:{organisation_id}"])
    version = await current_version(uow.session, organisation_id, fresh=True)
    before = await policy_at(uow.session, organisation_id, version)
    changed = changes(before, command.settings)
    if not changed:
        return await read_policy(uow, ReadPolicy(organisation_id, version))
    row = PolicyVersion(
        organisation_id=organisation_id,
        version=version + 1,
        settings=command.settings.model_dump(mode="json"),
        changes=changed,
        reason=command.reason,
        changed_by=acting(uow),
        changed_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    await current_version(uow.session, organisation_id, fresh=True)  # the rest of it sees this one
    await uow.emit(
        _announcement(organisation_id, row.version, command.settings, uow.now()),
        organisation_id=organisation_id,
    )
    if command.settings.retention != before.retention:
        # Every service applies the schedule to records of its own: it keeps a copy.
        await uow.emit(
            RetentionScheduleChanged(
                organisation_id=organisation_id,
                policy_version=row.version,
                schedule=command.settings.retention,
            ),
            organisation_id=organisation_id,
        )
    return _view(row)


def _announcement(
    organisation_id: uuid.UUID, version: int, settings: PolicySettings, at: datetime
) -> PolicyChanged:
    """What other services work by of a policy version: its calendar, the Positive Engagement
    Service's settings, the survey's delay."""
    calendar = settings.calendar
    return PolicyChanged(
        organisation_id=organisation_id,
        version=version,
        calendar=PolicyCalendar(
            region=calendar.region.value,
            opens=calendar.opens,
            closes=calendar.closes,
            closure_days=sorted(set(calendar.closure_days)),
        ),
        engagement=EngagementPolicy.model_validate(settings.engagement.model_dump()),
        survey_after_closure_working_days=settings.survey_after_closure_working_days,
        changed_at=at,
    )


@dataclass(frozen=True)
class ListPolicyVersions:
    organisation_id: uuid.UUID


async def list_policy_versions(uow: UnitOfWork, query: ListPolicyVersions) -> list[PolicyView]:
    """Every change of the landlord's policy, newest first: the audit trail."""
    organisation_id = _own(uow, query.organisation_id)
    rows = await uow.session.scalars(
        select(PolicyVersion)
        .where(PolicyVersion.organisation_id == organisation_id)
        .order_by(PolicyVersion.version.desc())
    )
    return [_view(r) for r in rows]
