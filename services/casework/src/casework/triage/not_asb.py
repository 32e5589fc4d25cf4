"""The "often not ASB" flag, with no I/O: reports that are often not ASB get advice instead.

The list is the Livv Housing Group policy's: such reports are flagged with the advice to give
instead of an investigation, and an officer can override the flag. The flag is advice to the
officer the case still goes to, never a dead end, and it is never raised for a report of serious
harm (:mod:`casework.triage.harm`: threats, violence, hate, harassment, domestic abuse,
exploitation, drug dealing) nor for a priority category, nor for noise that persists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from asb_shared.contracts import AsbCategory

from .harm import is_serious
from .priority import priority_route


@dataclass(frozen=True)
class NotAsbRule:
    label: str
    pattern: re.Pattern[str]
    advice: str
    persistent_is_asb: bool = False
    """Whether the same thing, persistent (every night, for hours...), is ASB after all."""


def _rule(label: str, words: str, advice: str, *, persistent_is_asb: bool = False) -> NotAsbRule:
    return NotAsbRule(label, re.compile(rf"\b({words})", re.IGNORECASE), advice, persistent_is_asb)


_PERSISTENT = re.compile(
    r"\b(every\s+(?:night|day|evening|morning|weekend)|all\s+(?:night|day)|for\s+hours|hours\s+on\s+end"
    r"|non[- ]?stop|constant\w*|continu\w*|persistent\w*|nightly|daily|till\s+\d|until\s+\d"
    r"|(?:at|past|after)\s+(?:midnight|[1-5]\s*(?:am|a\.m\.))|\d+\s*(?:am|a\.m\.)|weeks|months|again\s+and\s+again)",
    re.IGNORECASE,
)


NOT_ASB_RULES: list[NotAsbRule] = [
    _rule(
        "children playing",
        r"children playing|kids playing|ball games?",
        "Children playing is not usually ASB. We can offer mediation if it is causing real difficulty.",
    ),
    _rule(
        "cooking smells",
        r"cooking smells?|smell of cooking",
        "Cooking smells are part of everyday life and are not ASB.",
    ),
    _rule(
        "smoking at home",
        r"smok(ing|es) (in|at) (their|his|her) (home|flat|house)",
        "Smoking in one's own home is not ASB.",
    ),
    _rule(
        "reasonable household noise or DIY",
        r"\bdiy\b|household noise|washing machine|hoover|vacuum|footsteps|toilet flush",
        "Everyday household noise and DIY at reasonable hours are not ASB. Talking to your neighbour, or mediation, often helps.",
        persistent_is_asb=True,
    ),
    _rule(
        "a one-off party",
        r"one[- ]off party|birthday party|a party last",
        "A one-off party is not usually ASB. Tell us if it keeps happening.",
        persistent_is_asb=True,
    ),
    _rule(
        "a dog barking briefly",
        r"dog bark",
        "A dog barking for short periods is not ASB. Persistent barking can be a noise problem: keep a diary.",
        persistent_is_asb=True,
    ),
    _rule(
        "dog fouling",
        r"dog (fouling|mess|poo)",
        "Dog fouling is dealt with by the council's environmental services.",
    ),
    _rule(
        "cats in gardens",
        r"\bcats?\b.*garden|garden.*\bcats?\b",
        "Cats entering gardens are not ASB.",
    ),
    _rule(
        "gossip or social media",
        r"gossip|facebook|social media|instagram|tiktok|whatsapp",
        "Gossip and social-media disputes are not ASB; harassment or threats online can be reported to the police.",
    ),
    _rule("dirty looks", r"dirty looks?|staring at me", "Dirty looks are not ASB."),
    _rule(
        "lifestyle clash",
        r"lifestyle|different hours|shift work",
        "Differences in lifestyle are not ASB. Mediation can help neighbours agree.",
    ),
]

PARKING_ADVICE = "Parking is not usually ASB unless it blocks access or is used to intimidate; the council deals with parking on the road."


def not_asb_advice(categories: list[AsbCategory], description: str) -> str | None:
    """Advice to give if the report looks like something that is often not ASB, else None.

    Never for priority categories (a hate incident mentioning social media is still a hate
    incident) nor for any sign of serious harm in the words, whatever the category chosen.
    """
    if priority_route(categories) is not None or is_serious(categories, description):
        return None
    persistent = _PERSISTENT.search(description) is not None
    if categories == [AsbCategory.CAR_PARKING]:
        return PARKING_ADVICE
    for rule in NOT_ASB_RULES:
        if rule.persistent_is_asb and persistent:
            continue
        if rule.pattern.search(description):
            return rule.advice
    return None
