"""Links into the resident site: the landlord's slug from the reference, never a token outside
the fragment, no link for references of no landlord."""

from __future__ import annotations

from urllib.parse import urlsplit

from asb_shared.resident_site import follow_url, landlord_slug, private_follow_url, survey_url

SITE = "https://report.example.org/"


def test_the_landlords_slug_is_its_reference_prefix_in_lower_case() -> None:
    assert landlord_slug("ETOE-2026-000123") == "etoe"
    assert landlord_slug("HX-2026-000001") == "hx"
    assert landlord_slug("ASB-2026-000123") is None
    assert landlord_slug("ETOE-C-2026-000045") is None
    assert landlord_slug("nonsense") is None


def test_links_name_the_report_and_keep_the_token_in_the_fragment() -> None:
    assert follow_url(SITE, "ETOE-2026-000123") == (
        "https://report.example.org/etoe/follow/ETOE-2026-000123"
    )
    assert survey_url(SITE, "ETOE-2026-000123") == (
        "https://report.example.org/etoe/follow/ETOE-2026-000123/survey"
    )
    private = private_follow_url(SITE, "ETOE-2026-000123", "s3cret-token")
    assert private is not None
    parts = urlsplit(private)
    assert "s3cret-token" not in parts.path + parts.query
    assert parts.fragment == "ETOE-2026-000123.s3cret-token"


def test_no_link_without_a_site_or_a_landlord() -> None:
    assert follow_url("", "ETOE-2026-000123") is None
    assert private_follow_url(SITE, "ASB-2026-000123", "t0ken-123") is None
    assert survey_url("", "ETOE-2026-000123") is None
