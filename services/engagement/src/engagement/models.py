"""Every table of engagement, for migrations: each feature keeps its own models beside it."""

from asb_shared.retention_schedules import retention_metadata as retention_metadata

from .assessments.models import Assessment, AssessmentQuestionSet
from .budget.models import Budget, Spend
from .clients.models import Client, ClientCase, Consent, EngagementChange, ReferenceCounter
from .confidentiality.models import RecordRead, SafeguardingLead
from .db import Base
from .outcomes.models import LegalCostEstimate, OutcomeRecord
from .plans.models import Action, Activity, Goal, Plan, Review
from .policy.models import LandlordPolicy
from .referrals.models import Referral
from .reports.models import Report, ReportTemplate
from .requirements.models import ComplianceRecord, CourtOrder, Requirement

__all__ = [
    "Action",
    "Activity",
    "Assessment",
    "AssessmentQuestionSet",
    "Base",
    "Budget",
    "Client",
    "ClientCase",
    "ComplianceRecord",
    "Consent",
    "CourtOrder",
    "EngagementChange",
    "Goal",
    "LandlordPolicy",
    "LegalCostEstimate",
    "OutcomeRecord",
    "Plan",
    "RecordRead",
    "ReferenceCounter",
    "Referral",
    "Report",
    "ReportTemplate",
    "Requirement",
    "Review",
    "SafeguardingLead",
    "Spend",
]
