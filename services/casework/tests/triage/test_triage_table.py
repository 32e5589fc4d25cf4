"""Triage's pure rules on realistic reports: the priority route, and the "often not ASB" flag
that must never fall on a threat, violence, hate, harassment, domestic abuse, exploitation or
drug dealing. Written from the policies' own examples and the categories."""

from __future__ import annotations

import pytest
from asb_shared.contracts.common import AsbCategory as A
from casework.policy.settings import DEFAULT_POLICY, PolicySettings
from casework.triage.characteristics import characteristics_in
from casework.triage.not_asb import not_asb_advice
from casework.triage.priority import priority_route_of
from hypothesis import given, settings
from hypothesis import strategies as st

DA, HATE, SAFE = "domestic_abuse", "hate_incident", "safeguarding"
FLAG, ASB = True, False

# (categories, description, expected priority route, expected "may not be ASB" flag)
TABLE: list[tuple[list[A], str, str | None, bool]] = [
    # -- the reports the issue found wrongly flagged ------------------------------------------
    ([A.OTHER], "He threatened to stab me in a WhatsApp message", None, ASB),
    (
        [A.VERBAL_ABUSE],
        "Neighbour was shouting racist abuse at my kids and staring at me",
        HATE,
        ASB,
    ),
    ([A.PETS_ANIMALS], "Their dog attacked my cat in the garden", None, ASB),
    ([A.OTHER], "Shouting racist abuse at my husband then just staring at me", HATE, ASB),
    (
        [A.PETS_ANIMALS],
        "The dog next door attacked my cat in our garden, it needed the vet",
        None,
        ASB,
    ),
    ([A.OTHER], "Posted on Facebook that he will kill me when he sees me", None, ASB),
    # -- Livv's "often not ASB" list, as residents write it -----------------------------------
    ([A.OTHER], "The children playing football outside every afternoon", None, FLAG),
    ([A.OTHER], "Kids playing in the street after school, it's noisy", None, FLAG),
    ([A.COMMUNAL_AREAS], "Ball games against the wall of the block", None, FLAG),
    ([A.OTHER], "Cooking smells coming into my flat from downstairs", None, FLAG),
    ([A.OTHER], "The smell of cooking curry from next door", None, FLAG),
    ([A.OTHER], "My neighbour smokes in their flat and I can smell it", None, FLAG),
    ([A.NOISE], "They do DIY on Saturday afternoons", None, FLAG),
    ([A.NOISE], "I can hear their washing machine in the evening", None, FLAG),
    ([A.NOISE], "Footsteps from the flat above when they come home from work", None, FLAG),
    ([A.NOISE], "They had a birthday party on Saturday", None, FLAG),
    ([A.NOISE], "A one-off party last weekend went on a bit", None, FLAG),
    ([A.PETS_ANIMALS], "Dog barking when the postman comes", None, FLAG),
    ([A.PETS_ANIMALS], "Dog fouling on the grass by the flats", None, FLAG),
    ([A.PETS_ANIMALS], "Dog mess left by the bins", None, FLAG),
    ([A.PETS_ANIMALS], "Cats keep coming into my garden", None, FLAG),
    ([A.GARDEN_NUISANCE], "Next door's cat uses my garden as a toilet", None, FLAG),
    ([A.PERSONAL_ALLEGATION], "She is spreading gossip about me at the school gate", None, FLAG),
    ([A.OTHER], "An argument on Facebook between our families", None, FLAG),
    ([A.OTHER], "They were talking about me in a WhatsApp group", None, FLAG),
    ([A.OTHER], "He gives me dirty looks when we pass", None, FLAG),
    ([A.OTHER], "She keeps staring at me from her window", None, FLAG),
    ([A.NOISE], "They work shift work and come in at different hours", None, FLAG),
    ([A.OTHER], "Their lifestyle is very different from ours", None, FLAG),
    ([A.CAR_PARKING], "He parks his van outside my house", None, FLAG),
    # -- persistent noise is ASB, not household noise -----------------------------------------
    ([A.NOISE], "Loud music every night until 3am from flat 12", None, ASB),
    ([A.NOISE], "Dog barking all night every night for weeks", None, ASB),
    ([A.NOISE], "Hoovering and DIY at 2am every night", None, ASB),
    ([A.NOISE], "Parties every weekend for months with music until 4am", None, ASB),
    ([A.NOISE], "Banging and shouting from upstairs constantly", None, ASB),
    # -- threats ------------------------------------------------------------------------------
    ([A.VERBAL_ABUSE], "He said he will burn my house down", None, ASB),
    ([A.OTHER], "Told me to watch my back, I'm scared to go out", None, ASB),
    ([A.OTHER], "He threatened me over a parking space", None, ASB),
    ([A.CAR_PARKING], "He parks across my drive and threatened to smash my car", None, ASB),
    ([A.OTHER], "Intimidating me on the stairs every day with his mates", None, ASB),
    ([A.OTHER], "Messaged me on Instagram saying I'll get hurt", None, ASB),
    ([A.OTHER], "Said I'm dead if I call the police", None, ASB),
    # -- violence and weapons -----------------------------------------------------------------
    ([A.PHYSICAL_VIOLENCE], "My neighbour punched my son in the car park", None, ASB),
    ([A.OTHER], "He hit me with a bottle outside the shop", None, ASB),
    ([A.OTHER], "There was a fight outside with people bleeding", None, ASB),
    ([A.OTHER], "Saw him carrying a knife on the landing", None, ASB),
    ([A.OTHER], "Man waving a machete at kids playing outside", None, ASB),
    ([A.OTHER], "Threw bricks at my windows", None, ASB),
    ([A.PETS_ANIMALS], "Their dangerous dog bit my daughter", None, ASB),
    ([A.PETS_ANIMALS], "He set his dog on me in the garden", None, ASB),
    ([A.CRIMINAL_BEHAVIOUR], "Cars broken into in the car park", None, ASB),
    # -- hate -------------------------------------------------------------------------------------
    ([A.HATE_INCIDENT], "Abuse shouted about my religion, posted on Facebook too", HATE, ASB),
    ([A.OTHER], "They called my partner a paki and told us to go back to our country", HATE, ASB),
    ([A.VERBAL_ABUSE], "Homophobic abuse shouted at me and my boyfriend", HATE, ASB),
    ([A.OTHER], "Kids shouting transphobic names at my daughter", HATE, ASB),
    ([A.GRAFFITI], "Racist graffiti sprayed on our front door", HATE, ASB),
    ([A.OTHER], "They mock my brother because he's disabled and call him a retard", HATE, ASB),
    ([A.OTHER], "Antisemitic leaflets pushed through our letterbox", HATE, ASB),
    (
        [A.OTHER],
        "Targeted because we're Muslim, bacon left on our doorstep, staring at me",
        HATE,
        ASB,
    ),
    ([A.HATE_INCIDENT], "Dirty looks and muttering about my hijab", HATE, ASB),
    # -- harassment -----------------------------------------------------------------------------
    ([A.VERBAL_ABUSE], "He keeps calling me names in the street", None, ASB),
    ([A.OTHER], "My ex's friend keeps messaging me and won't leave me alone", None, ASB),
    ([A.OTHER], "She follows me to the bus stop and films me", None, ASB),
    ([A.OTHER], "He spat at me in the lift", None, ASB),
    ([A.OTHER], "Being harassed on WhatsApp by the woman upstairs", None, ASB),
    ([A.OTHER], "Swearing at my children every time they go out", None, ASB),
    ([A.OTHER], "He is stalking my daughter on TikTok and outside school", None, ASB),
    ([A.OTHER], "Abusive messages on social media from next door", None, ASB),
    # -- domestic abuse -------------------------------------------------------------------------
    ([A.DOMESTIC_ABUSE], "My partner hits me when he drinks", DA, ASB),
    ([A.OTHER], "My ex-partner keeps turning up and threatening me", DA, ASB),
    ([A.NOISE], "Woman screaming for help next door and banging", DA, ASB),
    ([A.OTHER], "Her husband won't let her leave the flat, controlling behaviour", DA, ASB),
    ([A.OTHER], "Domestic violence next door again last night", DA, ASB),
    # -- exploitation and safeguarding ----------------------------------------------------------
    ([A.CUCKOOING], "People have taken over the flat of a vulnerable man", SAFE, ASB),
    ([A.OTHER], "I think my neighbour is being cuckooed, strangers in and out", SAFE, ASB),
    ([A.OTHER], "County lines: young lads delivering packages from flat 9", SAFE, ASB),
    ([A.OTHER], "Older men grooming girls in the park", SAFE, ASB),
    # -- drug dealing ---------------------------------------------------------------------------
    ([A.DRUGS], "Cannabis smell from the flat below", None, ASB),
    (
        [A.OTHER],
        "Drug dealing from the flat opposite, people coming and going all night",
        None,
        ASB,
    ),
    ([A.OTHER], "They're selling weed to kids in the park", None, ASB),
    ([A.OTHER], "Needles left in the stairwell", None, ASB),
    ([A.OTHER], "I think it's a crack house, dealers on the landing", None, ASB),
    # -- damage and the rest of the categories --------------------------------------------------
    ([A.VANDALISM], "The bus shelter glass smashed again", None, ASB),
    ([A.OTHER], "Someone set fire to the bins", None, ASB),
    ([A.OTHER], "Fireworks through my letterbox", None, ASB),
    ([A.GRAFFITI], "Tags sprayed on the garages", None, ASB),
    ([A.LITTER], "Fly-tipping of mattresses behind the flats", None, ASB),
    ([A.NUISANCE_VEHICLES], "Motorbikes racing round the estate", None, ASB),
    ([A.ALCOHOL], "Drinkers in the communal garden every afternoon", None, ASB),
    ([A.CONDITION_OF_PROPERTY], "Rubbish piled up in their garden attracting rats", None, ASB),
    ([A.BOUNDARY_DISPUTE], "He moved the fence onto our side", None, ASB),
    ([A.COMMUNAL_AREAS], "Youths gathering in the stairwell smoking cannabis", None, ASB),
]


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 80
    assert len({description for _, description, _, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("categories", "description", "route", "flagged"), TABLE)
def test_triage_routes_each_report(
    categories: list[A], description: str, route: str | None, flagged: bool
) -> None:
    assert priority_route_of(categories, description) == route
    advice = not_asb_advice(categories, description)
    assert (advice is not None) == flagged, advice


def test_hate_incidents_record_the_characteristics_targeted() -> None:
    assert characteristics_in("Racist abuse about my hijab", DEFAULT_POLICY) == [
        "race",
        "religion_or_belief",
    ]
    assert characteristics_in("Homophobic names shouted", DEFAULT_POLICY) == ["sexual_orientation"]
    assert characteristics_in("Called him a retard, he's disabled", DEFAULT_POLICY) == [
        "disability"
    ]
    assert characteristics_in("Transphobic graffiti", DEFAULT_POLICY) == ["transgender_identity"]
    landlord = PolicySettings(extra_protected_characteristics=["sex workers", "age"])
    assert characteristics_in("abuse aimed at sex workers because of their age", landlord) == [
        "sex workers",
        "age",
    ]


# -- the property ----------------------------------------------------------------------------------

THREATS = [
    "He threatened to kill me.",
    "she said she'll stab my son",
    "They're going to burn the house down, he said.",
    "he punched me",
    "he had a knife",
    "my partner hits me",
    "they are dealing drugs from the flat",
    "they're grooming kids for county lines",
    "he keeps harassing me",
    "abusive messages every day",
]
SLURS = ["paki", "faggot", "retard", "tranny", "kike", "racist abuse", "homophobic names"]
LIVV_EXAMPLES = [d for _, d, _, flagged in TABLE if flagged]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(list(A)), min_size=1, max_size=3, unique=True),
    st.one_of(st.text(max_size=200), st.sampled_from(LIVV_EXAMPLES)),
    st.sampled_from(THREATS + [f"and called me a {s}" for s in SLURS]),
    st.booleans(),
)
def test_a_threat_or_a_slur_never_leaves_a_report_flagged_as_not_asb(
    categories: list[A], text: str, harm: str, before: bool
) -> None:
    description = f"{harm} {text}" if before else f"{text} {harm}"
    assert not_asb_advice(categories, description) is None
