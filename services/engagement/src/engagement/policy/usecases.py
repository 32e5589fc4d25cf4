"""Use cases of the landlords' policies: keep the newest version casework announced."""

from __future__ import annotations

from asb_shared.contracts.casework import PolicyChanged
from asb_shared.usecase import UnitOfWork
from sqlalchemy.dialects.postgresql import insert

from .models import LandlordPolicy


async def keep_policy(uow: UnitOfWork, command: PolicyChanged) -> None:
    """Keep the announced version if it is newer than the one held (a late or repeated event
    never undoes a later change)."""
    values = {
        "organisation_id": command.organisation_id,
        "version": command.version,
        "calendar": command.calendar.model_dump(mode="json"),
        "engagement": command.engagement.model_dump(mode="json"),
        "changed_at": command.changed_at,
    }
    statement = insert(LandlordPolicy).values(values)
    await uow.session.execute(
        statement.on_conflict_do_update(
            index_elements=[LandlordPolicy.organisation_id],
            set_={k: statement.excluded[k] for k in values if k != "organisation_id"},
            where=LandlordPolicy.version < statement.excluded.version,
        )
    )
