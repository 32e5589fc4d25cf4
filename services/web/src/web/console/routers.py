"""The console's page routers, in one list the console's application includes."""

from __future__ import annotations

from fastapi import APIRouter

from .admin.routes import ROUTERS as ADMIN_ROUTERS
from .assets import router as assets_router
from .case.routes import router as case_router
from .engagement.routes import router as engagement_router
from .hotspots.routes import router as hotspots_router
from .measures.routes import router as measures_router
from .partner.routes import router as partner_router
from .reviews.routes import router as reviews_router
from .search.routes import router as search_router

ROUTERS: list[APIRouter] = [
    case_router,
    search_router,
    hotspots_router,
    measures_router,
    reviews_router,
    engagement_router,
    partner_router,
    *ADMIN_ROUTERS,
    assets_router,
]
