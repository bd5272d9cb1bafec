"""Read articles from files, folders and stdin; every bad input becomes a Failure, never a crash.

Formats: the seed format (first line `date YYYY-MM-DD`, then the text), JSONL,
CSV and Parquet with `id`/`date`/`text` (+ optional `title`, `url`, `source`), HTML
pages (text extracted, date from a `<meta>` or `--date`), folders (recursive)
and `-` for stdin. A file's doc id is its stem.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Article, Failure, failure_from

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
HTML_SUFFIXES = {".html", ".htm"}
log = logging.getLogger(__name__)
PARQUET_SUFFIXES = {".parquet"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | PARQUET_SUFFIXES
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})-?)?$")
DATE_LINE = re.compile(r"^\ufeff?\s*date\s+(\S+)[ \t]*(.*)$", re.IGNORECASE)
HTML_DATE = re.compile(
    r"""<meta[^>]+(?:property|name)=["'](?:article:published_time|date|pubdate|og:published_time)["'][^>]*"""
    r"""content=["'](\d{4}-\d{2}-\d{2})""", re.IGNORECASE)
# Bytes a text file must be free of; a NUL is the usual sign of a binary file.
BINARY_MARKERS = (b"\x00",)


def parse_date(value: object, where: str) -> date:
    """An ISO date; a trailing time is ignored, and a partial one ("2022-03", "2022-03-") means
    the first day of that month or year, with a warning, so old corpora stay readable."""
    text = str(value or "").strip()
    if not text:
        raise InputError("missing date (expected YYYY-MM-DD)", where=where, code="bad_date")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = PARTIAL_DATE.match(text)
    if match:
        try:
            day = date(int(match.group(1)), int(match.group(2) or 1), 1)
        except ValueError:
            day = None
        if day is not None:
            log.warning("%s: partial date %r read as %s", where, text, day.isoformat())
            return day
    raise InputError(f"malformed date {text!r} (expected YYYY-MM-DD)", where=where, code="bad_date")


def _decode(data: bytes, where: str) -> str:
    if any(marker in data[:8192] for marker in BINARY_MARKERS):
        raise InputError("binary file (contains NUL bytes), not text", where=where, code="binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
                         where=where, code="encoding") from None


def parse_seed(text: str, *, doc_id: str, where: str, default_date: date | None = None) -> Article:
    """The seed format: `date YYYY-MM-DD` then the text (on the same line or the next ones)."""
    if not text.strip():
        raise InputError("empty document", where=where, code="empty")
    first, _, rest = text.partition("\n")
    match = DATE_LINE.match(first)
    if match:
        day = parse_date(match.group(1), where)
        body = (match.group(2) + "\n" + rest) if match.group(2) else rest
    elif default_date is not None:
        day, body = default_date, text
    else:
        raise InputError("first line must be `date YYYY-MM-DD` (or pass --date)", where=where, code="bad_date")
    body = body.strip("\n")
    if not body.strip():
        raise InputError("document has a date line but no text", where=where, code="empty")
    return Article(doc_id=doc_id, date=day, text=body, origin=where)


def record_article(record: dict, *, where: str, default_id: str, default_date: date | None) -> Article:
    if not isinstance(record, dict):
        raise InputError("expected an object with id, date and text", where=where, code="bad_record")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing or empty `text`", where=where, code="empty")
    raw_date = record.get("date")
    day = parse_date(raw_date, where) if raw_date or default_date is None else default_date
    doc_id = str(record.get("id") or record.get("doc_id") or default_id)
    return Article(doc_id=doc_id, date=day, text=text, title=record.get("title"), url=record.get("url"),
                   source=record.get("source"), origin=where)


def _read_jsonl(stream: IO[str], name: str, stem: str, default_date: date | None) -> Iterator[Article | Failure]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", where=where,
                                 code="bad_json") from None
            yield record_article(record, where=where, default_id=f"{stem}-{n}", default_date=default_date)
        except InputError as exc:
            yield failure_from(exc)


def _read_csv(stream: IO[str], name: str, stem: str, default_date: date | None) -> Iterator[Article | Failure]:
    reader = csv.DictReader(stream)
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield failure_from(InputError("CSV needs a header row with at least `text` (and id, date)", where=name,
                                      code="bad_csv"))
        return
    for n, row in enumerate(reader, 2):
        try:
            yield record_article(row, where=f"{name}:{n}", default_id=f"{stem}-{n}", default_date=default_date)
        except InputError as exc:
            yield failure_from(exc)


