"""Documents as PDF: HTML and CSS made into a PDF by WeasyPrint, fetching nothing.

The one way the platform renders a document (engagement's Positive Requirement Report,
casework's subject access export). CPU-bound: call it in a thread.
"""

from __future__ import annotations


def render_pdf(html: str, css: str) -> bytes:
    """The PDF of ``html`` styled by ``css``. No protocol is allowed: images, fonts and
    stylesheets the HTML names stay unloaded, so a template cannot read the server's disk."""
    import weasyprint  # type: ignore[import-untyped]  # slow to load: only when rendering

    refuse = weasyprint.urls.URLFetcher(allowed_protocols=frozenset())
    document = weasyprint.HTML(string=html, url_fetcher=refuse)
    stylesheet = weasyprint.CSS(string=css, url_fetcher=refuse)
    pdf = document.write_pdf(stylesheets=[stylesheet])
    if not isinstance(pdf, bytes):  # None only when a target file is given
        raise RuntimeError("WeasyPrint returned no document")
    return pdf
