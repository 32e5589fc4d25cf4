"""The resident web site: report anti-social behaviour, follow the report, answer the survey
and apply for a case review, on each landlord's own pages, in English or Welsh.

One package per page flow: ``site`` (the landlord, layout, language, sessions, security and the
API clients every flow uses), ``report``, ``follow``, ``survey`` and ``case_review``. A staff
console is a flow of its own beside them (``console``: its own entrypoint, ``python -m web
console``, and port), using ``site``.
"""

from pathlib import Path

from asb_shared.service import ServiceDefinition

from .app import create_site
from .console.app import create_console
from .console.settings import ConsoleSettings
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

console = ServiceDefinition(
    name="web",
    title="ASB staff console",
    description="Officers and team leaders run their cases in a browser, signed in through the "
    "landlord's identity provider.",
    settings_cls=ConsoleSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    api_factory=create_console,
    has_worker=False,
)
"""The staff console: the same package and database as the site, its own process and port."""
