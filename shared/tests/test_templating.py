"""The bounded sandbox: budgets refuse runaway templates with a reason, the renderer process is
killed at the wall clock and capped in memory, and every failure names its source."""

from __future__ import annotations

import time

import pytest
from asb_shared import templating
from asb_shared.templating import HTML, TEXT, Limits, TemplateProblem, render, render_here


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "work",
        ),
        ("{% for a in 'x' * 50000 %}{% for b in 'x' * 50000 %}{% endfor %}{% endfor %}", "work"),
        (
            "{% set r = range(10000)|list %}{% for i in range(10000) %}{{ r|sum }}{% endfor %}",
            "work",
        ),
        ("{{ 'x' * 10000000 }}", "too long"),
        ("{{ range(10**9)|length }}", "too long"),
        ("{{ ('x' * 60000) + ('y' * 60000) }}", "too long"),
        ("{{ 'x'.center(1000000000) }}", "too large"),
        ("{{ 'x'|center(1000000000) }}", "too large"),
        ("{{ '{:>1000000000}'.format(1) }}", "five digits"),
        ("{{ '{:>{}}'.format(1, 10**9) }}", "five digits"),
        ("{{ '%1000000000d' % 1 }}", "five digits"),
        ("{{ '%*d' % (10**9, 1) }}", "five digits"),
        ("{{ '%1000000000d'|format(1) }}", "five digits"),
        ("{{ '%(a)1000000000s'|format(a=1) }}", "five digits"),
        ("{{ 7 ** 1000000 }}", "too large"),
        (
            "{% for a in range(100000) %}a line of text printed again and again{% endfor %}",
            "output",
        ),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "deeply"),
        ("{{ 1 // 0 }}", "cannot compute"),
        ("{{ nope }}", "undefined"),
        ("{{ (range(100000)|list)|batch(1)|list|length }}", "work"),
        ("{{ lipsum(100000) }}", "undefined"),
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
    ],
)
def test_budgets_refuse_with_a_reason(source: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as refused:
        render_here({"subject": "fine", "body": source}, {})
    assert refused.value.field == "body"
    assert reason in refused.value.message
    print(f"{time.monotonic() - started:.3f} s: {refused.value.message}")


def test_ordinary_templates_render_as_before() -> None:
    out = render_here(
        {
            "subject": "Case {{ reference }}",
            "body": "Dear {{ name }},{% for i in range(3) %} {{ loop.index }}{% endfor %} {{ '{:,}'.format(1234567) }} {{ 'call 01614960000 about %s' % 'it' }} {{ missing }}\n",
        },
        {"reference": "ASB-1", "name": "Sam", "missing": None},
        style=TEXT,
    )
    assert out == {
        "subject": "Case ASB-1",
        "body": "Dear Sam, 1 2 3 1,234,567 call 01614960000 about it \n",
    }
    html = render_here({"html": "<p>{{ v }}</p>"}, {"v": "<b>"}, style=HTML)
    assert html == {"html": "<p>&lt;b&gt;</p>"}


async def test_rendering_runs_in_a_renderer_process_killed_at_the_wall_clock() -> None:
    assert await render({"body": "Hi {{ name }}"}, {"name": "Sam"}) == {"body": "Hi Sam"}
    # With the budgets lifted, only the wall clock stops this: the renderer is killed.
    limits = Limits(steps=10**15, size=10**7, seconds=0.5)
    started = time.monotonic()
    with pytest.raises(TemplateProblem, match="too long to render"):
        await render(
            {
                "body": "{% for a in range(10**6) %}{% for b in range(10**6) %}{% endfor %}{% endfor %}"
            },
            {},
            limits=limits,
        )
    assert time.monotonic() - started < 10
    # A fresh renderer takes the next render.
    assert await render({"body": "ok"}, {}) == {"body": "ok"}


async def test_the_renderer_process_cannot_take_all_the_memory() -> None:
    limits = Limits(steps=10**15, size=10**10, memory_bytes=300 * 1024 * 1024)
    with pytest.raises(TemplateProblem, match="memory"):
        await render({"html": "{% set x = 'x' * (10**9) %}{{ x|length }}"}, {}, limits=limits)
    assert await render({"body": "still {{ 'fine' }}"}, {}) == {"body": "still fine"}


def test_syntax_problems_are_found_without_rendering() -> None:
    problem = templating.syntax_problem("subject", "{% if %}")
    assert problem is not None and problem.field == "subject" and "line 1" in problem.message
    assert templating.syntax_problem("body", "{{ fine }}") is None
