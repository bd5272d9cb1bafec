"""The embedded DuckDB store: documents, events, actors, relations, places, mentions, errors."""
from __future__ import annotations

from .queries import EventFilter
from .store import Store, actor_key, text_hash

__all__ = ["EventFilter", "Store", "actor_key", "text_hash"]
