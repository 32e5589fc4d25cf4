"""The Open311 service catalogue: one GeoReport service per ASB category, and the attributes a
request can carry (when it happened, who was involved, whether to stay anonymous)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asb_shared.contracts.common import AsbCategory

from .wire import Open311Error, echo

GROUP = "Anti-social behaviour"
DANGER = "If anyone is in immediate danger, call 999."


@dataclass(frozen=True)
class Service:
    name: str
    description: str
    keywords: str


SERVICES: dict[AsbCategory, Service] = {
    AsbCategory.NOISE: Service(
        "Noise", "Loud music, shouting, parties or banging.", "noise, music, shouting, parties"
    ),
    AsbCategory.VERBAL_ABUSE: Service(
        "Verbal abuse, harassment or intimidation",
        "Someone swearing at, threatening, harassing or intimidating others.",
        "abuse, harassment, intimidation, threats, swearing",
    ),
    AsbCategory.HATE_INCIDENT: Service(
        "Hate incident",
        "Behaviour targeting someone because of their race, religion, disability, sexual "
        "orientation or gender identity. You can also report hate crime to the police on 101. "
        + DANGER,
        "hate, racism, homophobia, disability, religion",
    ),
    AsbCategory.DOMESTIC_ABUSE: Service(
        "Domestic abuse",
        "Abuse by a partner, former partner or family member. The National Domestic Abuse "
        "Helpline is free on 0808 2000 247. " + DANGER,
        "domestic abuse, domestic violence, coercive control",
    ),
    AsbCategory.DRUGS: Service(
        "Drugs",
        "Drug dealing or drug use, or the smell of drugs.",
        "drugs, dealing, cannabis, needles",
    ),
    AsbCategory.ALCOHOL: Service(
        "Alcohol-related behaviour",
        "Drunken or rowdy behaviour, or street drinking.",
        "alcohol, drunk, street drinking",
    ),
    AsbCategory.CRIMINAL_BEHAVIOUR: Service(
        "Criminal behaviour",
        "Theft, burglary or other crime. Please report crime to the police as well. " + DANGER,
        "crime, theft, burglary",
    ),
    AsbCategory.PHYSICAL_VIOLENCE: Service(
        "Violence or threats of violence",
        "Someone hitting, attacking or threatening to attack others. " + DANGER,
        "violence, assault, fighting, attack",
    ),
    AsbCategory.VANDALISM: Service(
        "Vandalism or damage to property",
        "Deliberate damage to homes, doors, windows, cars or shared areas.",
        "vandalism, damage, broken windows",
    ),
    AsbCategory.GRAFFITI: Service(
        "Graffiti",
        "Graffiti on buildings, walls or shared areas.",
        "graffiti, tagging, spray paint",
    ),
    AsbCategory.LITTER: Service(
        "Litter, rubbish or fly-tipping",
        "Litter, dumped rubbish or fly-tipping.",
        "litter, rubbish, fly-tipping, dumping",
    ),
    AsbCategory.GARDEN_NUISANCE: Service(
        "Untidy or overgrown gardens",
        "Gardens that are overgrown, full of rubbish or a nuisance to neighbours.",
        "garden, overgrown, hedges, rubbish",
    ),
    AsbCategory.COMMUNAL_AREAS: Service(
        "Misuse of communal areas",
        "Misuse of stairwells, corridors, lifts, bin stores or other shared areas.",
        "communal, stairwell, corridor, lift, bin store, loitering",
    ),
    AsbCategory.PETS_ANIMALS: Service(
        "Pets and animals",
        "Dog fouling, barking, dangerous dogs or other problems with animals.",
        "dogs, barking, fouling, pets, animals",
    ),
    AsbCategory.NUISANCE_VEHICLES: Service(
        "Nuisance vehicles",
        "Abandoned vehicles, off-road bikes, joyriding or vehicle repairs in the street.",
        "vehicles, abandoned car, motorbikes, joyriding",
    ),
    AsbCategory.BOUNDARY_DISPUTE: Service(
        "Boundary dispute",
        "A dispute between neighbours about fences, hedges or boundaries.",
        "boundary, fence, hedge, neighbour dispute",
    ),
    AsbCategory.CAR_PARKING: Service(
        "Car parking",
        "Inconsiderate parking, or parking that blocks access.",
        "parking, blocked access, driveway",
    ),
    AsbCategory.CONDITION_OF_PROPERTY: Service(
        "Condition of a property",
        "A home or garden kept in a condition that affects neighbours.",
        "property condition, hoarding, pests, smell",
    ),
    AsbCategory.PERSONAL_ALLEGATION: Service(
        "Allegation about a person",
        "A complaint about a particular person's behaviour.",
        "allegation, complaint about a person",
    ),
    AsbCategory.CUCKOOING: Service(
        "Cuckooing",
        "Someone's home taken over by others, often to deal drugs. " + DANGER,
        "cuckooing, home taken over, exploitation, county lines",
    ),
    AsbCategory.OTHER: Service(
        "Other anti-social behaviour",
        "Anti-social behaviour that does not fit another category.",
        "other, anti-social behaviour, nuisance",
    ),
}


def service_of(category: AsbCategory) -> Service:
    """The category's service; a category added later still gets a plain one."""
    return SERVICES.get(
        category,
        Service(category.value.replace("_", " ").capitalize(), "", category.value),
    )


# ``values`` only where there is a list to choose from (as in the spec's example): an empty
# <values/> reads as an empty list of options to some XML clients.
ATTRIBUTES: list[dict[str, Any]] = [
    {
        "variable": True,
        "code": "occurred_at",
        "datatype": "datetime",
        "required": False,
        "datatype_description": "A date and time with its timezone, e.g. 2026-11-20T23:30:00Z. "
        "Leave it out if it is happening now.",
        "order": 1,
        "description": "When did it happen?",
    },
    {
        "variable": True,
        "code": "subject_description",
        "datatype": "text",
        "required": False,
        "datatype_description": "Text; it may run over several lines.",
        "order": 2,
        "description": "Who was involved, if you know: names, what they look like, where they "
        "live. This is never published.",
    },
    {
        "variable": True,
        "code": "anonymous",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": "true or false; false if left out.",
        "order": 3,
        "description": "Report anonymously? We will not keep your contact details, so we "
        "cannot tell you what happens.",
        "values": [
            {"key": "false", "name": "No, you may contact me"},
            {"key": "true", "name": "Yes, report anonymously"},
        ],
    },
]


def service_list() -> list[dict[str, Any]]:
    return [
        {
            "service_code": category.value,
            "service_name": service_of(category).name,
            "description": service_of(category).description,
            "metadata": bool(ATTRIBUTES),
            "type": "realtime",
            "keywords": service_of(category).keywords,
            "group": GROUP,
        }
        for category in AsbCategory
    ]


def category_of(code: str | None) -> AsbCategory | None:
    try:
        return AsbCategory(code) if code else None
    except ValueError:
        return None


def service_definition(service_code: str) -> dict[str, Any]:
    if category_of(service_code) is None:
        raise Open311Error(
            404,
            f"service_code '{echo(service_code)}' was not found: services.xml lists the codes.",
        )
    return {"service_code": service_code, "attributes": ATTRIBUTES}


SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-07T00:00:00Z"
"""When this endpoint last changed in a way a client could notice (GeoReport's changeset)."""


def discovery(endpoint_url: str, contact: str) -> dict[str, Any]:
    """GeoReport's service discovery: where the v2 endpoint is, what it speaks, and that it
    needs no API key."""
    return {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": "No API key is needed: reports are taken from anyone, as on the web form.",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
