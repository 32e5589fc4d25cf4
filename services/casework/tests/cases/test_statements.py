"""Opening a case from a report is the worker's hot path: it stays within a known number of
round trips to the database, and the timeline entries it records together read as recorded."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asb_shared.db import Database
from asb_shared.messaging.outbox import Outbox
from asb_shared.testing import TestEnvironment
from asb_shared.usecase import UnitOfWork
from casework.opening.usecases import receive_report
from casework_samples import received_v2
from sqlalchemy import event

OPENING_A_CASE = 15
"""Round trips for a named report that opens a case (no officer to assign, no case to link to),
alone in its transaction: the duplicate check with the landlord's policy version, every lock it
needs (linking's and the Community Trigger's, in one), the link search, the reference, the
officer (chosen before the case is written), the case once as it ends up (its defaults
returned), the report with its search entry, the complainant, the timers (a new case has none
to look for), the outbox and its NOTIFY, the warning markers standing on its address or subject
(the partners sharing it hear of them), the Community Trigger's merges and two reads of the
records, and the timeline's entries in one."""


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    sent: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", before)
    try:
        yield sent
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", before)


async def test_a_named_report_opens_its_case_in_a_bounded_number_of_round_trips(
    test_env: TestEnvironment, db: Database
) -> None:
    org = test_env.register_organisation(prefix="ST").id
    report = received_v2(f"ASB-2026-7{uuid.uuid4().int % 10**5:05d}")
    outbox = Outbox("casework")
    async with db.transaction() as session:
        # The landlord's policy version is read once per transaction, with the duplicate check.
        uow = UnitOfWork(session, outbox, cause=outbox.envelope(report, organisation_id=org))
        with statements(db) as sent:
            case = await receive_report(uow, report)
    assert case is not None and case.reference.startswith("ST-C-")
    assert len(sent) <= OPENING_A_CASE, "\n".join(s[:80] for s in sent)

    async with db.transaction() as session:
        uow = UnitOfWork(session, outbox, cause=outbox.envelope(report, organisation_id=org))
        with statements(db) as sent:
            assert await receive_report(uow, report) is None
    assert len(sent) == 1, "a report already on a case is one look-up"


async def test_the_entries_of_opening_a_case_are_written_in_the_order_recorded(
    test_env: TestEnvironment, db: Database
) -> None:
    org = test_env.register_organisation().id
    report = received_v2(f"ASB-2026-8{uuid.uuid4().int % 10**5:05d}")
    outbox = Outbox("casework")
    async with db.transaction() as session:
        uow = UnitOfWork(session, outbox, cause=outbox.envelope(report, organisation_id=org))
        case = await receive_report(uow, report)
    assert case is not None
    async with db.engine.connect() as conn:
        rows = (
            await conn.exec_driver_sql(
                "SELECT kind FROM timeline WHERE case_id = $1 ORDER BY at, id", (case.id,)
            )
        ).all()
        version = (
            await conn.exec_driver_sql("SELECT version FROM cases WHERE id = $1", (case.id,))
        ).scalar_one()
    assert [r[0] for r in rows] == ["opened", "triaged"]
    assert version == 1 + len(rows), "each entry moved the case to its next version"
