"""Every event a service publishes has a consumer: the publisher treats an unroutable event as
an error, so an event nobody consumes would wait in its outbox for ever."""

from __future__ import annotations

import importlib

from asb_devtools.runner import SERVICES
from asb_shared.asyncapi import platform_contracts


def test_every_published_contract_is_consumed_by_some_service() -> None:
    consumed: dict[str, list[str]] = {}
    for service, package in SERVICES.items():
        definition = importlib.import_module(f"{package}.main").definition
        for event_type in definition.handlers.event_types:
            consumed.setdefault(event_type, []).append(service)
    unconsumed = sorted({c.event_type for c in platform_contracts()} - set(consumed))
    assert unconsumed == [], f"nobody consumes: {unconsumed}"
