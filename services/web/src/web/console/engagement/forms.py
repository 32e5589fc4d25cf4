"""The engagement pages' forms read into the bodies engagement's API takes, with no I/O, and
each API field mapped back to the form's field for the error summary.

Only reading: whether a value is allowed (a criterion met, a date not in the past, a spend that
fits the budget) is engagement's answer, shown on the page when it refuses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..fields import Form, Unreadable, day, instant, optional, text

Body = dict[str, Any]


def many(form: Form, name: str) -> list[str]:
    """Every value of a field sent more than once (checkboxes)."""
    getlist = getattr(form, "getlist", None)
    values = getlist(name) if getlist is not None else [form.get(name)]
    return [v for v in values if isinstance(v, str) and v]


def decision_body(form: Form) -> Body:
    decision = text(form, "decision")
    if decision not in ("accepted", "declined"):
        raise Unreadable("decision", "Say whether the referral is accepted or declined")
    body: Body = {"decision": decision, "note": optional(form, "decision-note")}
    if decision == "accepted":
        body["criteria"] = many(form, "decision-criteria")
        if text(form, "join-client"):
            body["client_id"] = text(form, "join-client")
    else:
        body["decline_reason"] = optional(form, "decline-reason")
    return body


DECISION_FIELDS = {
    "decision": "decision",
    "criteria": "decision-criteria",
    "decline_reason": "decline-reason",
    "note": "decision-note",
    "client_id": "join-client",
    "body": "decision",
}


def consent_body(form: Form, prefix: str) -> Body:
    body: Body = {
        "given_by": text(form, f"{prefix}-given-by"),
        "method": text(form, f"{prefix}-method"),
        "note": optional(form, f"{prefix}-note"),
    }
    if text(form, f"{prefix}-day"):
        body["at"] = instant(form, f"{prefix}-day", f"{prefix}-time")
    return body


def consent_fields(prefix: str) -> dict[str, str]:
    return {
        "given_by": f"{prefix}-given-by",
        "method": f"{prefix}-method",
        "at": f"{prefix}-day",
        "note": f"{prefix}-note",
    }


def contact_level_body(form: Form) -> Body:
    every = text(form, "every-days")
    if not every.isdigit():
        raise Unreadable("every-days", "Enter how often, in whole days, like 7")
    return {"level": text(form, "level"), "every_days": int(every)}


CONTACT_LEVEL_FIELDS = {"level": "level", "every_days": "every-days"}


def engagement_body(form: Form) -> Body:
    return {
        "change": text(form, "change"),
        "effective_on": day(form, "effective-on").isoformat(),
        "reason": optional(form, "change-reason"),
    }


ENGAGEMENT_FIELDS = {"change": "change", "effective_on": "effective-on", "reason": "change-reason"}


def answer_field(area: str, question: str) -> str:
    """The form's field of one question of the needs assessment."""
    return f"answer-{area}-{question}"


def assessment_body(form: Form, question_set: Mapping[str, Any]) -> Body:
    """The answers given, by area of the question set the page showed (an area with none
    answered is not assessed); the notes of the areas answered."""
    answers: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    for area, questions in question_set["areas"].items():
        given = {
            q["id"]: text(form, answer_field(area, q["id"]))
            for q in questions["questions"]
            if text(form, answer_field(area, q["id"]))
        }
        if given:
            answers[area] = given
            if text(form, f"note-{area}"):
                notes[area] = text(form, f"note-{area}")
    if not answers:
        first = next(iter(question_set["areas"].items()), None)
        field = answer_field(first[0], first[1]["questions"][0]["id"]) if first else "assessment"
        raise Unreadable(field, "Answer the questions of at least one area")
    return {"answers": answers, "notes": notes}


def assessment_fields(question_set: Mapping[str, Any]) -> dict[str, str]:
    """``answers.drugs.use`` -> the question's field; ``answers.drugs`` -> its first."""
    found: dict[str, str] = {}
    for area, questions in question_set["areas"].items():
        for q in questions["questions"]:
            found[f"answers.{area}.{q['id']}"] = answer_field(area, q["id"])
            found.setdefault(f"answers.{area}", answer_field(area, q["id"]))
            found.setdefault("answers", answer_field(area, q["id"]))
        found[f"notes.{area}"] = f"note-{area}"
    return found


GOALS = 6
"""Goals the plan's form offers (filled from the latest assessment's areas of need)."""


def plan_body(form: Form) -> Body:
    goals = []
    for n in range(1, GOALS + 1):
        title = text(form, f"goal-{n}-title")
        action = text(form, f"goal-{n}-action")
        if not (title or action):
            continue
        goals.append(
            {
                "title": title,
                "actions": [
                    {
                        "description": action,
                        "owner": text(form, f"goal-{n}-owner"),
                        "due_on": day(form, f"goal-{n}-due").isoformat(),
                    }
                ],
            }
        )
    if not goals:
        raise Unreadable("goal-1-title", "Enter at least one goal and its action")
    body: Body = {"goals": goals, "next_review_on": day(form, "next-review-on").isoformat()}
    every = text(form, "review-every-days")
    if every:
        if not every.isdigit():
            raise Unreadable("review-every-days", "Enter how often, in whole days, like 28")
        body["review_every_days"] = int(every)
    return body


