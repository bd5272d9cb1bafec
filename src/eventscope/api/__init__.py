"""The HTTP API and web page: `create_app(db_path, token=..., max_body_bytes=...)` builds the FastAPI app."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
