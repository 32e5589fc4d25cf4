"""Pages of this flow."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
