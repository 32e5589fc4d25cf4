"""The risk assessment's question set as a form, with no I/O: each question's wording and its
answers, one a line (``Yes: 3``, and ``(high)`` after an answer that makes the risk high
whatever the total), the thresholds, and a blank question to add one. A question whose wording
is left empty is taken out. Whether the set is valid is casework's answer (its 422)."""

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


def form_values(definition: Mapping[str, Any]) -> dict[str, str]:
    """The form's fields for a question set (and one blank question after its own)."""
    values = {
        "medium-from": str(definition["medium_from"]),
        "high-from": str(definition["high_from"]),
    }
    for n, question in enumerate(definition["questions"], start=1):
        values[f"q{n}-id"] = question["id"]
        values[f"q{n}-text"] = question["text"]
        values[f"q{n}-answers"] = answers_text(question)
    return values


def question_set(form: Form, count: int) -> dict[str, Any]:
    """The question set the form says, for casework to check (``count``: the form's questions,
    the blank one included)."""
    questions = []
    for n in range(1, count + 1):
        wording = text(form, f"q{n}-text")
        if not wording:
            continue
        answers: dict[str, int] = {}
        high: list[str] = []
        for line in text(form, f"q{n}-answers").splitlines():
            if not line.strip():
                continue
            found = _ANSWER.match(line.strip())
            if found is None:
                raise Unreadable(
                    f"q{n}-answers",
                    f"Write each answer as: the answer, a colon, its points ({line.strip()})",
                )
            answers[found["answer"]] = int(found["points"])
            if found["high"]:
                high.append(found["answer"])
        ident = text(form, f"q{n}-id") or _id(wording)
        questions.append({"id": ident, "text": wording, "answers": answers, "high_if": high})
    return {
        "medium_from": text(form, "medium-from"),
        "high_from": text(form, "high-from"),
        "questions": questions,
    }


def _id(wording: str) -> str:
    """A new question's id, from its first words (``threats_of_violence``)."""
    words = re.findall(r"[a-z0-9]+", wording.lower())
    found = "_".join(words)[:40].strip("_")
    return found if re.match(r"^[a-z][a-z0-9_]{1,40}$", found) else f"q_{found}"[:40]


def field_of(api_field: str) -> str:
    """The form's field for casework's (``questions.2.answers``: the third question's)."""
    parts = api_field.split(".")
    if parts[0] == "questions" and len(parts) > 1 and parts[1].isdigit():
        which = "text" if len(parts) > 2 and parts[2] == "text" else "answers"
        return f"q{int(parts[1]) + 1}-{which}"
    return {"medium_from": "medium-from", "high_from": "high-from"}.get(parts[0], "medium-from")
