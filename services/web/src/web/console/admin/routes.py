"""The administrators' page routers, in one list the console's routers include."""

from __future__ import annotations

from fastapi import APIRouter

from .audit import router as audit_router
from .leads import router as leads_router
from .messages import router as messages_router
from .officers import router as officers_router
from .partners import router as partners_router
from .platform import router as platform_router
from .policy import router as policy_router
from .question_sets import router as question_sets_router

ROUTERS: list[APIRouter] = [
    policy_router,
    messages_router,
    partners_router,
    audit_router,
    officers_router,
    question_sets_router,
    leads_router,
    platform_router,
]
