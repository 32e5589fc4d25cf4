"""Rendering templates in a sandbox, and checking the fields a template uses (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment


def _blank_none(value: Any) -> Any:
    return "" if value is None else value


# Plain text (email, SMS, letters, in-app): no HTML escaping. A field with no value yet (a name
# not given) renders as nothing rather than "None"; a field the template did not declare is an
# error (StrictUndefined), caught when the template is saved.
_env = SandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, finalize=_blank_none
)


class TemplateProblem(ValueError):
    """A template that cannot be saved: ``field`` (subject or body) and what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def check(subject: str, body: str, declared: Iterable[str]) -> None:
    """Raise :class:`TemplateProblem` for a syntax error or a field used but not declared."""
    allowed = set(declared)
    for name, source in (("subject", subject), ("body", body)):
        try:
            used = meta.find_undeclared_variables(_env.parse(source))
        except TemplateSyntaxError as exc:
            raise TemplateProblem(
                name, f"template syntax error on line {exc.lineno}: {exc.message}"
            ) from exc
        unknown = sorted(used - allowed)
        if unknown:
            raise TemplateProblem(
                name,
                f"uses undeclared field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}",
            )


@lru_cache(maxsize=512)
def _compiled(source: str) -> Template:
    """A template's source compiled once (compiling costs far more than rendering). Keyed by
    the source itself, so a template edited and saved is compiled afresh."""
    return _env.from_string(source)


def render(subject: str, body: str, values: dict[str, Any]) -> tuple[str, str]:
    """Subject (one line) and body, rendered with ``values`` in the sandbox."""
    rendered_subject = " ".join(_compiled(subject).render(values).split())
    return rendered_subject, _compiled(body).render(values)
