"""A case's reference: numbered per organisation, with its prefix (``HX-C-2026-000045``).

Numbers come from the organisation's own sequence, created when it is registered, so opening a
case never waits on another case's transaction.
"""

from __future__ import annotations

import uuid

from asb_shared.organisations import find_numbered, numbered_reference
from asb_shared.usecase import UnitOfWork


async def case_reference(uow: UnitOfWork, organisation_id: uuid.UUID) -> dict[str, str]:
    """The reference column's value for the organisation's next case.

    Cases are opened from events, never refused: for an organisation not in the registry the
    platform-wide numbering of the column's default is used (``CASE-2026-000045``).
    """
    organisation, number = await find_numbered(
        uow.session, organisation_id, "case", inactive_too=True
    )
    if organisation is None or number is None:
        return {}
    return {"reference": numbered_reference("case", organisation, uow.now().year, number)}
