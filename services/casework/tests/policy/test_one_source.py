"""The standards' and the Community Trigger's defaults are the landlord's default policy's."""

from __future__ import annotations

from casework.policy.settings import DEFAULT_POLICY, PolicySettings
from casework.standards.policy import DEFAULT_RULES, StandardRules, standard_rules
from casework.trigger.counting import Thresholds
from casework.trigger.eligibility import thresholds_of


def test_the_standards_defaults_are_the_default_policys() -> None:
    assert DEFAULT_RULES == StandardRules() == standard_rules(DEFAULT_POLICY)


def test_the_community_trigger_defaults_are_the_default_policys() -> None:
    assert Thresholds() == thresholds_of(DEFAULT_POLICY)


def test_a_landlords_own_numbers_win() -> None:
    stockport = PolicySettings.model_validate(
        {"contact_frequency": {"default_working_days": 5}, "community_trigger": {"reports": 2}}
    )
    assert standard_rules(stockport).default_contact == 5
    assert thresholds_of(stockport).reports == 2
    assert StandardRules().default_contact == DEFAULT_POLICY.contact_frequency.default_working_days
