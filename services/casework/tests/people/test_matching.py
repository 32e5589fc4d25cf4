"""The matching rules of people and places, unit-tested."""

from __future__ import annotations

from casework.people.matching import (
    groups,
    normalised_name,
    normalised_phone,
    normalised_postcode,
    person_keys,
    postcode_district,
    postcode_in,
    postcode_sector,
)


def test_names_postcodes_and_phones_are_normalised() -> None:
    assert normalised_name("Mrs. Jo  O'Neil") == "jo o neil"
    assert normalised_name("Dr") is None
    assert normalised_postcode("sk1 1aa") == "SK1 1AA"
    assert normalised_postcode("EC1A1BB") == "EC1A 1BB"
    assert normalised_postcode("not one") is None
    assert postcode_district("m60 2la") == "M60"
    assert postcode_sector("M60 2LA") == "M60 2"
    assert normalised_phone("+44 7700 900123") == "07700900123"
    assert normalised_phone("07700 900123") == "07700900123"
    assert normalised_phone("999") is None
    assert postcode_in("3 Oak Road, Stockport SK3 0AB") == "SK3 0AB"
    assert postcode_in("3 Oak Road") is None


def test_a_person_is_known_by_email_phone_or_name_at_a_postcode_never_by_name_alone() -> None:
    assert person_keys("Jo Smith", "Jo@Example.org ", "+44 7700 900123", "sk1 1aa") == [
        "email:jo@example.org",
        "name:jo smith|SK11AA",
        "phone:07700900123",
    ]
    assert person_keys("Jo Smith", None, None, None) == []


def test_records_sharing_any_key_or_merged_by_staff_are_one_person() -> None:
    keys = {
        "a": ["email:jo@example.org"],
        "b": ["email:jo@example.org", "phone:07700900123"],
        "c": ["phone:07700900123"],  # through b
        "d": ["email:sam@example.org"],
        "e": [],
        "f": [],
    }
    assert sorted(map(sorted, groups(keys))) == [["a", "b", "c"], ["d"], ["e"], ["f"]]
    merged = groups(keys, [("d", "e")])
    assert sorted(map(sorted, merged)) == [["a", "b", "c"], ["d", "e"], ["f"]]
