"""What every end-to-end journey shares: the landlord the journeys run for."""

from __future__ import annotations

import uuid

ORG = uuid.uuid4()
"""The development landlord of the run (every journey's organisation)."""


CONSOLE_PATCH = "SK7"
"""The console journeys' patch: its reports are the development officer's."""
DEV_OFFICER = "dev-officer"
"""The development identity provider's officer, as casework knows them."""
OTHER_OFFICER = "o-console-two"
