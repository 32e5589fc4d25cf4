"""The console's search, hotspots map, measures and case review pages against the real
casework: each renders with data; the map's GeoJSON never places a domestic-abuse report; the
measures' CSV is casework's own figures; a case review is worked through its steps."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import UTC, datetime

from asb_shared.contracts.common import AsbCategory, Contact
from asb_shared.contracts.intake import CaseReviewRequested
from asb_shared.testing import eventually, publish_event
from casework_samples import sql
from console_samples import CONSOLE_ORG, Console, csrf_of, open_case
from web.site.pages import environment

DA_POINT = (53.5123, -2.3456)
NOISE_POINT = (53.4101, -2.1601)


def this_month() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


async def test_search_finds_a_misspelt_name_and_opens_the_case(console: Console) -> None:
    surname = f"Quennell{uuid.uuid4().hex[:4]}"
    case_id, _ = await open_case(console, name=f"Harriet {surname}")
    page = await console.client.get("/search", params={"name": f"Hariet {surname}"})
    assert page.status_code == 200, page.text[:500]
    assert f'href="/cases/{case_id}"' in page.text

    by_postcode = await console.client.get(
        "/search", params={"postcode": "SK4 1AA", "open_only": "true"}
    )
    assert by_postcode.status_code == 200
    assert 'id="results"' in by_postcode.text

    empty = await console.client.get("/search")
    assert empty.status_code == 200 and 'id="results"' not in empty.text

    bad = await console.client.get("/search", params={"uprn": "not-a-uprn"})
    assert bad.status_code == 422
    assert 'href="#uprn"' in bad.text


async def test_the_map_never_places_a_domestic_abuse_report(console: Console) -> None:
    await open_case(console, postcode="SK4 1AA", point=NOISE_POINT)
    await open_case(
        console, categories=(AsbCategory.DOMESTIC_ABUSE,), postcode="OL9 9ZZ", point=DA_POINT
    )
    page = await console.client.get("/hotspots", params={"level": "point"})
    assert page.status_code == 200, page.text[:500]
    assert 'id="hotspot-map"' in page.text and 'data-tiles=""' in page.text
    assert "/static/console/hotspots.mjs" in page.text
    assert "53.410,-2.160" in page.text.split('id="hotspots-table"')[1]

    for level in ("point", "sector", "district"):
        answer = await console.client.get("/hotspots/map.geojson", params={"level": level})
        assert answer.status_code == 200, answer.text
        features = answer.json()["features"]
        placed = [f for f in features if f["geometry"] is not None]
        assert placed, level
        for feature in placed:
            lon, lat = feature["geometry"]["coordinates"]
            assert abs(lat - DA_POINT[0]) > 0.01 or abs(lon - DA_POINT[1]) > 0.01, (level, feature)
        if level == "point":
            assert all(f["properties"]["category"] != "domestic_abuse" for f in features)

    # Leaflet is served by the service itself.
    leaflet = await console.client.get("/static/console/leaflet/leaflet-src.esm.js")
    assert leaflet.status_code == 200 and "text/javascript" in leaflet.headers["content-type"]
    escape = await console.client.get("/static/console/leaflet/../package.json")
    assert escape.status_code == 404


async def test_the_measures_chart_and_table_and_the_csv_is_caseworks(console: Console) -> None:
    await open_case(console)
    month = this_month()
    page = await console.client.get("/measures", params={"from": month, "to": month})
    assert page.status_code == 200, page.text[:500]
    assert page.text.count('<svg class="asb-chart"') == 4
    api = await console.casework.get(
        "/v1/measures",
        params={"from": month, "to": month},
        headers={"Authorization": f"Bearer {_officer_token(console)}"},
    )
    figures = api.json()
    new_cases = figures["period"]["new_cases"]
    assert new_cases >= 1
    row = page.text.split('id="figure-new_cases"')[1].split("</tr>")[0]
    assert re.search(rf">{new_cases}</td>", row)

    downloaded = await console.client.get("/measures.csv", params={"from": month, "to": month})
    assert downloaded.status_code == 200
    assert downloaded.headers["content-type"].startswith("text/csv")
    assert "attachment" in downloaded.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(downloaded.text)))
    assert rows[0] == ["measure", "month", "category", "value"]
    assert ["new_cases", "", "", str(new_cases)] in rows
    assert ["new_cases", month, "", str(figures["months"][0]["new_cases"])] in rows

    bad = await console.client.get("/measures", params={"from": "2026-13", "to": month})
    assert bad.status_code == 422 and 'href="#from"' in bad.text


def _uk(at: datetime) -> str:
    """A time as the console's pages say it (the ``when`` filter, in English)."""
    said: str = environment.filters["when"](at, "en")
    return said


def _officer_token(console: Console) -> str:
    return console.test_env.token("officer", organisation_id=CONSOLE_ORG, subject="reader")


async def test_a_case_review_is_worked_through_its_steps(console: Console) -> None:
    case_id, reference = await open_case(console)
    application_id = uuid.uuid4()
    await publish_event(
        console.test_env,
        CaseReviewRequested(
            application_id=application_id,
            applicant=Contact(name="Lee Applicant", email="lee@example.org"),
            report_references=[reference],
            description="Three reports and nothing changed.",
        ),
        organisation_id=CONSOLE_ORG,
    )
    await eventually(
        lambda: sql(console.test_env, "SELECT 1 FROM case_reviews WHERE id = $1", application_id)
    )
    listing = await console.client.get("/reviews")
    assert listing.status_code == 200
    assert f'href="/reviews/{application_id}"' in listing.text

    page = await console.client.get(f"/reviews/{application_id}")
    assert page.status_code == 200 and 'id="record-decision"' in page.text
    timescales = page.text.split('id="review-timers"')[1].split("</table>")[0]
    [due] = await sql(
        console.test_env,
        "SELECT due_at FROM standards WHERE case_id = $1 AND kind = 'case_review_decision'",
        uuid.UUID(case_id),
    )
    assert "Decision" in timescales and "Waiting" in timescales
    assert _uk(due["due_at"]) in timescales
    token = csrf_of(page.text)
    leader = {"X-Test-Staff": "team_leader"}

    officer_try = await console.client.post(
        f"/reviews/{application_id}/decision",
        data={"csrf_token": token, "decision-accepted": "yes", "decision-reason": "Met"},
    )
    assert officer_try.status_code == 403

    early = await console.client.post(
        f"/reviews/{application_id}/outcome",
        data={"csrf_token": token, "outcome-text": "Told the applicant."},
        headers=leader,
    )
    assert early.status_code == 409
    assert "the next step is the decision" in early.text

    decided = await console.client.post(
        f"/reviews/{application_id}/decision",
        data={
            "csrf_token": token,
            "decision-accepted": "yes",
            "decision-reason": "Three reports in six months",
        },
        headers=leader,
    )
    assert decided.status_code == 303, decided.text[:800]
    after = await console.client.get(f"/reviews/{application_id}")
    assert 'id="review-status">Accepted<' in after.text
    assert 'id="record-meeting"' in after.text
    timescales = after.text.split('id="review-timers"')[1].split("</table>")[0]
    assert "Done " in timescales and "Meeting" in timescales
    assert f'href="/cases/{case_id}"' in after.text
