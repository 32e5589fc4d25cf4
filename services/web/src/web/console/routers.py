"""The console's page routers, in one list the console's application includes."""

from __future__ import annotations

from fastapi import APIRouter

ROUTERS: list[APIRouter] = []
