"""``python -m casework.seeding``: write the generated data set for one landlord.

    DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1/asb_casework_bench uv run casework migrate
    uv run python -m casework.seeding --database-url postgresql://postgres@127.0.0.1/asb_casework_bench \\
        --organisation 00000000-0000-0000-0000-0000000000aa --years 10 --per-year 3000 --seed 11

Rows go in with COPY, a few thousand cases at a time. The same seed writes the same data.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import asyncpg
from asb_shared.contracts.common import Location, Person

from ..people.matching import person_keys, postcode_district, postcode_sector, record_keys
from ..triage.matching import address_key, subject_keys
from .generate import SeedCase, default_until, generate

BATCH = 2000


def _rows(org: uuid.UUID, cases: list[SeedCase]) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {
        k: []
        for k in (
            "cases", "case_reports", "report_index", "complainants", "timeline", "standards",
            "interventions", "action_plans",
        )
    }  # fmt: skip
    for c in cases:
        p = c.place
        addr = address_key(Location(uprn=p.uprn))
        subjects = subject_keys([Person(name=c.subject)])
        route = {"hate_incident": "hate_incident", "domestic_abuse": "domestic_abuse"}.get(
            c.category
        )
        out["cases"].append(
            (c.id, org, c.status, [c.category], f"{c.category} at {p.address}",
             f"{p.address}, {p.postcode}", addr, subjects, postcode_district(p.postcode),
             c.complainant is None, route, "standard", c.opened_at, c.closed_at,
             c.status if c.closed_at else None, c.opened_at)
        )  # fmt: skip
        for n, received in enumerate(c.reports):
            report_id = uuid.uuid4()
            reference = f"SEED-{c.id.hex[:10].upper()}-{n}"
            names = " | ".join(
                x for x in ((c.complainant.name if c.complainant else None), c.subject) if x
            )
            who = c.complainant
            keys = person_keys(who.name, who.email, who.phone, p.postcode) if who else []
            description = f"Report of {c.category.replace('_', ' ')} near {p.address}"
            out["case_reports"].append(
                (report_id, c.id, org, reference, "web", description, received - timedelta(hours=2),
                 received, addr, subjects, "same address" if n else None, "{}")
            )  # fmt: skip
            out["report_index"].append(
                (report_id, c.id, org, received, [c.category], names, keys,
                 f"{p.address}, {p.postcode}", p.postcode, postcode_district(p.postcode),
                 postcode_sector(p.postcode), p.uprn, p.latitude, p.longitude,
                 f"{reference} {description} {p.address}, {p.postcode}")
            )  # fmt: skip
            if who is not None:
                out["complainants"].append(
                    (uuid.uuid4(), c.id, org, report_id, reference, who.name, who.email,
                     who.phone, f"{p.address}, {p.postcode}", "{}", 1, received, received,
                     record_keys(who.name, who.email, who.phone, f"{p.address}, {p.postcode}"))
                )  # fmt: skip
        if c.closed_at:
            out["timeline"].append(
                (uuid.uuid4(), c.id, org, c.closed_at, "officer", "status", f"-> {c.status}",
                 json.dumps({"from": "investigating", "to": c.status, "command": "close"}))
            )  # fmt: skip
            if c.survey:
                out["timeline"].append(
                    (uuid.uuid4(), c.id, org, c.closed_at + timedelta(days=7), "complainant",
                     "satisfaction_survey", "Satisfaction survey",
                     json.dumps({"handling": c.survey[0], "outcome": c.survey[1]}))
                )  # fmt: skip
        if c.complainant is not None:
            due = c.opened_at + timedelta(days=1)
            met = due - timedelta(hours=3) if c.first_contact_on_time else due + timedelta(days=1)
            out["standards"].append(
                (uuid.uuid4(), c.id, org, "first_contact", "met", c.opened_at, due - timedelta(days=1), due, met)
            )  # fmt: skip
        for kind, legal, day in c.interventions:
            out["interventions"].append(
                (uuid.uuid4(), c.id, org, kind, legal, day, "officer", "officer")
            )
        if c.plan:
            at = c.opened_at + timedelta(days=5)
            out["action_plans"].append(
                (uuid.uuid4(), c.id, org, "[]", "phone", 10, at, "officer", at)
            )  # fmt: skip
    return out


COLUMNS = {
    "cases": ["id", "organisation_id", "status", "categories", "summary", "location", "address_key",
              "subject_keys", "patch", "anonymous", "priority_route", "risk_level", "opened_at",
              "closed_at", "outcome", "updated_at"],
    "case_reports": ["report_id", "case_id", "organisation_id", "report_reference", "channel",
                     "description", "occurred_at", "received_at", "address_key", "subject_keys",
                     "link_reason", "payload"],
    "report_index": ["report_id", "case_id", "organisation_id", "received_at", "categories", "names",
                     "person_keys", "address", "postcode", "district", "sector", "uprn", "latitude",
                     "longitude", "text"],
    "complainants": ["id", "case_id", "organisation_id", "report_id", "report_reference", "name",
                     "email", "phone", "address", "preferences", "version", "added_at", "updated_at",
                     "person_keys"],
    "timeline": ["id", "case_id", "organisation_id", "at", "actor", "kind", "summary", "data"],
    "standards": ["id", "case_id", "organisation_id", "kind", "status", "started_at", "warn_at",
                  "due_at", "met_at"],
    "interventions": ["id", "case_id", "organisation_id", "kind", "legal", "on_date", "owner",
                      "recorded_by"],
    "action_plans": ["id", "case_id", "organisation_id", "actions", "contact_method",
                     "contact_frequency_days", "agreed_with_complainant_at", "recorded_by",
                     "recorded_at"],
}  # fmt: skip


async def seed(
    url: str, org: uuid.UUID, years: int, per_year: int, seed_value: int, until: datetime
) -> int:
    conn = await asyncpg.connect(url)
    try:
        written = 0
        batch: list[SeedCase] = []

        async def flush() -> None:
            rows = _rows(org, batch)
            async with conn.transaction():
                for table, columns in COLUMNS.items():
                    if rows[table]:
                        await conn.copy_records_to_table(
                            table, records=rows[table], columns=columns
                        )

        for case in generate(seed_value, years, per_year, until):
            batch.append(case)
            if len(batch) >= BATCH:
                await flush()
                written += len(batch)
                batch = []
        if batch:
            await flush()
            written += len(batch)
        # GIN indexes keep COPYed rows in a pending list until vacuumed: merge them now.
        await conn.execute("VACUUM ANALYZE")
        return written
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m casework.seeding", description=__doc__)
    parser.add_argument("--database-url", required=True, help="postgresql://… (asyncpg form)")
    parser.add_argument("--organisation", type=uuid.UUID, required=True)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    url = args.database_url.replace("+asyncpg", "")
    n = asyncio.run(
        seed(url, args.organisation, args.years, args.per_year, args.seed, default_until())
    )
    print(f"seeded {n} cases for {args.organisation}")


if __name__ == "__main__":
    main()
