"""The data set, generated with no I/O from a seed.

Categories follow NPH's own table of reported cases by type (policy section 8: noise 346,
abuse 137, drugs 97, domestic abuse 40...); monthly volumes rise in the summer as Stockport's do
(78 to 261 a month). People and places repeat: a complainant is drawn from a pool where a few
report again and again (repeat victims), subjects and addresses likewise (hotspots).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

CATEGORY_WEIGHTS = {
    "noise": 346,
    "verbal_abuse": 137,
    "drugs": 97,
    "domestic_abuse": 40,
    "communal_areas": 30,
    "pets_animals": 27,
    "criminal_behaviour": 17,
    "hate_incident": 16,
    "physical_violence": 14,
    "litter": 9,
    "nuisance_vehicles": 7,
    "alcohol": 7,
    "vandalism": 6,
    "garden_nuisance": 3,
}
MONTH_WEIGHTS = [7, 7, 8, 9, 10, 11, 12, 12, 9, 8, 7, 7]
"""January to December: busier in the summer."""
FIRST = ["Jo", "Sam", "Alex", "Chris", "Pat", "Lee", "Kim", "Ruth", "Dean", "Amir", "Priya",
         "Tom", "Sara", "Ian", "Zoe", "Omar", "Lucy", "Mark", "Anna", "Ben"]  # fmt: skip
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
        "Hall", "Wood", "Jackson", "Clarke", "Khan", "Patel", "Hollis", "Brennan"]  # fmt: skip
STREETS = ["Mill Lane", "Canal Street", "Park Road", "Church Street", "Station Road",
           "High Street", "Oak Avenue", "Elm Close", "Birch Way", "Hill Top"]  # fmt: skip


@dataclass(frozen=True)
class Place:
    address: str
    postcode: str
    uprn: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Someone:
    name: str
    email: str | None
    phone: str | None


@dataclass
class SeedCase:
    id: uuid.UUID
    opened_at: datetime
    category: str
    place: Place
    complainant: Someone | None
    subject: str
    reports: list[datetime]
    status: str = "open"
    closed_at: datetime | None = None
    first_contact_on_time: bool = True
    plan: bool = False
    interventions: list[tuple[str, bool, date]] = field(default_factory=list)
    survey: tuple[int, int] | None = None


def _places(rng: random.Random, n: int) -> list[Place]:
    places = []
    for i in range(n):
        district = f"SK{1 + i % 16}"
        sector = rng.randrange(1, 10)
        postcode = f"{district} {sector}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        places.append(
            Place(
                f"{1 + i // 10} {STREETS[i % len(STREETS)]}",
                postcode,
                str(100_000_000 + i),
                53.35 + rng.random() * 0.15,
                -2.25 + rng.random() * 0.2,
            )
        )
    return places


_STEMS = ["Ash", "Brad", "Carr", "Dun", "Ell", "Fair", "Green", "Hart", "Ing", "Kirk", "Lang",
          "Marsh", "New", "Oak", "Pen", "Rad", "Shaw", "Thorn", "Up", "Wal", "Whit", "York",
          "Bar", "Cal", "Hol", "Mor", "Nor", "Ros", "Stan", "War"]  # fmt: skip
_ENDS = ["ley", "ton", "ford", "well", "by", "ham", "wood", "field", "more", "worth", "lock",
         "bury", "croft", "dale", "hurst", "stone", "wick", "land", "brook", "man"]  # fmt: skip


def surname(rng: random.Random) -> str:
    """A surname: one of the common ones, or one of 600 made from English place-name parts."""
    if rng.random() < 0.3:
        return rng.choice(LAST)
    return rng.choice(_STEMS) + rng.choice(_ENDS)


def _people(rng: random.Random, n: int) -> list[Someone]:
    people = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {surname(rng)}"
        email = f"person{i}@example.org" if rng.random() < 0.8 else None
        phone = f"07700 9{i:05d}" if rng.random() < 0.7 else None
        people.append(Someone(name, email, phone))
    return people


def _skewed(rng: random.Random, pool: list[object]) -> object:
    """Mostly anyone; sometimes one of the first few (the repeats)."""
    if rng.random() < 0.15:
        return pool[int(rng.paretovariate(1.2)) % max(1, len(pool) // 50)]
    return rng.choice(pool)


def generate(seed: int, years: int, per_year: int, until: datetime) -> Iterator[SeedCase]:
    """``years`` years of ``per_year`` cases a year, ending at ``until``, reproducibly."""
    rng = random.Random(seed)
    total = years * per_year
    places = _places(rng, max(100, total // 3))
    people = _people(rng, max(100, total // 2))
    subjects = [f"{rng.choice(FIRST)} {surname(rng)}" for _ in range(max(50, total // 4))]
    categories, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    start = until - timedelta(days=365 * years)
    for _ in range(total):
        while True:
            opened = start + timedelta(seconds=rng.randrange(int((until - start).total_seconds())))
            if rng.random() < MONTH_WEIGHTS[opened.month - 1] / 12:
                break
        category = rng.choices(categories, weights)[0]
        anonymous = rng.random() < 0.1
        case = SeedCase(
            id=uuid.uuid4(),
            opened_at=opened,
            category=category,
            place=_skewed(rng, places),  # type: ignore[arg-type]
            complainant=None if anonymous else _skewed(rng, people),  # type: ignore[arg-type]
            subject=_skewed(rng, subjects),  # type: ignore[arg-type]
            reports=[opened],
        )
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            case.reports.append(case.reports[-1] + timedelta(hours=rng.randrange(2, 24 * 30)))
        closed = opened + timedelta(days=rng.randrange(5, 150))
        if closed < until:
            case.status = rng.choices(["resolved", "closed", "not_asb"], [70, 20, 10])[0]
            case.closed_at = closed
            if not anonymous and rng.random() < 0.3:
                case.survey = (rng.randint(1, 5), rng.randint(1, 5))
        case.first_contact_on_time = rng.random() < 0.9
        case.plan = rng.random() < 0.6
        if rng.random() < 0.2:
            kind = rng.choices(
                ["warning_letter", "civil_injunction", "possession", "eviction"], [70, 15, 10, 5]
            )[0]
            day = (opened + timedelta(days=rng.randrange(1, 60))).date()
            if day < until.date():
                case.interventions.append((kind, kind != "warning_letter", day))
        yield case


def default_until() -> datetime:
    return datetime(2026, 11, 1, tzinfo=UTC)
