"""The consistency of a person's contact wishes, checked in one place (ContactPreferences.check)."""

from __future__ import annotations

import pytest
from asb_shared.contracts.common import ContactChannel, ContactPreferences
from pydantic import ValidationError

EMAIL, SMS = ContactChannel.EMAIL, ContactChannel.SMS


def test_consistent_wishes_have_no_problem() -> None:
    assert ContactPreferences.check([EMAIL], [SMS], EMAIL) == []
    assert ContactPreferences.check([], [], None) == []


def test_each_contradiction_is_named_by_its_field() -> None:
    assert ContactPreferences.check([EMAIL, SMS], [SMS], SMS) == [
        ("unsafe", "a channel cannot be both safe and unsafe: sms"),
        ("preferred", "the preferred channel sms is marked unsafe"),
    ]


@pytest.mark.parametrize(
    "wishes",
    [
        {"safe": ["email"], "unsafe": ["email"]},
        {"preferred": "sms", "unsafe": ["sms"]},
    ],
)
def test_the_contract_refuses_what_the_check_finds(wishes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ContactPreferences.model_validate(wishes)
