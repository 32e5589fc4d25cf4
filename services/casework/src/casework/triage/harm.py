"""Signs of serious harm in a report, with no I/O: what triage must never call "often not ASB".

Threats, violence, hate, harassment, domestic abuse, exploitation and drug dealing are ASB (or
crime) whatever else the report mentions: "threatened to stab me in a WhatsApp message" is a
threat, not a social-media dispute; "shouting racist abuse and staring at me" is a hate
incident, not dirty looks; "the dog attacked my cat in the garden" is an attack, not a cat in a
garden. The patterns lean towards finding harm: a report wrongly not flagged costs an officer a
look, one wrongly flagged can leave a threat waiting.
"""

from __future__ import annotations

import re
from enum import StrEnum

from asb_shared.contracts.common import AsbCategory


class Harm(StrEnum):
    THREAT = "threat"
    VIOLENCE = "violence"
    HATE = "hate"
    HARASSMENT = "harassment"
    DOMESTIC_ABUSE = "domestic_abuse"
    EXPLOITATION = "exploitation"
    DRUG_DEALING = "drug_dealing"
    SEXUAL = "sexual"
    WEAPON = "weapon"
    DAMAGE = "damage"


SERIOUS_CATEGORIES: frozenset[AsbCategory] = frozenset(
    {
        AsbCategory.VERBAL_ABUSE,
        AsbCategory.HATE_INCIDENT,
        AsbCategory.DOMESTIC_ABUSE,
        AsbCategory.DRUGS,
        AsbCategory.CRIMINAL_BEHAVIOUR,
        AsbCategory.PHYSICAL_VIOLENCE,
        AsbCategory.VANDALISM,
        AsbCategory.CUCKOOING,
    }
)
"""Categories never "often not ASB", whatever the description says."""

_WHO = (
    r"me|him|her|them|us|you|my\s+\w+|his\s+\w+|her\s+\w+|our\s+\w+|their\s+\w+|a\s+\w+|the\s+\w+"
)
_PEOPLE = rf"(?:{_WHO})"
_PARTNER = r"(?:ex|ex-?partner|partner|husband|wife|boyfriend|girlfriend|ex-?husband|ex-?wife)"

# Slurs are matched so that a hate incident is recognised even when the reporter picked another
# category; the list is short on purpose (the words themselves, not variants of every spelling).
_SLURS = (
    r"paki|pakis|n[i1]gg(?:er|a)s?|wogs?|coons?|chinks?|gyppos?|pikeys?|kikes?|yids?|"
    r"fag|faggots?|poofs?|queers?|dykes?|trann(?:y|ies)|retards?|spastics?|spazz?|mongs?|"
    r"ragheads?|towelheads?"
)

