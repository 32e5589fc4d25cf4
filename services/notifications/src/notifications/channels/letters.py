"""Letters as PDFs laid out for GOV.UK Notify's precompiled letters (A4, address block in the
window on the first page, margins clear of the printer's marks)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fpdf import FPDF

_UNICODE_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
]


def letter_pdf(
    address: str, subject: str, body: str, *, on: date, large_print: bool = False
) -> bytes:
    """A letter: address in the window, date, subject in bold, body. Large print on request."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(left=25, top=20, right=20)
    pdf.set_auto_page_break(auto=True, margin=30)
    font = next((f for f in _UNICODE_FONTS if f.exists()), None)
    family = "Helvetica"
    if font is not None:
        family = "Letter"
        pdf.add_font(family, "", str(font))
        pdf.add_font(family, "B", str(font))
    else:  # core fonts are Latin-1 only
        address, subject, body = (
            t.encode("latin-1", "replace").decode("latin-1") for t in (address, subject, body)
        )
    size = 16 if large_print else 11
    line = size * 0.5
    pdf.add_page()
    # Notify's address area: 24.6 mm from the left, 66.3 mm from the top, at most 7 lines.
    pdf.set_font(family, size=11)
    pdf.set_xy(24.6, 66.3)
    lines = [part.strip() for part in address.replace("\n", ",").split(",") if part.strip()]
    for text in lines[:7]:
        pdf.set_x(24.6)
        pdf.cell(95, 4.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(25, 110)
    pdf.set_font(family, size=size)
    pdf.cell(0, line, f"{on:%d %B %Y}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(line)
    pdf.set_font(family, "B", size=size)
    pdf.multi_cell(0, line, subject, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(line / 2)
    pdf.set_font(family, size=size)
    pdf.multi_cell(0, line, body, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
