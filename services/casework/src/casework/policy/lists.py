"""A landlord's own lists, as data with the published policies' defaults: what is often not ASB
(and the advice given instead), the categories (each with the type of ASB the published
measures count it under), the interventions catalogue and the priority routes.

Each list is part of the versioned policy (:class:`casework.policy.settings.PolicySettings`);
the rules that read them (triage, interventions) take the landlord's list as input. No I/O
happens here.
"""

from __future__ import annotations

import re
from typing import Annotated

from asb_shared.contracts.common import AsbCategory
from pydantic import Field, StringConstraints, model_validator

from .base import Settings

Key = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{1,39}$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Advice = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]

_WORD = r"[a-z0-9']+(?:\|[a-z0-9']+)*\*?"
_PART = rf"{_WORD}(?: {_WORD})*"
Phrase = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, max_length=200, pattern=rf"^{_PART}(?: & {_PART})*$"
    ),
]
"""Words that say a report is about something, matched whole and in any case.

Words follow each other (spaces or hyphens between them); ``a|b`` is either word; a trailing
``*`` takes any ending (``bark*``: barks, barking); ``&`` joins parts that may come anywhere,
in any order (``cat|cats & garden*``). No other syntax: a landlord's words are never a regular
expression, so matching them takes time in proportion to the report."""


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The compiled form of one part of a :data:`Phrase` (linear: no nested repetition)."""
    words = []
    for word in phrase.split():
        star = word.endswith("*")
        options = "|".join(re.escape(w) for w in word.rstrip("*").split("|"))
        words.append(f"(?:{options})" + (r"\w*" if star else r"(?!\w)"))
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words), re.IGNORECASE)


class NotAsbEntry(Settings):
    """Something often reported that is usually not ASB, and the advice given instead."""

    key: Key
    label: Label
    advice: Advice
    words: list[Phrase] = Field(default_factory=list, max_length=30)
    """A report whose words match any of these is flagged (unless serious harm is named)."""
    only_category: AsbCategory | None = None
    """Flagged also when this is the one category the reporter chose (parking)."""
    persistent_is_asb: bool = False
    """The same thing, persistent (every night, for hours...), is ASB after all: not flagged."""

    @model_validator(mode="after")
    def _matches_something(self) -> NotAsbEntry:
        if not self.words and self.only_category is None:
            raise ValueError("an entry needs words or a category to recognise reports by")
        return self


def _not_asb(
    key: str, label: str, words: list[str], advice: str, *, persistent: bool = False
) -> NotAsbEntry:
    return NotAsbEntry(
        key=key, label=label, words=words, advice=advice, persistent_is_asb=persistent
    )


DEFAULT_NOT_ASB: tuple[NotAsbEntry, ...] = (
    NotAsbEntry(
        key="parking",
        label="parking",
        only_category=AsbCategory.CAR_PARKING,
        advice="Parking is not usually ASB unless it blocks access or is used to intimidate; "
        "the council deals with parking on the road.",
    ),
    _not_asb(
        "children_playing",
        "children playing",
        ["children|kids playing", "ball game*"],
        "Children playing is not usually ASB. We can offer mediation if it is causing real "
        "difficulty.",
    ),
    _not_asb(
        "cooking_smells",
        "cooking smells",
        ["cooking smell*", "smell of cooking"],
        "Cooking smells are part of everyday life and are not ASB.",
    ),
    _not_asb(
        "smoking_at_home",
        "smoking at home",
        ["smoking|smokes in|at their|his|her home|flat|house"],
        "Smoking in one's own home is not ASB.",
    ),
    _not_asb(
        "household_noise",
        "reasonable household noise or DIY",
        [
            "diy",
            "household noise*",
            "washing machine*",
            "hoover*",
            "vacuum*",
            "footstep*",
            "toilet flush*",
        ],
        "Everyday household noise and DIY at reasonable hours are not ASB. Talking to your "
        "neighbour, or mediation, often helps.",
        persistent=True,
    ),
    _not_asb(
        "one_off_party",
        "a one-off party",
        ["one off party", "birthday party", "a party last"],
        "A one-off party is not usually ASB. Tell us if it keeps happening.",
        persistent=True,
    ),
    _not_asb(
        "dog_barking",
        "a dog barking briefly",
        ["dog bark*"],
        "A dog barking for short periods is not ASB. Persistent barking can be a noise "
        "problem: keep a diary.",
        persistent=True,
    ),
    _not_asb(
        "dog_fouling",
        "dog fouling",
        ["dog fouling|mess|poo"],
        "Dog fouling is dealt with by the council's environmental services.",
    ),
    _not_asb(
        "cats_in_gardens",
        "cats in gardens",
        ["cat|cats & garden*"],
        "Cats entering gardens are not ASB.",
    ),
    _not_asb(
        "gossip_social_media",
        "gossip or social media",
        ["gossip*", "facebook*", "social media", "instagram*", "tiktok*", "whatsapp*"],
        "Gossip and social-media disputes are not ASB; harassment or threats online can be "
        "reported to the police.",
    ),
    _not_asb(
        "dirty_looks", "dirty looks", ["dirty look*", "staring at me"], "Dirty looks are not ASB."
    ),
    _not_asb(
        "lifestyle_clash",
        "lifestyle clash",
        ["lifestyle*", "different hours", "shift work*"],
        "Differences in lifestyle are not ASB. Mediation can help neighbours agree.",
    ),
)
"""Livv Housing Group's list of what is often not ASB, with its advice."""


