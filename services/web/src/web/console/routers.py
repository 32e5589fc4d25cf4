"""The console's page routers, in one list the console's application includes."""

from __future__ import annotations

from fastapi import APIRouter

from .case.routes import router as case_router

ROUTERS: list[APIRouter] = [case_router]
