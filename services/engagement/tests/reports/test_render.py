"""The report template: sandboxed, strict, and unable to fetch anything."""

from __future__ import annotations

import io

import pytest
from asb_shared.pdf import render_pdf
from engagement.reports.render import (
    DEFAULT_CSS,
    DEFAULT_HTML,
    SAMPLE_CONTEXT,
    TemplateProblem,
    check_template,
    render_html,
)
from pypdf import PdfReader


async def test_the_shipped_template_renders_the_sample_record() -> None:
    await check_template(DEFAULT_HTML)
    html = await render_html(DEFAULT_HTML, SAMPLE_CONTEXT)
    assert "Continue the positive requirement." in html


async def test_a_misspelt_name_or_a_sandbox_escape_is_refused() -> None:
    with pytest.raises(TemplateProblem):
        await check_template("<p>{{ cleint.name }}</p>")
    with pytest.raises(TemplateProblem):
        await check_template("{% for x in %}")
    with pytest.raises(TemplateProblem):
        await check_template("{{ client.__class__.__mro__[1].__subclasses__() }}")


async def test_values_are_escaped_and_nothing_is_fetched_from_disk() -> None:
    html = await render_html("<p>{{ v }}</p>", {"v": "<script>alert(1)</script>"})
    assert "&lt;script&gt;" in html
    pdf = render_pdf('<p>before</p><img src="file:///etc/passwd"><p>after</p>', DEFAULT_CSS)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "before" in text and "root:" not in text


@pytest.mark.parametrize(
    "html",
    [
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}",
        "{{ 'x' * 10000000 }}",
        "{{ range(10**9)|length }}",
    ],
    ids=["nested loops", "huge", "huge range"],
)
async def test_a_runaway_template_is_refused_with_a_reason(html: str) -> None:
    with pytest.raises(TemplateProblem, match="too"):
        await check_template(html)
