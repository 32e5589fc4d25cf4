"""Every table of casework, on its one metadata (:class:`Base`).

Each feature declares its own tables beside its rules and use cases; this module imports them
all so that Alembic (``migrations/env.py``) and the migration-versus-models test see every one.
"""

from __future__ import annotations

from .callbacks.models import CallBack
from .cases.index import ReportIndex
from .cases.models import Case, CaseReport, Complainant, Contact
from .db import Base
from .enquiries.models import Enquiry
from .equality.models import EqualityRecord
from .evidence.models import Evidence
from .interventions.models import Intervention
from .languages.models import LanguageNeed
from .legal_action.models import LegalAction
from .lifecycle.models import CorroborationAttempt
from .markers.models import WarningMarker
from .officers.models import Officer
from .organisations.models import OrganisationChange
from .people.models import PersonMerge
from .plans.models import ActionPlan
from .policy.models import PolicyVersion
from .reads.models import SensitiveRead
from .referrals.models import Referral
from .retention.models import DataRequest
from .risk.models import RiskAssessment, RiskQuestionSet
from .standards.models import Standard
from .subject_access.models import SubjectAccessEntry, SubjectAccessRequest
from .timeline.models import TimelineEntry
from .trigger.models import CaseReview, TriggerEligibility

__all__ = [
    "ActionPlan",
    "Base",
    "CallBack",
    "Case",
    "CaseReport",
    "CaseReview",
    "Complainant",
    "Contact",
    "CorroborationAttempt",
    "DataRequest",
    "Enquiry",
    "EqualityRecord",
    "Evidence",
    "Intervention",
    "LanguageNeed",
    "LegalAction",
    "Officer",
    "OrganisationChange",
    "PersonMerge",
    "PolicyVersion",
    "Referral",
    "ReportIndex",
    "RiskAssessment",
    "RiskQuestionSet",
    "SensitiveRead",
    "Standard",
    "SubjectAccessEntry",
    "SubjectAccessRequest",
    "TimelineEntry",
    "TriggerEligibility",
    "WarningMarker",
]
