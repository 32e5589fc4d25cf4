"""Who may approve legal action, and which step a legal action allows, with no I/O.

Legal action is the last resort (Livv): the officer records the options tried and why they did
not work, a team leader approves (or refuses) before proceedings, and proceedings start only
after that approval. The team leader who decides is never the one who asked: the approval is a
second pair of eyes.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from ..interventions.catalogue import InterventionKind, is_legal


class LegalStage(StrEnum):
    """Where a legal action is; the values are stored."""

    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    REFUSED = "refused"
    PROCEEDINGS = "proceedings"


class LegalStep(StrEnum):
    """What can be done to a legal action."""

    DECIDE = "decide"
    """A team leader approves or refuses."""
    START_PROCEEDINGS = "start_proceedings"


_ALLOWED: dict[LegalStage, tuple[LegalStep, ...]] = {
    LegalStage.AWAITING_APPROVAL: (LegalStep.DECIDE,),
    LegalStage.APPROVED: (LegalStep.START_PROCEEDINGS,),
    LegalStage.REFUSED: (),
    LegalStage.PROCEEDINGS: (),
}


def allowed_steps(stage: LegalStage | str) -> tuple[LegalStep, ...]:
    """The steps a legal action at ``stage`` allows."""
    return _ALLOWED[LegalStage(stage)]


def step_refusal(stage: LegalStage | str, step: LegalStep) -> str | None:
    """Why ``step`` cannot be taken at ``stage``, or None if it can."""
    stage = LegalStage(stage)
    if step in allowed_steps(stage):
        return None
    if step is LegalStep.START_PROCEEDINGS and stage is LegalStage.AWAITING_APPROVAL:
        return "Proceedings need a team leader's approval of the legal action first."
    return f"A legal action that is {stage.value.replace('_', ' ')} cannot {step.value}."


def proposal_problems(
    action: InterventionKind | str, options_tried: Sequence[InterventionKind | str]
) -> list[tuple[str, str]]:
    """What is wrong with a proposal, as ``(field, message)``: the action must be legal action,
    and at least one option short of legal action must have been tried."""
    found: list[tuple[str, str]] = []
    if not is_legal(action):
        found.append(("action", f"{InterventionKind(action).value} is not legal action"))
    if not [o for o in options_tried if not is_legal(o)]:
        found.append(
            (
                "options_tried",
                "legal action is a last resort: record at least one option short of it",
            )
        )
    return found


def approval_refusal(*, by_team_leader: bool, decider: str, proposer: str) -> str | None:
    """Why this member of staff may not approve or refuse the legal action, or None."""
    if not by_team_leader:
        return "Only a team leader can approve or refuse legal action."
    if decider == proposer:
        return "The team leader who proposed legal action cannot approve it too."
    return None
