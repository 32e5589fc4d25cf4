"""Who is signed in to the console, as every console page sees them.

The console's session layer puts the signed-in member of staff on ``request.state.staff``;
pages take them with the :data:`Staff` dependency and call the services with their access token,
so each service's own authorisation decides what they may see and do (the console only hides
what the API would refuse, and still handles the refusal).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from asb_shared.auth import Role
from fastapi import Depends, Request


class SignInRequired(Exception):
    """No signed-in member of staff: the console sends the browser to sign in, then back."""


@dataclass(frozen=True)
class StaffUser:
    subject: str
    name: str
    organisation_id: uuid.UUID
    roles: frozenset[Role]
    access_token: str

    def has_any(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    @property
    def bearer(self) -> dict[str, str]:
        """The header every call to a service carries."""
        return {"Authorization": f"Bearer {self.access_token}"}


def current_staff(request: Request) -> StaffUser:
    staff = getattr(request.state, "staff", None)
    if not isinstance(staff, StaffUser):
        raise SignInRequired()
    return staff


Staff = Annotated[StaffUser, Depends(current_staff)]
"""Route parameter: the signed-in member of staff."""
