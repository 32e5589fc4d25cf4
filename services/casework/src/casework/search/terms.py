"""How a search's words are read, with no I/O: names into words and initials, postcodes into a
full postcode, a sector or a district."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..people.matching import normalised_name, normalised_postcode

NAME_SIMILARITY = 0.5
"""How alike (pg_trgm word similarity, 0..1) a word must be to a word of a name: "Jonathan"
finds "Johnathan" (0.58), "Brenan" finds "Brennan" (0.67); "Jones" and "Brown" do not find
"Smith" (0.33). What trigrams miss, sound finds: "Smyth" and "Smith" are both SM0 in double
metaphone."""

_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9])$")


@dataclass(frozen=True)
class NameTerms:
    """A name searched for: whole words (matched by similarity) and initials (a word of the
    name starting with that letter)."""

    words: tuple[str, ...]
    initials: tuple[str, ...]


def name_terms(name: str) -> NameTerms | None:
    """``"J. Smyth"`` -> words ``("smyth",)``, initials ``("j",)``; None if nothing is left."""
    found = normalised_name(name.replace(".", " "))
    if not found:
        return None
    parts = found.split()
    return NameTerms(
        words=tuple(p for p in parts if len(p) > 1),
        initials=tuple(p for p in parts if len(p) == 1),
    )


@dataclass(frozen=True)
class PostcodeTerm:
    """A postcode searched for, at the precision given: ``full``, ``sector`` or ``district``."""

    precision: str
    value: str


def postcode_term(text: str) -> PostcodeTerm | None:
    """``"sk11aa"`` -> full ``"SK1 1AA"``; ``"SK1 1"`` -> sector; ``"sk1"`` -> district; None
    when it is none of them."""
    full = normalised_postcode(text)
    if full:
        return PostcodeTerm("full", full)
    compact = " ".join(text.upper().split())
    sector = _SECTOR.match(compact)
    if sector:
        return PostcodeTerm("sector", f"{sector.group(1)} {sector.group(2)}")
    if _DISTRICT.match(compact):
        return PostcodeTerm("district", compact)
    return None


def like_pattern(text: str) -> str:
    """``text`` as a literal inside an ILIKE pattern ``%text%``."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
