"""One way to make a PDF from HTML: WeasyPrint, fetching nothing.

Engagement's Positive Requirement Report and casework's court bundle are rendered here. The
renderer is given no protocol to load anything with (no file, no URL): images, fonts and
stylesheets a document names stay unloaded, so a document (even from a staff-written template)
cannot read the server's disk or reach the network. WeasyPrint is a dependency of the services
that render (it needs Pango on the machine), loaded only when a PDF is made.
"""

from __future__ import annotations


def render_pdf(html: str, css: str) -> bytes:
    """The PDF of ``html`` styled by ``css`` (CPU-bound: run it in a thread)."""
    import weasyprint  # type: ignore[import-untyped]  # slow to load: only when rendering

    # No protocol is allowed: images, fonts and stylesheets named by the document stay unloaded.
    refuse = weasyprint.urls.URLFetcher(allowed_protocols=frozenset())
    document = weasyprint.HTML(string=html, url_fetcher=refuse)
    stylesheet = weasyprint.CSS(string=css, url_fetcher=refuse)
    pdf = document.write_pdf(stylesheets=[stylesheet])
    if not isinstance(pdf, bytes):  # None only when a target file is given
        raise RuntimeError("WeasyPrint returned no document")
    return pdf
