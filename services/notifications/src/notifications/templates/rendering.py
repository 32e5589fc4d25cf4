"""Rendering message templates, and checking the fields a template uses.

Templates are written by staff, so they render in the bounded sandbox of
:mod:`asb_shared.templating`: in a renderer process with budgets on work, size and output and a
wall clock, never on the event loop. Plain text (email, SMS, letters, in-app): no HTML
escaping; a field with no value yet (a name not given) renders as nothing rather than "None";
a field the template did not declare is an error, caught when the template is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from asb_shared import templating
from asb_shared.templating import TEXT, TemplateProblem, syntax_problem
from jinja2 import meta

__all__ = ["TemplateProblem", "check", "render"]


def check(subject: str, body: str, declared: Iterable[str]) -> None:
    """Raise :class:`TemplateProblem` for a syntax error or a field used but not declared."""
    allowed = set(declared)
    for name, source in (("subject", subject), ("body", body)):
        problem = syntax_problem(name, source, TEXT)
        if problem is not None:
            raise problem
        used = meta.find_undeclared_variables(templating.environment(TEXT).parse(source))
        unknown = sorted(used - allowed)
        if unknown:
            raise TemplateProblem(
                name,
                f"uses undeclared field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}",
            )


async def render(subject: str, body: str, values: dict[str, Any]) -> tuple[str, str]:
    """Subject (one line) and body, rendered with ``values`` in the bounded sandbox. Raises
    :class:`TemplateProblem` naming ``subject`` or ``body``."""
    out = await templating.render({"subject": subject, "body": body}, values, style=TEXT)
    return " ".join(out["subject"].split()), out["body"]
