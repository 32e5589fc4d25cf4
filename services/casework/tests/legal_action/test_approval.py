"""Who may approve legal action and which steps a legal action allows (pure rules)."""

from __future__ import annotations

from casework.legal_action.approval import (
    LegalStage,
    LegalStep,
    allowed_steps,
    approval_refusal,
    proposal_problems,
    step_refusal,
)


def test_proceedings_need_the_approval_first() -> None:
    refused = step_refusal(LegalStage.AWAITING_APPROVAL, LegalStep.START_PROCEEDINGS)
    assert refused is not None and "approval" in refused
    assert step_refusal(LegalStage.APPROVED, LegalStep.START_PROCEEDINGS) is None
    assert step_refusal(LegalStage.REFUSED, LegalStep.START_PROCEEDINGS) is not None
    assert allowed_steps(LegalStage.AWAITING_APPROVAL) == (LegalStep.DECIDE,)
    assert allowed_steps(LegalStage.PROCEEDINGS) == ()
    assert step_refusal(LegalStage.APPROVED, LegalStep.DECIDE) is not None


def test_only_a_team_leader_who_did_not_propose_it_decides() -> None:
    assert approval_refusal(by_team_leader=False, decider="a", proposer="b") is not None
    assert approval_refusal(by_team_leader=True, decider="a", proposer="a") is not None
    assert approval_refusal(by_team_leader=True, decider="a", proposer="b") is None


def test_legal_action_is_a_last_resort() -> None:
    assert proposal_problems("civil_injunction", ["warning_letter"]) == []
    assert [f for f, _ in proposal_problems("warning_letter", ["advice"])] == ["action"]
    assert [f for f, _ in proposal_problems("possession", [])] == ["options_tried"]
    # Another legal action is not an option short of legal action.
    assert [f for f, _ in proposal_problems("possession", ["demotion"])] == ["options_tried"]
