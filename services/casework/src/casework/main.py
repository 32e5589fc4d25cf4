"""The casework service: cases from report to closure, under service standards."""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .api.actions import router as actions_router
from .api.cases import router as cases_router
from .handlers import handlers
from .settings import CaseworkSettings
from .timers import standards_clock

definition = ServiceDefinition(
    name="casework",
    title="ASB casework",
    description="Officers run ASB cases from triage to closure under published service standards.",
    settings_cls=CaseworkSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[cases_router, actions_router],
    handlers=handlers,
    worker_tasks=[standards_clock],
)
