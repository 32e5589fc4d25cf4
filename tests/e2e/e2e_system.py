"""What every end-to-end journey shares: the landlord the journeys run for."""

from __future__ import annotations

import uuid

ORG = uuid.uuid4()
"""The development landlord of the run (every journey's organisation)."""