class CategorySetting(Settings):
    """A category the landlord records, its own label and the type of ASB it is published as."""

    category: AsbCategory
    label: Label
    measure_type: Key
    """The type the published measures count it under ("types of ASB reported")."""


_CATEGORIES: dict[AsbCategory, tuple[str, str]] = {
    AsbCategory.NOISE: ("Noise or rowdy behaviour", "noise"),
    AsbCategory.VERBAL_ABUSE: ("Verbal abuse, harassment or threats", "harassment"),
    AsbCategory.HATE_INCIDENT: ("Hate incident", "hate_incident"),
    AsbCategory.DOMESTIC_ABUSE: ("Domestic abuse", "domestic_abuse"),
    AsbCategory.DRUGS: ("Drugs or substance misuse", "drugs"),
    AsbCategory.ALCOHOL: ("Alcohol-related", "alcohol"),
    AsbCategory.CRIMINAL_BEHAVIOUR: ("Criminal behaviour", "criminal_behaviour"),
    AsbCategory.PHYSICAL_VIOLENCE: ("Physical violence", "violence"),
    AsbCategory.VANDALISM: ("Vandalism or damage to property", "damage"),
    AsbCategory.GRAFFITI: ("Graffiti", "damage"),
    AsbCategory.LITTER: ("Litter, rubbish or fly-tipping", "environmental"),
    AsbCategory.GARDEN_NUISANCE: ("Garden nuisance", "environmental"),
    AsbCategory.COMMUNAL_AREAS: ("Misuse of communal areas", "communal_areas"),
    AsbCategory.PETS_ANIMALS: ("Pets and animals", "pets_animals"),
    AsbCategory.NUISANCE_VEHICLES: ("Nuisance vehicles", "vehicles"),
    AsbCategory.BOUNDARY_DISPUTE: ("Boundary dispute", "neighbour_dispute"),
    AsbCategory.CAR_PARKING: ("Car parking", "vehicles"),
    AsbCategory.CONDITION_OF_PROPERTY: ("Condition of property", "environmental"),
    AsbCategory.PERSONAL_ALLEGATION: ("Personal allegation dispute", "neighbour_dispute"),
    AsbCategory.CUCKOOING: ("Cuckooing or exploitation", "exploitation"),
    AsbCategory.OTHER: ("Other", "other"),
}

DEFAULT_CATEGORIES: tuple[CategorySetting, ...] = tuple(
    CategorySetting(category=c, label=label, measure_type=kind)
    for c, (label, kind) in _CATEGORIES.items()
)


def measure_type_of(
    category: str, categories: tuple[CategorySetting, ...] | list[CategorySetting]
) -> str:
    """The published type of ASB a category counts under (the category itself if unmapped)."""
    return next((c.measure_type for c in categories if c.category == category), category)


InterventionKey = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{1,39}$")
]


class InterventionSetting(Settings):
    """An intervention the landlord's officers record (which count as legal action is the
    law's, not the landlord's: :mod:`casework.interventions.catalogue`)."""

    kind: InterventionKey
    label: Label


_INTERVENTIONS: tuple[tuple[str, str], ...] = (
    ("advice", "Advice"),
    ("warning_letter", "Warning letter"),
    ("home_visit", "Home visit or interview"),
    ("mediation_referral", "Referral to mediation"),
    ("restorative_practice", "Restorative practice"),
    ("good_neighbour_agreement", "Good Neighbour Agreement"),
    ("acceptable_behaviour_contract", "Acceptable Behaviour Contract"),
    ("tenancy_sustainment_contract", "Tenancy sustainment contract"),
    ("support_referral", "Referral to support or the Positive Engagement Service"),
    ("target_hardening", "Target hardening and security measures"),
    ("lend_a_cam", "Lend-A-Cam CCTV"),
    ("noise_monitoring", "Noise monitoring"),
    ("joint_police_visit", "Joint visit with the police"),
    ("community_protection_warning", "Community Protection Warning"),
    ("community_protection_notice", "Community Protection Notice"),
    ("introductory_tenancy_extension", "Extension of an introductory tenancy"),
    ("demotion", "Demotion of tenancy"),
    ("civil_injunction", "Civil injunction"),
    ("closure_order", "Closure order"),
    ("notice_of_seeking_possession", "Notice of seeking possession"),
    ("possession", "Possession"),
    ("eviction", "Eviction"),
)

DEFAULT_INTERVENTIONS: tuple[InterventionSetting, ...] = tuple(
    InterventionSetting(kind=kind, label=label) for kind, label in _INTERVENTIONS
)
"""The catalogue from advice to eviction, escalating and proportionate."""


class PriorityRouteSetting(Settings):
    """A category that sends a report down a priority route of its own."""

    category: AsbCategory
    route: Annotated[
        str, StringConstraints(pattern=r"^(domestic_abuse|hate_incident|safeguarding)$")
    ]


DEFAULT_PRIORITY_ROUTES: tuple[PriorityRouteSetting, ...] = (
    PriorityRouteSetting(category=AsbCategory.DOMESTIC_ABUSE, route="domestic_abuse"),
    PriorityRouteSetting(category=AsbCategory.HATE_INCIDENT, route="hate_incident"),
    PriorityRouteSetting(category=AsbCategory.CUCKOOING, route="safeguarding"),
)
"""Domestic abuse first, then hate incidents, then exploitation (a safeguarding matter): these
three are never taken away (:func:`casework.policy.settings.problems`); a landlord may add."""
