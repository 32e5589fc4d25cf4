"""When two records are the same person or the same place: the matching rules, with no I/O.

A person is recognised across cases by any one of these keys (the first that applies is the
strongest, but any shared key is a match):

1. the same email address, compared case-insensitively (``email:jo@example.org``);
2. the same phone number, digits only, a UK ``+44``/``44`` prefix read as ``0``
   (``phone:07700900123``);
3. the same normalised name at the same postcode (``name:jo smith|SK11AA``): lower case,
   punctuation dropped, titles (Mr, Mrs, Ms, Miss, Dr...) dropped, spaces collapsed. A name
   alone is never enough: two Jo Smiths in one town are two people.

A place is recognised by its UPRN when known, else by its normalised address and postcode (the
same key as report linking, :mod:`casework.triage.matching`).

Staff can merge two people the rules did not recognise, and unmerge them again: a merge is a
decision recorded beside the keys, never a change of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from asb_shared.contracts.common import Location

from ..triage.matching import address_key

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "rev"})
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def normalised_name(name: str | None) -> str | None:
    """``"Mrs. Jo  O'Neil"`` -> ``"jo o neil"``; None when nothing is left."""
    if not name:
        return None
    words = re.sub(r"[^a-z0-9 ]", " ", name.lower()).split()
    words = [w for w in words if w not in _TITLES]
    return " ".join(words) or None


def normalised_postcode(postcode: str | None) -> str | None:
    """``"sk1 1aa"`` -> ``"SK1 1AA"``; None when it is not a UK postcode."""
    if not postcode:
        return None
    match = _POSTCODE.match(re.sub(r"[^A-Za-z0-9]", "", postcode).upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


def postcode_district(postcode: str | None) -> str | None:
    """The outward code: ``"SK1 1AA"`` -> ``"SK1"``."""
    found = normalised_postcode(postcode)
    return found.split(" ")[0] if found else None


def postcode_sector(postcode: str | None) -> str | None:
    """The outward code and the first digit of the inward one: ``"SK1 1AA"`` -> ``"SK1 1"``."""
    found = normalised_postcode(postcode)
    return found[:-2] if found else None


def normalised_phone(phone: str | None) -> str | None:
    """Digits only, ``+44 7700 900123`` -> ``07700900123``; None when too short to be one."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:]
    return digits if len(digits) >= 7 else None


def person_keys(
    name: str | None, email: str | None, phone: str | None, postcode: str | None
) -> list[str]:
    """Every key a person is recognised by (sorted, no duplicates); empty when nothing is known
    well enough to recognise them."""
    keys = []
    if email and "@" in email:
        keys.append(f"email:{email.strip().lower()}")
    number = normalised_phone(phone)
    if number:
        keys.append(f"phone:{number}")
    who, where = normalised_name(name), normalised_postcode(postcode)
    if who and where:
        keys.append(f"name:{who}|{where.replace(' ', '')}")
    return sorted(set(keys))


def place_key(location: Location) -> str | None:
    """The key of a place: its UPRN, else its normalised address and postcode."""
    return address_key(location)


POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b", re.IGNORECASE)


def postcode_in(address: str | None) -> str | None:
    """The postcode written at the end of a postal address, if any."""
    if not address:
        return None
    found = POSTCODE_IN_TEXT.findall(address)
    return normalised_postcode("".join(found[-1])) if found else None


def record_keys(
    name: str | None, email: str | None, phone: str | None, address: str | None
) -> list[str]:
    """The keys a complainant record is recognised by: its details and the postcode at the end
    of its address."""
    return person_keys(name, email, phone, postcode_in(address))


def groups(keys_of: dict[str, list[str]], merged: Sequence[tuple[str, str]] = ()) -> list[set[str]]:
    """Records (by id) grouped into people: records sharing any key, or merged by staff, are one
    person (union-find). ``merged`` pairs are record ids an officer said are the same person."""
    parent = {record: record for record in keys_of}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_with: dict[str, str] = {}
    for record, keys in keys_of.items():
        for key in keys:
            if key in first_with:
                union(first_with[key], record)
            else:
                first_with[key] = record
    for a, b in merged:
        if a in parent and b in parent:
            union(a, b)
    found: dict[str, set[str]] = {}
    for record in keys_of:
        found.setdefault(root(record), set()).add(record)
    return list(found.values())
