"""Every error answers in the one shape, and never with a stack trace."""

from __future__ import annotations

import logging

import httpx
from asb_shared.errors import install_error_handlers
from asb_shared.observability import RequestContextMiddleware, _ContextFilter
from asb_shared.usecase import Conflict, Invalid, NotFound
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy.exc import TimeoutError as PoolTimeout


class Body(BaseModel):
    n: int


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/echo")
    async def echo(body: Body) -> Body:
        return body

    @app.get("/busy")
    async def busy() -> None:
        raise PoolTimeout("QueuePool limit of size 8 overflow 0 reached, connection timed out")

    @app.get("/refused/{kind}")
    async def refused(kind: str) -> None:
        # What a use case raises: no HTTP in it, mapped at the edge.
        if kind == "missing":
            raise NotFound("No such case.")
        if kind == "closed":
            raise Conflict("The case is closed.", extra={"allowed": ["reopen"]})
        raise Invalid.at("closed_at", "must not be before the case was opened")

    @app.get("/broken")
    async def broken() -> None:
        raise RuntimeError("secret internals")

    return app


async def _call(method: str, path: str, **kwargs: object) -> httpx.Response:
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.request(method, path, **kwargs)  # type: ignore[arg-type]


async def test_an_exhausted_database_pool_is_503_with_retry_after() -> None:
    response = await _call("GET", "/busy")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.json()["error"]["code"] == "busy"


async def test_an_unexpected_error_is_500_without_internals() -> None:
    response = await _call("GET", "/broken")
    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "code": "internal_error",
            "message": "Something went wrong on our side.",
            "details": [],
        }
    }
    assert "secret" not in response.text


async def test_validation_and_unknown_routes_use_the_same_shape() -> None:
    invalid = await _call("POST", "/echo", json={"n": "many"})
    assert invalid.status_code == 422
    assert invalid.json()["error"]["details"][0]["field"] == "n"
    malformed = await _call(
        "POST", "/echo", content=b"{", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 400
    assert malformed.json()["error"]["code"] == "malformed_json"
    missing = await _call("GET", "/nowhere")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


async def test_a_use_case_refusal_is_mapped_to_the_common_shape() -> None:
    missing = await _call("GET", "/refused/missing")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "not_found",
        "message": "No such case.",
        "details": [],
    }
    closed = await _call("GET", "/refused/closed")
    assert closed.status_code == 409
    assert closed.json()["error"]["allowed"] == ["reopen"]
    invalid = await _call("GET", "/refused/invalid")
    assert invalid.status_code == 422
    assert invalid.json()["error"]["details"] == [
        {
            "field": "closed_at",
            "message": "must not be before the case was opened",
            "type": "value_error",
        }
    ]


async def test_a_500_carries_the_correlation_id_in_its_answer_and_its_log_line() -> None:
    app = _app()
    app.add_middleware(RequestContextMiddleware, service="test")
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    correlation = "0b7e9d2c-6a51-4c1e-9a43-1f6a2d1c9e01"
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    handler.addFilter(_ContextFilter("test"))  # as configure_logging does, at emit time
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/broken", headers={"X-Correlation-ID": correlation})
    finally:
        root.removeHandler(handler)
    assert response.status_code == 500
    assert response.headers["x-correlation-id"] == correlation
    assert response.json()["error"]["code"] == "internal_error"
    logged = [r for r in records if r.getMessage() == "unhandled error"]
    assert len(logged) == 1
    assert logged[0].correlation_id == correlation  # type: ignore[attr-defined]