def read_parquet_articles(path: Path, default_date: date | None = None) -> Iterator[Article | Failure]:
    """A Parquet file's rows as articles, with the columns of JSONL (id, date, text, title, url, source);
    row n (from 1) is `path:n`, its default id `stem-n`. Read batch by batch, never whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        n = 0
        for batch in pq.ParquetFile(path).iter_batches():
            for record in batch.to_pylist():
                n += 1
                try:
                    yield record_article(record, where=f"{path}:{n}", default_id=f"{path.stem}-{n}",
                                         default_date=default_date)
                except InputError as exc:
                    yield failure_from(exc)
    except (OSError, pa.ArrowException) as exc:
        yield failure_from(InputError(f"cannot read Parquet: {exc}", where=str(path), code="unreadable"), path.stem)


class _TextOfHTML(HTMLParser):
    """Visible text of a page: skips script/style, breaks paragraphs on block tags."""

    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr"}
    SKIP = {"script", "style", "noscript", "head", "nav", "footer"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.title: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = re.sub(r"[ \t\r\f\v]+", " ", "".join(self.parts))
        return re.sub(r"\n\s*\n(\s*\n)*", "\n\n", joined).strip()


def parse_html(html: str, *, doc_id: str, where: str, default_date: date | None) -> Article:
    """A web page: its visible text, its title, and its date from a meta tag (or the default)."""
    match = HTML_DATE.search(html)
    if match:
        day = parse_date(match.group(1), where)
    elif default_date is not None:
        day = default_date
    else:
        raise InputError("HTML page has no date meta tag (pass --date)", where=where, code="bad_date")
    parser = _TextOfHTML()
    parser.feed(html)
    text = parser.text()
    if not text:
        raise InputError("HTML page has no visible text", where=where, code="empty")
    return Article(doc_id=doc_id, date=day, text=text, title=parser.title, origin=where)


def _read_file(path: Path, default_date: date | None, max_bytes: int) -> Iterator[Article | Failure]:
    where, suffix = str(path), path.suffix.lower()
    try:
        if suffix not in KNOWN_SUFFIXES:
            raise InputError(f"unknown file type {suffix!r} (expected .txt, .jsonl, .csv, .parquet or .html)", where=where,
                             code="unknown_type")
        size = path.stat().st_size
        if size == 0:
            raise InputError("empty file", where=where, code="empty")
        if suffix in TEXT_SUFFIXES | HTML_SUFFIXES and size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,}", where=where, code="too_large")
        if suffix in PARQUET_SUFFIXES:
            yield from read_parquet_articles(path, default_date)
            return
        if suffix in JSONL_SUFFIXES | CSV_SUFFIXES:
            with path.open(encoding="utf-8", errors="strict", newline="") as stream:
                reader = _read_jsonl if suffix in JSONL_SUFFIXES else _read_csv
                yield from reader(stream, where, path.stem, default_date)
            return
        text = _decode(path.read_bytes(), where)
        if suffix in HTML_SUFFIXES:
            yield parse_html(text, doc_id=path.stem, where=where, default_date=default_date)
        else:
            yield parse_seed(text, doc_id=path.stem, where=where, default_date=default_date)
    except InputError as exc:
        yield failure_from(exc, path.stem)
    except UnicodeDecodeError as exc:
        yield failure_from(InputError(f"not UTF-8 text ({exc.reason})", where=where, code="encoding"), path.stem)
    except OSError as exc:
        yield failure_from(InputError(f"cannot read: {exc.strerror or exc}", where=where, code="unreadable"), path.stem)


def _read_stdin(stream: IO[str], default_date: date | None) -> Iterator[Article | Failure]:
    data = stream.read()
    head = data.lstrip()[:1]
    if head == "{":
        yield from _read_jsonl(io.StringIO(data), "<stdin>", "stdin", default_date)
        return
    try:
        yield parse_seed(data, doc_id="stdin", where="<stdin>", default_date=default_date)
    except InputError as exc:
        yield failure_from(exc, "stdin")


def iter_files(path: Path) -> Iterator[Path]:
    """Files below a folder, sorted, skipping hidden ones."""
    for child in sorted(path.rglob("*")):
        if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
            yield child


def read_inputs(paths: Iterable[str | Path], *, default_date: date | None = None, max_bytes: int = 4_000_000,
                stdin: IO[str] | None = None) -> Iterator[Article | Failure]:
    """Stream Articles (or Failures) from files, folders (recursive) and `-` (stdin), lazily."""
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(stdin or sys.stdin, default_date)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in iter_files(path):
                yield from _read_file(child, default_date, max_bytes)
        elif path.exists():
            yield from _read_file(path, default_date, max_bytes)
        else:
            yield failure_from(InputError("no such file or folder", where=str(path), code="missing"))
