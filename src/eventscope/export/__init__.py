"""Writers for every output format; `write(records, fmt, stream)` dispatches on the name."""
from __future__ import annotations

from .records import RECORD_FORMATS, flatten, write_records

__all__ = ["RECORD_FORMATS", "flatten", "write_records"]
