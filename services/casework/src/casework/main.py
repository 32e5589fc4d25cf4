"""The casework service: cases from report to closure, under service standards."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .callbacks.router import router as call_backs
from .casefile.router import router as casefile
from .caselist.router import router as caselist
from .contacts.router import router as contacts
from .enquiries.router import router as enquiries
from .equality.router import router as equality
from .events import handlers
from .evidence.router import router as evidence
from .hotspots.router import router as hotspots
from .interventions.router import router as interventions
from .languages.router import router as languages
from .legal_action.router import router as legal_action
from .lifecycle.router import closure_router as closure
from .lifecycle.router import router as lifecycle
from .markers.router import router as markers
from .measures.router import router as measures
from .officers.router import router as officers
from .opening.router import router as opening
from .organisations.router import router as organisations
from .overview.router import router as overview
from .people.router import router as people
from .plans.router import router as plans
from .policy.router import router as policy
from .public.router import router as public
from .reads.router import router as reads
from .referrals.router import router as referrals
from .retention.router import router as retention
from .retention.task import retention_run
from .risk.router import router as risk
from .search.router import router as search
from .settings import CaseworkSettings
from .standards.clock import standards_clock
from .standards.router import router as standards
from .subject_access.router import router as subject_access
from .subject_contact.router import router as subject_contact
from .tenure.router import router as tenure
from .timeline.router import router as timeline
from .trigger.router import router as community_trigger

definition = ServiceDefinition(
    name="casework",
    title="ASB casework",
    description="Officers run ASB cases from triage to closure under published service standards.",
    settings_cls=CaseworkSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[
        caselist,
        casefile,
        overview,
        opening,
        timeline,
        lifecycle,
        officers,
        risk,
        standards,
        contacts,
        plans,
        interventions,
        evidence,
        referrals,
        closure,
        policy,
        subject_contact,
        search,
        community_trigger,
        people,
        hotspots,
        measures,
        languages,
        public,
        organisations,
        reads,
        equality,
        subject_access,
        tenure,
        markers,
        enquiries,
        legal_action,
        call_backs,
        retention,
    ],
    handlers=handlers,
    worker_tasks=[standards_clock, retention_run],
    upload_paths=[r"/v1/cases/[^/]+/evidence/files"],
)
