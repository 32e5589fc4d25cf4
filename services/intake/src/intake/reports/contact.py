"""How to reach the reporter, and how they want (or must not) be reached: contact wishes as data.

A reporter (or the member of staff keying a phone, letter or in-person report for a
complainant) says which channels may be used and which are unsafe, the preferred one, when
contact is safe, whether a voicemail or a letter home is safe, a code word and "only through my
officer", the language and accessibility needs. The contract's :class:`ContactPreferences` is
what casework and notifications enforce; this module is intake's edge for it: the request's
shape, each refusal named by its field (``reporter.preferences.preferred``, ``reporter.email``),
and today's flat fields (``preferred_channel``, ``contact_times``, ``safe_contact``) read into
the same model so that existing clients keep working.

The free-text note and the code word are for the officer only: they travel to casework in the
report's event and nowhere else (never in notifications' data, never shown back publicly).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from asb_shared.contracts.common import (
    AccessibilityNeed,
    ContactChannel,
    ContactDetails,
    ContactPreferences,
    SafeWindow,
)
from asb_shared.contracts.intake import Reporter
from asb_shared.types import Line, Text
from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

Name = Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{7,20}$")]
PostalAddress = Annotated[
    Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
]
"""A postal address may run over several lines, as UK addresses are written."""
Note = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=1000)]
CodeWord = Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Language = Annotated[Line, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]

_LEGACY_NEEDS = {
    ContactChannel.EMAIL: "email",
    ContactChannel.SMS: "phone",
    ContactChannel.PHONE: "phone",
}
"""What a flat ``preferred_channel`` needed before preferences were data (letters were not
checked then, and are not now for those clients)."""


class ContactPreferencesIn(BaseModel):
    """The reporter's contact wishes. Every channel listed in ``safe`` and the preferred one
    need their detail (an email address, a phone number, a postal address for letters)."""

    model_config = ConfigDict(extra="forbid")

    safe: list[ContactChannel] = Field(
        default_factory=list, max_length=5, description="channels that are safe to use"
    )
    unsafe: list[ContactChannel] = Field(
        default_factory=list, max_length=5, description="channels that must never be used"
    )
    preferred: ContactChannel | None = None
    safe_windows: list[SafeWindow] = Field(
        default_factory=list,
        max_length=14,
        description="days (0 Monday .. 6 Sunday) and hours, UK time, when contact is safe; "
        "none means at any time",
    )
    voicemail_safe: bool | None = None
    letter_to_home_safe: bool | None = None
    only_through_officer: bool = Field(
        default=False, description="no message to me: my officer contacts me as agreed"
    )
    careful: bool = Field(default=False, description="nothing by a channel not listed in safe")
    language: Language = "en"
    accessibility: list[AccessibilityNeed] = Field(default_factory=list, max_length=4)

    @field_validator("unsafe")
    @classmethod
    def _not_also_safe(
        cls, value: list[ContactChannel], info: ValidationInfo
    ) -> list[ContactChannel]:
        for _, problem in ContactPreferences.check(info.data.get("safe", ()), value, None):
            raise ValueError(problem)
        return list(dict.fromkeys(value))

    @field_validator("preferred")
    @classmethod
    def _not_unsafe(
        cls, value: ContactChannel | None, info: ValidationInfo
    ) -> ContactChannel | None:
        for _, problem in ContactPreferences.check((), info.data.get("unsafe", ()), value):
            raise ValueError(problem)
        return value


class ReporterIn(BaseModel):
    """How to reach the reporter, and how they want to be reached.

    ``preferences`` holds the wishes as data. The flat ``preferred_channel``, ``contact_times``
    and ``safe_contact`` of earlier clients are still taken: the channel becomes the preferred
    one, and the words become the officer's note.
    """

    model_config = ConfigDict(extra="forbid")

    name: Name
    preferences: ContactPreferencesIn | None = None
    preferred_channel: ContactChannel | None = Field(
        default=None, description="earlier clients: use preferences.preferred"
    )
    contact_times: (
        Annotated[Text, StringConstraints(strip_whitespace=True, max_length=300)] | None
    ) = Field(default=None, description="earlier clients: use preferences.safe_windows")
    safe_contact: Note | None = Field(
        default=None,
        description="earlier clients: use note (e.g. 'never leave messages; the phone is shared')",
    )
    note: Note | None = Field(
        default=None,
        description="safe-contact instructions in the reporter's words, for the officer only",
    )
    code_word: CodeWord | None = Field(
        default=None, description="a word the officer will use to prove who they are; officer only"
    )
    email: EmailStr | None = Field(default=None, validate_default=True)
    phone: Phone | None = Field(default=None, validate_default=True)
    address: PostalAddress | None = Field(
        default=None, validate_default=True, description="postal address, for letters"
    )

    @field_validator("preferred_channel")
    @classmethod
    def _one_way_to_say_it(
        cls, value: ContactChannel | None, info: ValidationInfo
    ) -> ContactChannel | None:
        if value is not None and info.data.get("preferences") is not None:
            raise ValueError("give preferences.preferred instead, not both")
        return value

    @field_validator("note")
    @classmethod
    def _one_note(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and info.data.get("safe_contact"):
            raise ValueError("give note instead of safe_contact, not both")
        return value

    @field_validator("email", "phone", "address")
    @classmethod
    def _detail_needed(cls, value: Any, info: ValidationInfo) -> Any:
        # Only wishes given as data are checked here, field by field; the flat
        # preferred_channel keeps its own answer (below) for the clients that send it.
        wishes = info.data.get("preferences")
        if value or not isinstance(wishes, ContactPreferencesIn):
            return value
        for field, message in preferences_of(wishes).missing_details(ContactDetails()):
            if field == info.field_name:
                raise ValueError(message)
        return value

    @model_validator(mode="after")
    def _reachable(self) -> ReporterIn:
        if self.preferences is None:
            channel = self.preferred_channel or ContactChannel.EMAIL
            needs = _LEGACY_NEEDS.get(channel)
            if needs is not None and not getattr(self, needs):
                raise ValueError(f"preferred channel {channel.value} needs a {needs}")
        return self

    def wishes(self) -> ContactPreferencesIn:
        """The contact wishes as data, whichever way the client gave them."""
        if self.preferences is not None:
            return self.preferences
        return ContactPreferencesIn(preferred=self.preferred_channel or ContactChannel.EMAIL)

    def officer_note(self) -> str | None:
        """The note for the officer: the reporter's words, with the flat contact times."""
        parts = [self.note or self.safe_contact or ""]
        if self.contact_times:
            parts.append(f"When to contact: {self.contact_times}")
        return "\n".join(p for p in parts if p) or None


def preferences_of(
    wishes: ContactPreferencesIn,
    *,
    has_code_word: bool = False,
    changed_at: datetime | None = None,
    changed_by: str | None = None,
) -> ContactPreferences:
    """The contract's preferences for wishes already checked at the edge."""
    return ContactPreferences(
        **wishes.model_dump(),
        has_code_word=has_code_word,
        changed_at=changed_at,
        changed_by=changed_by,
    )


def reporter_for_casework(
    reporter: ReporterIn, *, received_at: datetime, taken_by: str | None
) -> Reporter:
    """The reporter as the report's event carries them to casework: details, wishes as data,
    and the officer-only note and code word. ``taken_by``: the member of staff who keyed the
    report, or None when the reporter gave the wishes themselves."""
    return Reporter(
        name=reporter.name,
        email=str(reporter.email) if reporter.email else None,
        phone=reporter.phone,
        address=reporter.address,
        preferences=preferences_of(
            reporter.wishes(),
            has_code_word=reporter.code_word is not None,
            changed_at=received_at,
            changed_by=taken_by or "reporter",
        ),
        note=reporter.officer_note(),
        code_word=reporter.code_word,
    )
