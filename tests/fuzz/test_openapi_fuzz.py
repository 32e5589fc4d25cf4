"""Every service's OpenAPI document, fuzzed with Schemathesis against the real databases.

Each API runs in process (ASGI) with this run's database, vhost and keys, a staff token holding
every staff role, and the public rate limit lifted. A bounded number of examples per operation
(``FUZZ_EXAMPLES``, 12 by default) keeps the whole fuzz to a few minutes on two cores.

Allowed: any documented answer. Not allowed: a 5xx, an answer whose status the operation does not
document, or a body that does not match its documented schema.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from typing import Any

import pytest
import schemathesis
from asb_shared.service import ServiceDefinition, create_api
from asb_shared.testing import TestEnvironment, migrated_database
from casework.main import definition as casework
from engagement.main import definition as engagement
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from intake.main import definition as intake
from notifications.main import definition as notifications
from partner_gateway.main import definition as partner_gateway
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

ORG = uuid.UUID("00000000-0000-7000-8000-0000000000f0")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# Per service: the settings that let a fuzzer through (the rate limit raised for the run).
OVERRIDES: dict[str, dict[str, Any]] = {
    "intake": {"public_rate_per_minute": 0, "webchat_api_key": "fuzz-chat-key"},
}


def _app(env: TestEnvironment, definition: ServiceDefinition) -> FastAPI:
    asyncio.run(migrated_database(env, definition))
    return create_api(definition, env.settings(definition, **OVERRIDES.get(definition.name, {})))


def _schema(env: TestEnvironment, definition: ServiceDefinition, path: str) -> OpenApiSchema:
    app = _app(env, definition)
    schema = schemathesis.openapi.from_asgi(path, app)
    return schema


def _staff(env: TestEnvironment) -> dict[str, str]:
    token = env.token(
        "officer", "team_leader", "admin", "peo", organisation_id=ORG, subject="fuzz-staff"
    )
    return {"Authorization": f"Bearer {token}", "X-Api-Key": "fuzz-chat-key"}


def _fuzz(schema: OpenApiSchema, headers: dict[str, str]) -> list[str]:
    """Fuzz every operation, positive and negative examples; return what went wrong."""
    problems: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @FUZZ
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: schemathesis.Case) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                pass  # nothing to vary (no parameters): no negative example exists
            except (Exception, BaseExceptionGroup) as exc:  # reported with its reproduction
                problems.append(f"{operation.label} ({mode.value}): {exc}")
    return problems


API_DOCUMENTS = [
    (intake, "/openapi.json"),
    (casework, "/openapi.json"),
    (engagement, "/openapi.json"),
    (notifications, "/openapi.json"),
    (partner_gateway, "/openapi.json"),
    (partner_gateway, "/partner/v1/openapi.json"),
]


@pytest.mark.parametrize(
    ("definition", "document"),
    API_DOCUMENTS,
    ids=[f"{d.name}{p.removesuffix('/openapi.json')}" for d, p in API_DOCUMENTS],
)
def test_no_input_makes_a_server_error_or_an_undocumented_answer(
    test_env: TestEnvironment, definition: ServiceDefinition, document: str
) -> None:
    schema = _schema(test_env, definition, document)
    problems = _fuzz(schema, _staff(test_env))
    assert not problems, "\n\n".join(problems)
