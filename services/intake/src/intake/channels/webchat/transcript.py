"""A chat transcript read as a report: the resident's words are the description, and the whole
chat is kept after them."""

from __future__ import annotations

from collections.abc import Sequence

from asb_shared.usecase import Invalid, Problem

from .schemas import ChatLine

DESCRIPTION_MAX = 10_000
LEAST_SAID = 10
"""The fewest characters the resident must have written to make a report."""


def description_of(lines: Sequence[ChatLine]) -> str:
    """The resident's lines, then the whole transcript; refused if the resident said too little."""
    said = [line.text for line in lines if line.speaker == "resident"]
    if len(" ".join(said)) < LEAST_SAID:
        raise Invalid(
            "The resident said too little to make a report.",
            [
                Problem(
                    "transcript",
                    f"the resident's messages are shorter than {LEAST_SAID} characters",
                    "too_short",
                )
            ],
        )
    transcript = "\n".join(f"[{line.at.isoformat()}] {line.speaker}: {line.text}" for line in lines)
    return ("\n".join(said) + "\n\n--- chat transcript ---\n" + transcript)[:DESCRIPTION_MAX]
