"""Readers: files, folders, stdin, JSONL/CSV/Parquet and HTML -> `Article` or `Failure`.

They sit just above the records: no reader imports a stage, the pipeline or the store.
"""
from __future__ import annotations

from .files import input_files, iter_files, parse_seed, read_inputs, read_path

__all__ = ["input_files", "iter_files", "parse_seed", "read_inputs", "read_path"]
