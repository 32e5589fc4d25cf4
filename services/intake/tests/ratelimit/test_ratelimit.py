"""The public endpoints are rate limited per client address."""

from __future__ import annotations

from asb_shared.testing import TestEnvironment, service_api
from intake.main import definition
from intake_samples import report


async def test_public_endpoints_are_rate_limited_per_client(test_env: TestEnvironment) -> None:
    async with service_api(
        test_env, definition, public_rate_per_minute=6, public_rate_burst=2
    ) as limited:
        codes = [(await limited.post("/v1/reports", json=report())).status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        refused = await limited.post("/v1/reports", json=report())
        assert refused.json()["error"]["code"] == "too_many_requests"
        assert 1 <= int(refused.headers["retry-after"]) <= 10
