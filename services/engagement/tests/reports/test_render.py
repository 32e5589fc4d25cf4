"""The report template: sandboxed, strict, and unable to fetch anything."""

from __future__ import annotations

import io

import pytest
from engagement.reports.render import (
    DEFAULT_CSS,
    DEFAULT_HTML,
    SAMPLE_CONTEXT,
    TemplateProblem,
    check_template,
    render_html,
    render_pdf,
)
from pypdf import PdfReader


def test_the_shipped_template_renders_the_sample_record() -> None:
    check_template(DEFAULT_HTML)
    html = render_html(DEFAULT_HTML, SAMPLE_CONTEXT)
    assert "Continue the positive requirement." in html


def test_a_misspelt_name_or_a_sandbox_escape_is_refused() -> None:
    with pytest.raises(TemplateProblem):
        check_template("<p>{{ cleint.name }}</p>")
    with pytest.raises(TemplateProblem):
        check_template("{% for x in %}")
    with pytest.raises(TemplateProblem):
        check_template("{{ client.__class__.__mro__[1].__subclasses__() }}")


def test_values_are_escaped_and_nothing_is_fetched_from_disk() -> None:
    html = render_html("<p>{{ v }}</p>", {"v": "<script>alert(1)</script>"})
    assert "&lt;script&gt;" in html
    pdf = render_pdf('<p>before</p><img src="file:///etc/passwd"><p>after</p>', DEFAULT_CSS)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "before" in text and "root:" not in text
