"""Every message in English and Welsh, and no page title that names domestic abuse."""

from __future__ import annotations

import re
from pathlib import Path

from web.site.i18n import MESSAGES, translate

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "web" / "templates"


def test_every_message_has_both_languages() -> None:
    hints = {k for k in MESSAGES if k.endswith(".hint")}
    for key, (en, cy) in MESSAGES.items():
        if key in hints and not en:
            continue  # an empty hint is shown in neither language
        assert en.strip() and cy.strip(), key
    # A few a resident sees first.
    assert translate("cy", "service.name") != translate("en", "service.name")


def test_every_key_a_template_asks_for_exists() -> None:
    asked = set()
    for template in TEMPLATES.rglob("*.html"):
        asked |= set(re.findall(r'(?<![\w.])c?t\("([a-z_.0-9-]+)"', template.read_text()))
    # Keys built from a value ("category." ~ value) are checked by the label filters' fallback.
    missing = {k for k in asked if k not in MESSAGES and not k.endswith((".", "-"))}
    assert missing == set()


def test_no_title_or_heading_says_domestic_abuse() -> None:
    for key, (en, cy) in MESSAGES.items():
        assert "domestic abuse" not in en.lower(), key
        assert "cam-drin domestig" not in cy.lower(), key
