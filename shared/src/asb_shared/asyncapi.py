"""The AsyncAPI document of every event, generated from the contracts.

``python -m asb_shared.asyncapi > docs/asyncapi.json`` writes it; a test keeps the committed
copy in step with the code.
"""

from __future__ import annotations

import json
from typing import Any

from . import contracts
from .messaging.envelope import Envelope, Event, all_contracts
from .settings import ServiceSettings


def platform_contracts() -> list[type[Event]]:
    """The contracts the services publish (not ones a test or a tool may have registered)."""
    producers = {module.__name__ for module in contracts.PRODUCERS}
    return [c for c in all_contracts() if c.__module__ in producers]


def document() -> dict[str, Any]:
    """AsyncAPI 3.0: one channel per event type on the topic exchange, payload in the envelope."""
    exchange = ServiceSettings().events_exchange
    envelope_schema = Envelope.model_json_schema()
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for contract in platform_contracts():
        name = f"{contract.__name__}V{contract.event_version}"
        schema = contract.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
        messages[name] = {
            "name": contract.event_type,
            "title": contract.__name__,
            "summary": " ".join((contract.__doc__ or contract.__name__).split()),
            "contentType": "application/json",
            "payload": {
                "allOf": [
                    {"$ref": "#/components/schemas/Envelope"},
                    {
                        "type": "object",
                        "properties": {
                            "type": {"const": contract.event_type},
                            "version": {"const": contract.event_version},
                            "data": {"$ref": f"#/components/schemas/{name}"},
                        },
                    },
                ]
            },
        }
        channel = contract.event_type
        channels.setdefault(
            channel,
            {
                "address": channel,
                "messages": {},
                "bindings": {
                    "amqp": {
                        "is": "routingKey",
                        "exchange": {"name": exchange, "type": "topic", "durable": True},
                    }
                },
            },
        )["messages"][name] = {"$ref": f"#/components/messages/{name}"}
        operations[f"publish{name}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel.replace('/', '~1')}"},
            "messages": [{"$ref": f"#/channels/{channel}/messages/{name}"}],
        }
    schemas["Envelope"] = envelope_schema
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "ASB platform events",
            "version": "1.0.0",
            "description": "Every domain event on the platform's topic exchange. Routing key = event type. "
            "Delivery is at least once; consumers de-duplicate by envelope id.",
        },
        "defaultContentType": "application/json",
        "channels": dict(sorted(channels.items())),
        "operations": dict(sorted(operations.items())),
        "components": {"messages": messages, "schemas": dict(sorted(schemas.items()))},
    }


def render() -> str:
    return json.dumps(document(), indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
