"""The landlord's policy settings as a form, and their changes as the history shows them, with no
I/O. The form offers each single-valued setting of the sections below; every other setting (the
lists: categories, interventions, "often not ASB", retention...) is sent back as casework gave it.
Whether a value is valid, and whether the settings agree with each other, is casework's answer
(its 422 names the setting, shown on the form's field)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..fields import Form, lines, text

SECTIONS = {
    "standards": "Service standards, in working days",
    "contact_frequency": "How often the complainant is contacted, in working days",
    "priority_first_contact": "First contact on the priority routes, in working days",
    "survey_after_closure_working_days": "Satisfaction survey",
    "financial_year_start_month": "Financial year",
    "community_trigger": "ASB case review (Community Trigger)",
    "homes": "Homes managed",
    "resolve_target_days": "Target days to resolve a case",
    "calendar": "Office calendar",
    "link_window_days": "Joining reports to open cases",
    "public_contact": "How residents reach the ASB team",
    "enquiries": "Councillors' and MPs' enquiries, in working days",
    "call_backs": "Call-backs after closure",
    "public_summary": "Public performance summary",
    "engagement": "Positive Engagement Service",
    "extra_protected_characteristics": "Hate incidents",
}
"""The sections the form offers, in its order, with their headings."""

LABELS = {
    "survey_after_closure_working_days": "Working days after closure the survey is sent",
    "financial_year_start_month": "Month the financial year starts (1 to 12)",
    "homes": "Homes managed (for the per-1,000-homes measures)",
    "resolve_target_days": "Target average days to resolve a case",
    "link_window_days": "Days a new report may join an open case about the same place or person",
    "calendar.region": "Bank holidays of (england_and_wales, scotland, northern_ireland)",
    "calendar.opens": "Office opens (24-hour clock)",
    "calendar.closes": "Office closes (24-hour clock)",
    "engagement.spend_approval_threshold": "Spend needing a team leader's approval, in pounds",
    "call_backs.sample_percent": "Closed cases sampled for a call-back, per cent",
    "public_summary.minimum_count": "Counts smaller than this are not published",
    "calendar.closure_days": "Days the office is shut besides weekends and bank holidays (YYYY-MM-DD), one a line",
    "extra_protected_characteristics": "Characteristics a hate incident can target beyond the five monitored, one a line",
}


@dataclass(frozen=True)
class Setting:
    name: str
    """Casework's dotted name (``standards.first_contact``)."""
    field: str
    """The form's field (``standards-first_contact``)."""
    label: str
    value: Any
    yes_no: bool
    lines: bool = False
    """A list of single values, one a line."""


def field_of(name: str) -> str:
    """The form's field for casework's dotted name (with or without ``settings.``)."""
    return name.removeprefix("settings.").replace(".", "-")


def api_fields(settings: Mapping[str, Any]) -> dict[str, str]:
    """Casework's field names (``settings.standards.first_contact``, a list's entries as
    ``settings.calendar.closure_days.2``) and the form's field for each."""
    found = {}
    for _, shown in sections(settings):
        for setting in shown:
            found[f"settings.{setting.name}"] = setting.field
            if setting.lines:
                found |= {f"settings.{setting.name}.{i}": setting.field for i in range(100)}
    return found


def label_of(name: str) -> str:
    """A setting's words: ``community_trigger.reports`` as "Community trigger: reports"."""
    if name in LABELS:
        return LABELS[name]
    *section, last = name.split(".")
    words = last.replace("_", " ").capitalize()
    if not section:
        return words
    return f"{section[0].replace('_', ' ').capitalize()}: {words[0].lower()}{words[1:]}"


def _leaves(value: Any, prefix: str) -> list[tuple[str, Any]]:
    if isinstance(value, Mapping):
        found: list[tuple[str, Any]] = []
        for key, inner in value.items():
            found += _leaves(inner, f"{prefix}.{key}" if prefix else str(key))
        return found
    return [(prefix, value)]


def sections(settings: Mapping[str, Any]) -> list[tuple[str, list[Setting]]]:
    """The form's sections: each heading with its single-valued settings, at their values."""
    found = []
    for key, heading in SECTIONS.items():
        if key not in settings:
            continue
        shown = [
            Setting(
                name,
                field_of(name),
                label_of(name),
                value,
                isinstance(value, bool),
                isinstance(value, list),
            )
            for name, value in _leaves(settings[key], key)
            if not isinstance(value, list) or all(not isinstance(v, dict) for v in value)
        ]
        if shown:
            found.append((heading, shown))
    return found


def settings_from(current: Mapping[str, Any], form: Form) -> dict[str, Any]:
    """The whole of the settings to send: ``current`` with the form's values put in (an empty
    field is "not set"; Yes/No is a boolean; the rest is sent as typed, for casework to read)."""
    changed: dict[str, Any] = copy.deepcopy(dict(current))
    for _, settings in sections(current):
        for setting in settings:
            value: Any = text(form, setting.field)
            if setting.lines:
                value = lines(form, setting.field)
            elif setting.yes_no:
                value = value == "yes"
            elif value == "":
                value = None
            *path, last = setting.name.split(".")
            target = changed
            for part in path:
                target = target[part]
            target[last] = value
    return changed


def shown(value: Any) -> str:
    """A value of the history, in words."""
    if value is None or value == []:
        return "not set"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(str(v) for v in value)
        return f"{len(value)} entries"
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')} {shown(v)}" for k, v in value.items())
    return str(value)
