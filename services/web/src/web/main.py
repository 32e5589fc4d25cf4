"""The resident web site: report anti-social behaviour, follow the report, answer the survey
and apply for a case review, on each landlord's own pages, in English or Welsh.

One package per page flow: ``site`` (the landlord, layout, language, sessions, security and the
API clients every flow uses), ``report``, ``follow``, ``survey`` and ``case_review``. A staff
console would be a flow of its own beside them (its own prefix or entrypoint), using ``site``.
"""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .app import create_site
from .settings import WebSettings

definition = ServiceDefinition(
    name="web",
    title="ASB resident site",
    description="Residents report anti-social behaviour and follow their report in a browser.",
    settings_cls=WebSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    api_factory=create_site,
    has_worker=False,
)
