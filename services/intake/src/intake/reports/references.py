"""A report's reference: numbered per organisation, with its prefix (``HX-2026-000123``).

Numbers come from the organisation's own sequence, created when intake first hears of the
organisation (``casework.organisation.updated``), so taking one never waits on another report.
"""

from __future__ import annotations

import uuid

from asb_shared.organisations import find_numbered, numbered_reference, refusal
from asb_shared.usecase import Invalid, UnitOfWork

SERVICE = "intake"
REFERENCE_KINDS = ("report",)
"""The references intake numbers per organisation."""


async def reference_for(uow: UnitOfWork, organisation_id: uuid.UUID) -> str | None:
    """The organisation's next report reference; None to leave it to the column's default.

    A request (no event being handled) for an unknown or inactive organisation is refused,
    naming ``organisation_id``. A report from an event is never refused: for an organisation
    not heard of yet (events between services come in any order) the platform-wide numbering
    of the column's default is used (``ASB-2026-000123``).
    """
    request = uow.cause is None
    organisation, number = await find_numbered(
        uow.session, organisation_id, "report", inactive_too=not request
    )
    if request:
        refused = refusal(organisation, SERVICE)
        if refused is not None:
            raise Invalid.at("organisation_id", refused.message, refused.code)
    if organisation is None or number is None:
        return None
    return numbered_reference("report", organisation, uow.now().year, number)
