"""What a reporter is told of the case behind their report (pure rules)."""

from __future__ import annotations

from intake.reporter import projection


def test_the_reporter_sees_open_or_closed_never_an_internal_state() -> None:
    for internal in ("received", "triaged", "open", "investigating", "action_plan_agreed"):
        assert projection.reporter_status(internal) == "open"
    for ended in ("resolved", "closed", "information_only", "not_asb", "referred_on"):
        assert projection.reporter_status(ended) == "closed"


def test_updates_are_plain_words() -> None:
    assert projection.closed_update("resolved").en == (
        "Your case has been closed: the behaviour has stopped. Please tell us how we did."
    )
    assert "some new outcome" in projection.closed_update("some_new_outcome").en
    reopened = projection.status_changed_update("reopen")
    assert reopened is not None and reopened.en == "Your case has been reopened."
    assert projection.status_changed_update("start_investigation") is None


def test_every_update_is_in_welsh_too() -> None:
    updates = [
        projection.case_opened_update("CASE-2026-000001"),
        projection.report_linked_update("CASE-2026-000001"),
        projection.ASSIGNED_UPDATE,
        projection.REOPENED_UPDATE,
        *(projection.closed_update(o) for o in ("resolved", "unresolved", "not_asb")),
    ]
    for update in updates:
        assert update.cy and update.cy != update.en
    assert "CASE-2026-000001" in projection.case_opened_update("CASE-2026-000001").cy
    assert projection.closed_update("resolved").cy.startswith("Mae eich achos wedi cau")


def test_the_survey_opens_on_closure_until_it_is_answered() -> None:
    assert not projection.survey_open("open", answered=False, anonymous=False)
    assert projection.survey_open("closed", answered=False, anonymous=False)
    assert not projection.survey_open("closed", answered=True, anonymous=False)
