"""open timers recomputed to the close of the N-th working day after the report

Revision ID: 1e44566e27ad
Revises: 89a84e5c712a
Create Date: 2026-11-29 22:37:37.417957
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.calendar import DEFAULT_CALENDAR as cal
from asb_shared.calendar import LONDON

revision: str = "1e44566e27ad"
down_revision: str | None = "89a84e5c712a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Running timers move to the fixed rule, each change on its case's timeline.

    Until now a report out of hours counted from opening time on the next working day, so a
    standard of N working days fell due a day late for reports after closing time or on a
    non-working day. Each running timer's N is read back from its old deadline (working days
    from the day its clock started to the day it was due), then it is due again at closing
    time on the N-th working day after the day it started. Every case opened before this
    migration runs on the built-in defaults (policy version 0), so the default calendar applies.
    """
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT s.id, s.case_id, s.organisation_id, s.kind, s.started_at, s.warn_at, s.due_at"
            " FROM standards s WHERE s.status = 'running' ORDER BY s.case_id, s.kind"
        )
    ).all()
    for row in rows:
        started, due = row.started_at, row.due_at
        start_day = cal.clock_start(started).astimezone(LONDON).date()
        n = cal.working_days_between(start_day, due.astimezone(LONDON).date())
        if n < 1:
            continue
        new_due = cal.due_at(started, n)
        if new_due == due:
            continue
        new_warn = max(cal.warning_at(new_due, 1), cal.clock_start(started))
        bind.execute(
            sa.text("UPDATE standards SET due_at = :due, warn_at = :warn WHERE id = :id"),
            {"due": new_due, "warn": new_warn, "id": row.id},
        )
        bind.execute(
            sa.text(
                "INSERT INTO timeline (id, case_id, organisation_id, at, actor, kind, summary, data)"
                " VALUES (gen_random_uuid(), :case_id, :org, now(), 'system', 'standard_recomputed',"
                " :summary, CAST(:data AS jsonb))"
            ),
            {
                "case_id": row.case_id,
                "org": row.organisation_id,
                "summary": (
                    f"{row.kind} standard now due {new_due.isoformat()} (was {due.isoformat()}):"
                    f" {n} working day(s) count from the day it started, whatever the hour"
                ),
                "data": json.dumps(
                    {
                        "standard_id": str(row.id),
                        "kind": row.kind,
                        "due_at": new_due.isoformat(),
                        "was_due_at": due.isoformat(),
                    }
                ),
            },
        )
        bind.execute(
            sa.text("UPDATE cases SET version = version + 1, updated_at = now() WHERE id = :id"),
            {"id": row.case_id},
        )


def downgrade() -> None:
    """The old deadlines are on each case's timeline; they are not put back."""
