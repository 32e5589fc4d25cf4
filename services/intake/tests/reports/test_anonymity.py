"""An anonymous reporter is never contacted and never identified: the rule, tried from each side."""

from __future__ import annotations

import pytest
from intake.reporter.projection import survey_open
from intake.reports import anonymity
from intake.reports.schemas import ReportIn
from intake_samples import report
from pydantic import ValidationError


def test_a_report_names_its_reporter_unless_anonymous_and_never_when_anonymous() -> None:
    anonymity.check_reporter(False, object())
    anonymity.check_reporter(True, None)
    with pytest.raises(ValueError, match="needed unless the report is anonymous"):
        anonymity.check_reporter(False, None)
    with pytest.raises(ValueError, match="left out of an anonymous report"):
        anonymity.check_reporter(True, object())


def test_an_anonymous_report_cannot_carry_contact_details_in() -> None:
    with pytest.raises(ValidationError) as refused:
        ReportIn.model_validate(report(anonymous=True))
    assert [e["loc"] for e in refused.value.errors()] == [("reporter",)]


def test_nothing_of_an_anonymous_reporter_is_kept_or_passed_on() -> None:
    assert anonymity.kept_reporter(True, "someone") is None
    assert anonymity.kept_reporter(False, "someone") == "someone"


def test_no_way_to_reach_someone_makes_them_anonymous() -> None:
    assert anonymity.anonymous_unless_reachable(False, None, None)
    assert anonymity.anonymous_unless_reachable(True, "a@example.org", None)
    assert not anonymity.anonymous_unless_reachable(False, None, "0161 000 0000")


def test_an_anonymous_reporter_is_never_offered_the_survey() -> None:
    assert survey_open("closed", answered=False, anonymous=False)
    assert not survey_open("closed", answered=False, anonymous=True)
    assert not anonymity.may_be_contacted(True)
