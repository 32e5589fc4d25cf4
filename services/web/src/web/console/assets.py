"""The console's own scripts and styles, and Leaflet's built files (npm ``leaflet``), served by
the service itself under ``/static/console/`` (never a CDN): a route, so that whichever
application includes the console's routers serves them."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)

OWN = Path(__file__).resolve().parent / "assets"
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
CACHED = {"Cache-Control": "public, max-age=3600"}


def _file(folder: Path, name: str) -> FileResponse:
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file() or path.suffix not in TYPES:
        raise HTTPException(404)
    return FileResponse(path, media_type=TYPES[path.suffix], headers=CACHED)


@router.get("/static/console/leaflet/{name:path}")
async def leaflet(request: Request, name: str) -> FileResponse:
    folder: Path = request.app.state.settings.leaflet_dir
    return _file(folder, name)


@router.get("/static/console/{name}")
async def own(name: str) -> FileResponse:
    return _file(OWN, name)
