"""The protected characteristics a hate incident targeted, as a first reading of the report's
words (an officer confirms or corrects them). No I/O happens here."""

from __future__ import annotations

import re

from ..policy.settings import PolicySettings, ProtectedCharacteristic, protected_characteristics

_WORDS: dict[str, str] = {
    ProtectedCharacteristic.RACE: (
        r"racis\w*|racial\w*|\brace\b|colou?r\s+of\s+(?:my|his|her|our)\s+skin|black|asian"
        r"|go\s+back\s+to\s+(?:your|their|his|her)\s+(?:own\s+)?country|foreigner|immigrant"
        r"|polish|romanian|xenophob\w*|\bpaki|n[i1]gg|\bwogs?\b|\bcoons?\b|\bchinks?\b|gyppo|pikey"
    ),
    ProtectedCharacteristic.RELIGION_OR_BELIEF: (
        r"religio\w*|muslim|islam\w*|jew\w*|antisemit\w*|sikh|hindu|christian|mosque|synagogue"
        r"|church|temple|hijab|turban|\bkikes?\b|\byids?\b|ragheads?|towelheads?"
    ),
    ProtectedCharacteristic.SEXUAL_ORIENTATION: (
        r"homophob\w*|biphob\w*|\bgay\b|lesbian|bisexual|\bqueers?\b|\bfag|\bpoofs?\b|\bdykes?\b"
        r"|sexual\s+orientation|same[- ]sex"
    ),
    ProtectedCharacteristic.DISABILITY: (
        r"disab\w*|ableis\w*|wheelchair|learning\s+difficult\w*|autis\w*|\bdeaf\b|\bblind\b"
        r"|mental\s+health|retards?|spastics?|\bspazz?|\bmongs?\b"
    ),
    ProtectedCharacteristic.TRANSGENDER_IDENTITY: (
        r"transphob\w*|\btrans\b|transgender|non[- ]binary|trann(?:y|ies)|gender\s+identity"
    ),
}
_COMPILED = {c: re.compile(p, re.IGNORECASE) for c, p in _WORDS.items()}


def characteristics_in(description: str, policy: PolicySettings) -> list[str]:
    """The characteristics ``description`` suggests were targeted, among those ``policy``
    records (its own additions are matched by their name)."""
    found = []
    for characteristic in protected_characteristics(policy):
        pattern = _COMPILED.get(characteristic)
        if pattern is None:
            words = re.escape(characteristic).replace("_", r"[\s_-]").replace(r"\ ", r"\s")
            pattern = re.compile(rf"\b{words}\b", re.IGNORECASE)
        if pattern.search(description):
            found.append(characteristic)
    return found