def plan_fields(goal_count: int) -> dict[str, str]:
    found = {
        "goals": "goal-1-title",
        "next_review_on": "next-review-on",
        "review_every_days": "review-every-days",
    }
    for g in range(goal_count):
        n = g + 1
        found[f"goals.{g}.title"] = f"goal-{n}-title"
        found[f"goals.{g}.actions.0.description"] = f"goal-{n}-action"
        found[f"goals.{g}.actions.0.owner"] = f"goal-{n}-owner"
        found[f"goals.{g}.actions.0.due_on"] = f"goal-{n}-due"
    return found


def plan_goal_count(form: Form) -> int:
    return sum(
        1
        for n in range(1, GOALS + 1)
        if text(form, f"goal-{n}-title") or text(form, f"goal-{n}-action")
    )


def review_body(form: Form) -> Body:
    body: Body = {
        "held_on": day(form, "review-held-on").isoformat(),
        "notes": text(form, "review-notes"),
    }
    if text(form, "review-next-on"):
        body["next_review_on"] = day(form, "review-next-on").isoformat()
    return body


REVIEW_FIELDS = {
    "held_on": "review-held-on",
    "notes": "review-notes",
    "next_review_on": "review-next-on",
}


def action_done_body(form: Form) -> Body:
    return {"done_on": day(form, "done-on").isoformat()}


ACTION_DONE_FIELDS = {"done_on": "plan-actions"}


def activity_body(form: Form) -> Body:
    return {
        "kind": text(form, "activity-kind"),
        "occurred_on": day(form, "activity-on").isoformat(),
        "summary": text(form, "activity-summary"),
        "specialist_service": optional(form, "activity-service"),
        "provider": optional(form, "activity-provider"),
    }


ACTIVITY_FIELDS = {
    "kind": "activity-kind",
    "occurred_on": "activity-on",
    "summary": "activity-summary",
    "specialist_service": "activity-service",
    "provider": "activity-provider",
    "body": "activity-service",
}


def order_body(form: Form) -> Body:
    return {
        "kind": text(form, "order-kind"),
        "court": text(form, "order-court"),
        "made_on": day(form, "order-made-on").isoformat(),
        "expires_on": day(form, "order-expires-on").isoformat()
        if text(form, "order-expires-on")
        else None,
        "case_reference": optional(form, "order-case-reference"),
        "requirements": [
            {
                "kind": text(form, "requirement-kind"),
                "description": text(form, "requirement-description"),
            }
        ],
    }


ORDER_FIELDS = {
    "kind": "order-kind",
    "court": "order-court",
    "made_on": "order-made-on",
    "expires_on": "order-expires-on",
    "case_reference": "order-case-reference",
    "requirements.0.kind": "requirement-kind",
    "requirements.0.description": "requirement-description",
    "requirements": "requirement-description",
    "body": "order-expires-on",
}


def compliance_body(form: Form, prefix: str) -> Body:
    return {
        "on": day(form, f"{prefix}-on").isoformat(),
        "status": text(form, f"{prefix}-status"),
        "note": optional(form, f"{prefix}-note"),
    }


def compliance_fields(prefix: str) -> dict[str, str]:
    return {"on": f"{prefix}-on", "status": f"{prefix}-status", "note": f"{prefix}-note"}


def report_body(form: Form) -> Body:
    return {"recommendation": text(form, "recommendation")}


REPORT_FIELDS = {"recommendation": "recommendation", "organisation_name": "recommendation"}


def spend_body(form: Form) -> Body:
    return {
        "category": text(form, "spend-category"),
        "amount": text(form, "spend-amount").removeprefix("£"),
        "supplier": text(form, "spend-supplier"),
        "description": text(form, "spend-description"),
        "spent_on": day(form, "spend-on").isoformat(),
    }


SPEND_FIELDS = {
    "category": "spend-category",
    "amount": "spend-amount",
    "supplier": "spend-supplier",
    "description": "spend-description",
    "spent_on": "spend-on",
}


def spend_decision_body(form: Form, prefix: str) -> Body:
    answer = text(form, f"{prefix}-approve")
    if answer not in ("yes", "no"):
        raise Unreadable(f"{prefix}-approve", "Say whether the spend is approved")
    return {"approve": answer == "yes", "note": optional(form, f"{prefix}-note")}


def spend_decision_fields(prefix: str) -> dict[str, str]:
    return {"approve": f"{prefix}-approve", "note": f"{prefix}-note"}


def outcome_body(form: Form) -> Body:
    return {
        "outcome": text(form, "outcome"),
        "recorded_on": day(form, "outcome-on").isoformat(),
        "legal_action_avoided": text(form, "outcome-legal-action-avoided") == "yes",
        "note": optional(form, "outcome-note"),
    }


OUTCOME_FIELDS = {
    "outcome": "outcome",
    "recorded_on": "outcome-on",
    "legal_action_avoided": "outcome-legal-action-avoided",
    "note": "outcome-note",
}


def override_body(form: Form) -> Body:
    return {"concern": text(form, "concern"), "reason": text(form, "reason")}


OVERRIDE_FIELDS = {"concern": "concern", "reason": "reason"}


def areas_of_need(
    assessment: Mapping[str, Any] | None, order: Sequence[str]
) -> list[tuple[str, str]]:
    """The latest assessment's areas of medium or high need, highest first (area, need): the
    goals a new plan starts from."""
    if not assessment:
        return []
    scores = assessment["scores"]
    rank = {"high": 0, "medium": 1}
    found = [(a, s["need"]) for a, s in scores.items() if s["need"] in rank]
    place = {a: i for i, a in enumerate(order)}
    return sorted(found, key=lambda f: (rank[f[1]], place.get(f[0], len(place))))
