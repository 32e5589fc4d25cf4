"""What a partner's webhook endpoint is sent, described for the partner API's document
(OpenAPI 3.1 ``webhooks``): one POST per event type, signed per the Standard Webhooks
specification, as the dispatcher (:mod:`.delivery`) sends it."""

from __future__ import annotations

from typing import Any

from .rules import EventType

_WEBHOOK_DATA = {
    EventType.CASE_SHARED: "The case as shared with you: the fields your agreement allows.",
    EventType.CASE_UPDATED: "A shared case moved on (status, officer), redacted to your agreement.",
    EventType.CASE_CLOSED: "A shared case was closed, with its outcome if your agreement allows it.",
    EventType.CASE_UNSHARED: "A case is no longer shared with you (the agreement ended or was "
    "withdrawn): delete what you hold of it as your agreement says.",
    EventType.SAFEGUARDING_REFERRAL_RECEIVED: "A MASH or MARAC referral for your agency.",
    EventType.CONFERENCE_INVITED: "An invitation to a case conference.",
    EventType.CONFERENCE_ACTION_ASSIGNED: "An action from a case conference, assigned to you.",
}


def described() -> dict[str, Any]:
    """Each event a partner's endpoint may be sent (OpenAPI 3.1 ``webhooks``), as the
    gateway's dispatcher sends it: a POST signed per the Standard Webhooks specification."""
    signed = [
        {
            "name": name,
            "in": "header",
            "required": True,
            "description": description,
            "schema": {"type": "string"},
        }
        for name, description in (
            ("webhook-id", "The message's id (msg_...): the same on every retry of it."),
            ("webhook-timestamp", "When it was sent, in seconds since the epoch."),
            (
                "webhook-signature",
                "v1,<base64 HMAC-SHA256 of id.timestamp.body> with your endpoint's secret (two "
                "signatures, space separated, while a rotation's overlap lasts).",
            ),
        )
    ]
    found: dict[str, Any] = {}
    for event, data in _WEBHOOK_DATA.items():
        found[event.value] = {
            "post": {
                "summary": f"{event.value}: {data}",
                "operationId": f"webhook_{event.name.lower()}",
                "tags": ["partner API: webhooks"],
                "security": [],
                "parameters": signed,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["type", "timestamp", "data"],
                                "properties": {
                                    "type": {"const": event.value},
                                    "timestamp": {"type": "string", "format": "date-time"},
                                    "data": {"type": "object", "description": data},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "Received: any 2xx answer counts as delivered."},
                    "400": {
                        "description": "Any other answer (or none within the timeout) fails the "
                        "attempt: it is retried at growing delays, then the endpoint is paused."
                    },
                },
            }
        }
    return found