_PATTERNS: dict[Harm, str] = {
    Harm.THREAT: (
        r"threat\w*|\bkill\s+"
        + _PEOPLE
        + r"|going\s+to\s+(?:kill|hurt|stab|shoot|get|smash|burn|batter|do)\b"
        r"|(?:i|he|she|they)(?:'ll|\s+will)\s+(?:kill|hurt|stab|shoot|batter|get|smash|burn)\b"
        r"|intimidat\w*|menac\w*|burn\s+(?:the|your|my|our|his|her)\s+(?:house|flat|home|door|car)"
        r"|watch\s+your\s+back|you'?re\s+dead|(?:said|told|warned)\s+.{0,40}\b(?:regret|pay\s+for)"
    ),
    Harm.VIOLENCE: (
        r"stab\w*|assault\w*|attack\w*|punch\w*|\bhit\s+"
        + _PEOPLE
        + r"|\bhits\s+"
        + _PEOPLE
        + r"|kick(?:ed|ing|s)?\s+"
        + _PEOPLE
        + r"|\bbeat(?:en|ing)?\s+(?:"
        + _WHO
        + r"|up)"
        r"|violen\w*|\bhurt\s+"
        + _PEOPLE
        + r"|strangl\w*|chok(?:ed|ing)\s+"
        + _PEOPLE
        + r"|\bbit(?:ten)?\s+"
        + _PEOPLE
        + r"|mauled|\bfight\w*|brawl\w*|injur\w*|bleeding|blood"
        r"|push(?:ed|ing)\s+"
        + _PEOPLE
        + r"|shov(?:ed|ing)\s+"
        + _PEOPLE
        + r"|thr(?:ew|own|owing)\s+(?:a\s+)?(?:brick|stone|bottle|rock|egg)s?\s+at"
        r"|set\s+(?:his|her|their|the)\s+dogs?\s+on|dangerous\s+dog|grabbed\s+" + _PEOPLE
    ),
    Harm.WEAPON: r"knife|knives|machete|\bguns?\b|firearm|weapon\w*|baseball\s+bat|crossbow|acid",
    Harm.HATE: (
        r"racis\w*|racial\w*|homophob\w*|transphob\w*|biphob\w*|islamophob\w*|antisemit\w*"
        r"|xenophob\w*|disablis\w*|ableis\w*|hate\s+(?:crime|incident|speech)|\bslurs?\b"
        r"|go\s+back\s+to\s+(?:your|their|his|her)\s+(?:own\s+)?country"
        r"|because\s+(?:i\s+am|i'?m|we\s+are|we'?re|he\s+is|he'?s|she\s+is|she'?s|they\s+are|they'?re)"
        r"\s+(?:black|asian|white|gay|lesbian|bi|trans|muslim|jewish|sikh|hindu|disabled|polish|"
        r"romanian|foreign|a\s+refugee|an?\s+immigrant|autistic|deaf|blind)"
        r"|\b(?:" + _SLURS + r")\b"
    ),
    Harm.HARASSMENT: (
        r"harass\w*|stalk\w*|follow(?:s|ed|ing)\s+(?:me|my|us|her|him)|bull(?:y|ied|ying)\w*"
        r"|\babus(?:e|ed|ive|ing)\b|keeps?\s+(?:calling|messaging|texting|knocking|banging\s+on\s+my)"
        r"|won'?t\s+leave\s+(?:me|us|her|him)\s+alone|spat\s+(?:at|on)|spit(?:s|ting)?\s+(?:at|on)"
        r"|swear(?:s|ing)?\s+at\s+"
        + _PEOPLE
        + r"|sworn\s+at|name[- ]calling|called\s+(?:me|us|my\s+\w+)\s+an?\s+"
        r"|shout(?:s|ed|ing)\s+(?:abuse|at\s+" + _WHO + r")|scream(?:s|ed|ing)\s+(?:abuse|at)"
        r"|torment\w*|victimis\w*|targeting\s+" + _PEOPLE + r"|targeted|filming\s+(?:me|us|my|our)"
        r"|photograph(?:s|ed|ing)\s+(?:me|us|my|our)|peering\s+(?:in|through)|sending\s+(?:me\s+)?(?:nasty|vile|abusive)"
    ),
    Harm.DOMESTIC_ABUSE: (
        r"domestic\s+(?:abuse|violence)|coercive|controlling\s+behaviou?r"
        r"|(?:my|her|his|their)\s+"
        + _PARTNER
        + r"\s+(?:\w+\s+){0,5}(?:hit|hits|beat|beats|threaten\w*|"
        r"attack\w*|punch\w*|assault\w*|abus\w*|control\w*|strangl\w*|chok\w*|won'?t\s+let|locked)"
        r"|(?:screaming|shouting|banging)\s+(?:coming\s+)?from\s+next\s+door.{0,60}(?:help|hurt|crying\s+for)"
        r"|crying\s+(?:out\s+)?for\s+help|(?:woman|man|someone)\s+screaming\s+(?:for\s+help|stop)"
    ),
    Harm.EXPLOITATION: (
        r"cuckoo\w*|county\s+lines|exploit\w*|groom\w*|traffick\w*|modern\s+slavery"
        r"|taken\s+over\s+(?:his|her|their|the)\s+(?:flat|house|home)"
        r"|taking\s+advantage\s+of\s+(?:him|her|them|a\s+vulnerable|the\s+vulnerable|my\s+vulnerable)"
        r"|vulnerable\s+(?:man|woman|person|adult|neighbour|tenant|lad|girl|boy)"
        r"|(?:young|school)\s+(?:kids|children|lads|boys|girls)\s+(?:running|carrying|delivering)"
    ),
    Harm.DRUG_DEALING: (
        r"drugs?\s+deal\w*|deal(?:s|ing)\s+(?:drugs|from|out\s+of|weed|crack|heroin|coke|cocaine)"
        r"|dealers?|sell(?:s|ing)\s+(?:drugs|weed|cannabis|crack|heroin|coke|cocaine|spice)"
        r"|crack\s+(?:house|den)|drugs?\s+den|cannabis\s+farm|needles|syringes"
        r"|people\s+coming\s+and\s+going\s+(?:all\s+(?:day|night)|at\s+all\s+hours)"
    ),
    Harm.SEXUAL: (
        r"sexual\w*|indecent\w*|expos(?:ed|ing)\s+himself|flash(?:ed|ing|er)\b|\brape\w*"
        r"|upskirt|touched\s+(?:me|my|her)\s+inappropriately"
    ),
    Harm.DAMAGE: (
        r"arson|set\s+fire|on\s+fire|fireworks?\s+(?:through|at|into)|smash\w*|criminal\s+damage"
        r"|vandal\w*|slashed|keyed\s+my\s+car|broke(?:n)?\s+(?:my|our|the)\s+(?:window|door|fence|car)"
        r"|through\s+(?:my|our|the)\s+letterbox"
    ),
}

_COMPILED: dict[Harm, re.Pattern[str]] = {
    harm: re.compile(pattern, re.IGNORECASE) for harm, pattern in _PATTERNS.items()
}


def harms_in(description: str) -> list[Harm]:
    """The kinds of serious harm ``description`` mentions, in a fixed order (none: empty)."""
    return [harm for harm, pattern in _COMPILED.items() if pattern.search(description)]


def is_serious(categories: list[AsbCategory], description: str) -> bool:
    """Whether the report is one triage must never flag as "often not ASB"."""
    return bool(SERIOUS_CATEGORIES.intersection(categories)) or bool(harms_in(description))
