"""The role groups, defined once with one meaning for every service.

Each group is a set of roles (for a use case that asks ``principal.has_any(MANAGERS)``) and the
FastAPI dependency of a route that needs one of them (``principal: CaseStaff``): the caller, who
must hold one of the group's roles (else 403).

| group | roles | who |
|---|---|---|
| ``CaseStaff`` | officer, team leader, admin | everyone who works cases |
| ``Managers`` | team leader, admin | who oversees cases: reviews, overrides, budgets |
| ``TeamLeader`` | team leader | a team leader alone |
| ``Admin`` | admin | the landlord's administrator |
| ``Peo`` | Positive Engagement officer | who works engagement records |
| ``PeoOrAdmin`` | PEO, admin | who keeps engagement's question sets and reports |
| ``PeoOrLeader`` | PEO, team leader | who spends the engagement budget |
| ``EngagementReaders`` | PEO, team leader, admin | who reads the engagement budget |
| ``LandlordStaff`` | officer, team leader, PEO, admin | every member of a landlord's staff |
| ``PARTNER_STAFF`` | partner staff | a partner agency's member of staff (through the gateway) |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from . import Principal, Role, require_roles

CASE_STAFF = frozenset({Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN})
MANAGERS = frozenset({Role.TEAM_LEADER, Role.ADMIN})
TEAM_LEADER = frozenset({Role.TEAM_LEADER})
ADMIN = frozenset({Role.ADMIN})
PEO = frozenset({Role.PEO})
PEO_OR_ADMIN = frozenset({Role.PEO, Role.ADMIN})
PEO_OR_LEADER = frozenset({Role.PEO, Role.TEAM_LEADER})
ENGAGEMENT_READERS = frozenset({Role.PEO, Role.TEAM_LEADER, Role.ADMIN})
LANDLORD_STAFF = frozenset({Role.OFFICER, Role.TEAM_LEADER, Role.PEO, Role.ADMIN})
PARTNER_STAFF = frozenset({Role.PARTNER_STAFF})
"""No route dependency: the partner gateway takes their token as acting for their partner
(``partner_gateway.credentials.caller``), under the partner's agreements, not by role."""

CaseStaff = Annotated[Principal, Depends(require_roles(*CASE_STAFF))]
Managers = Annotated[Principal, Depends(require_roles(*MANAGERS))]
TeamLeader = Annotated[Principal, Depends(require_roles(*TEAM_LEADER))]
Admin = Annotated[Principal, Depends(require_roles(*ADMIN))]
Peo = Annotated[Principal, Depends(require_roles(*PEO))]
PeoOrAdmin = Annotated[Principal, Depends(require_roles(*PEO_OR_ADMIN))]
PeoOrLeader = Annotated[Principal, Depends(require_roles(*PEO_OR_LEADER))]
EngagementReaders = Annotated[Principal, Depends(require_roles(*ENGAGEMENT_READERS))]
LandlordStaff = Annotated[Principal, Depends(require_roles(*LANDLORD_STAFF))]
