"""A case's reference: numbered per organisation, with its prefix (``HX-C-2026-000045``).

Numbers come from the organisation's own sequence, created when it is registered, so opening a
case never waits on another case's transaction.
"""

from __future__ import annotations

import uuid

from asb_shared.organisations import next_reference_of
from asb_shared.usecase import UnitOfWork


async def case_reference(uow: UnitOfWork, organisation_id: uuid.UUID) -> dict[str, str]:
    """The reference column's value for the organisation's next case.

    Cases are opened from events, never refused: for an organisation not in the registry the
    platform-wide numbering of the column's default is used (``CASE-2026-000045``).
    """
    reference = await next_reference_of(uow.session, "case", organisation_id, uow.now().year)
    return {} if reference is None else {"reference": reference}
