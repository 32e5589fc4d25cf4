"""A scored question set as a form, with no I/O: each question's wording and its answers, one a
line (``Yes: 3``, and, in the risk assessment's, ``(high)`` after an answer that makes the risk
high whatever the total), the thresholds, and a blank question to add one. A question whose
wording is left empty is taken out. The needs assessment has one such set per area, each under
its own prefix (``drugs-q1-text``). Whether a set is valid is its service's answer (a 422)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..fields import Form, Unreadable, text

HIGH = "(high)"
_ANSWER = re.compile(r"^(?P<answer>.+?)\s*:\s*(?P<points>-?\d+)\s*(?P<high>\(high\))?$")


def answers_text(question: Mapping[str, Any]) -> str:
    """A question's answers as the form shows them."""
    high = set(question.get("high_if") or [])
    return "\n".join(
        f"{answer}: {points}{' ' + HIGH if answer in high else ''}"
        for answer, points in question["answers"].items()
    )


def form_values(definition: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """The form's fields for a question set (and one blank question after its own)."""
    values = {
        f"{prefix}medium-from": str(definition["medium_from"]),
        f"{prefix}high-from": str(definition["high_from"]),
    }
    for n, question in enumerate(definition["questions"], start=1):
        values[f"{prefix}q{n}-id"] = question["id"]
        values[f"{prefix}q{n}-text"] = question["text"]
        values[f"{prefix}q{n}-answers"] = answers_text(question)
    return values


def question_set(form: Form, count: int, prefix: str = "", high: bool = True) -> dict[str, Any]:
    """The question set the form says, for its service to check (``count``: the form's
    questions, the blank one included; ``high``: whether answers may make the level high)."""
    questions = []
    for n in range(1, count + 1):
        wording = text(form, f"{prefix}q{n}-text")
        if not wording:
            continue
        answers: dict[str, int] = {}
        highs: list[str] = []
        field = f"{prefix}q{n}-answers"
        for line in text(form, field).splitlines():
            if not line.strip():
                continue
            found = _ANSWER.match(line.strip())
            if found is None:
                raise Unreadable(
                    field,
                    f"Write each answer as: the answer, a colon, its points ({line.strip()})",
                )
            answers[found["answer"]] = int(found["points"])
            if found["high"] and not high:
                raise Unreadable(field, "Only the risk assessment's answers can make it high")
            if found["high"]:
                highs.append(found["answer"])
        ident = text(form, f"{prefix}q{n}-id") or _id(wording)
        question: dict[str, Any] = {"id": ident, "text": wording, "answers": answers}
        questions.append(question | {"high_if": highs} if high else question)
    return {
        "medium_from": text(form, f"{prefix}medium-from"),
        "high_from": text(form, f"{prefix}high-from"),
        "questions": questions,
    }


def _id(wording: str) -> str:
    """A new question's id, from its first words (``threats_of_violence``)."""
    words = re.findall(r"[a-z0-9]+", wording.lower())
    found = "_".join(words)[:40].strip("_")
    return found if re.match(r"^[a-z][a-z0-9_]{1,40}$", found) else f"q_{found}"[:40]


def field_of(api_field: str) -> str:
    """The form's field for the service's (``questions.2.answers``: the third question's;
    ``areas.drugs.high_from``: the drugs area's threshold)."""
    parts = api_field.split(".")
    prefix = ""
    if parts[0] == "areas" and len(parts) > 1:
        prefix, parts = f"{parts[1]}-", parts[2:] or ["medium_from"]
    if parts[0] == "questions" and len(parts) > 1 and parts[1].isdigit():
        which = "text" if len(parts) > 2 and parts[2] == "text" else "answers"
        return f"{prefix}q{int(parts[1]) + 1}-{which}"
    threshold = {"medium_from": "medium-from", "high_from": "high-from"}
    return prefix + threshold.get(parts[0], "medium-from")
