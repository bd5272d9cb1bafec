"""Request bodies (pydantic lives only at this boundary)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class ExtractIn(BaseModel):
    """A text and its publication date (the anchor for relative times)."""

    text: str = Field(min_length=1, description="article text")
    date: date
    doc_id: str = Field("extract", min_length=1, max_length=200)
    title: str | None = None


class DocumentIn(ExtractIn):
    """A document to analyse and store; re-posting the same doc_id replaces it."""

    doc_id: str | None = Field(None, min_length=1, max_length=200,
                               description="default: doc- and the first 16 hex digits of the text's SHA-256")
    url: str | None = None
    source: str | None = None
