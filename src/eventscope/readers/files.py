"""Read articles from files, folders and stdin; every bad input becomes a Failure, never a crash.

Formats: the seed format (first line `date YYYY-MM-DD`, then the text), JSONL,
CSV and Parquet with `id`/`date`/`text` (+ optional `title`, `url`, `source`), HTML
pages (text extracted, date from a `<meta>` or `--date`), folders (recursive)
and `-` for stdin.

Doc ids: a file named on its own has its stem ("x" for `a/x.txt`); a file found in a folder has its path
relative to that folder without the suffix ("2022/report/daily"), and with it when a sibling shares the
stem ("a/x.txt" beside "a/x.html"), so no two files of one input replace each other. A record without
an id is `<base>-<line>`.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Article, Failure, article_date, failure_from

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
HTML_SUFFIXES = {".html", ".htm"}
log = logging.getLogger(__name__)
PARQUET_SUFFIXES = {".parquet"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | PARQUET_SUFFIXES
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ].*)?$")
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
    if FULL_DATE.match(text):  # a day, maybe with a time after it; "2022-03-015" is no date
        return article_date(text[:10], where)
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


def date_precision(value: object) -> str:
    """ "month" or "year" for a partial date ("2008-08", "2008"), else "day" (what the time stage's window spans)."""
    match = PARTIAL_DATE.match(str(value or "").strip())
    if match is None:
        return "day"
    return "month" if match.group(2) else "year"


def parse_seed(text: str, *, doc_id: str, where: str, default_date: date | None = None) -> Article:
    """The seed format: `date YYYY-MM-DD` then the text (on the same line or the next ones)."""
    if not text.strip():
        raise InputError("empty document", where=where, code="empty")
    first, _, rest = text.partition("\n")
    match = DATE_LINE.match(first)
    precision = "day"
    if match:
        day, precision = parse_date(match.group(1), where), date_precision(match.group(1))
        body = (match.group(2) + "\n" + rest) if match.group(2) else rest
    elif default_date is not None:
        day, body = default_date, text
    else:
        raise InputError("first line must be `date YYYY-MM-DD` (or pass --date)", where=where, code="bad_date")
    body = body.strip("\n")
    if not body.strip():
        raise InputError("document has a date line but no text", where=where, code="empty")
    return Article(doc_id=doc_id, date=day, text=body, origin=where, date_precision=precision)  # type: ignore[arg-type]


def check_unicode(value: str, where: str, what: str = "text") -> str:
    """The string, if it can be written as UTF-8: a lone surrogate (a JSON escape such as \\ud83d, or an
    undecodable byte read with `surrogateescape`) is a named error, not a crash in the store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        shown = f"byte 0x{ord(bad) - 0xDC00:02x}" if 0xDC80 <= ord(bad) <= 0xDCFF else f"lone surrogate {bad!r}"
        raise InputError(f"{what} is not valid Unicode ({shown} at character {exc.start})", where=where,
                         code="encoding") from None
    return value


def record_article(record: dict, *, where: str, default_id: str, default_date: date | None) -> Article:
    if not isinstance(record, dict):
        raise InputError("expected an object with id, date and text", where=where, code="bad_record")
    for key, value in record.items():
        if isinstance(value, str):
            check_unicode(value, where, f"`{key}`")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing or empty `text`", where=where, code="empty")
    raw_date = record.get("date")
    day = parse_date(raw_date, where) if raw_date or default_date is None else default_date
    doc_id = str(record.get("id") or record.get("doc_id") or default_id)
    return Article(doc_id=doc_id, date=day, text=text, title=record.get("title"), url=record.get("url"),
                   source=record.get("source"), origin=where,
                   date_precision=date_precision(raw_date) if raw_date else "day")  # type: ignore[arg-type]


def _read_jsonl(stream: IO[str], name: str, stem: str, default_date: date | None) -> Iterator[Article | Failure]:
    """One record per line; the stream is read with `surrogateescape`, so a bad byte fails its line only."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            check_unicode(line, where, "line")
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", where=where,
                                 code="bad_json") from None
            yield record_article(record, where=where, default_id=f"{stem}-{n}", default_date=default_date)
        except InputError as exc:
            yield failure_from(exc)


def _read_csv(stream: IO[str], name: str, stem: str, default_date: date | None,
              max_bytes: int = 4_000_000) -> Iterator[Article | Failure]:
    """Rows as records; a field may be as long as a document may (csv's own limit is 131,072 characters)."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.DictReader(stream)
    n = 1
    try:
        if not reader.fieldnames or "text" not in reader.fieldnames:
            yield failure_from(InputError("CSV needs a header row with at least `text` (and id, date)", where=name,
                                          code="bad_csv"))
            return
        for n, row in enumerate(reader, 2):
            try:
                yield record_article(row, where=f"{name}:{n}", default_id=f"{stem}-{n}", default_date=default_date)
            except InputError as exc:
                yield failure_from(exc)
    except csv.Error as exc:  # the reader cannot go on after this: the rest of the file is one failure
        yield failure_from(InputError(f"malformed CSV after row {n}: {exc}; the rows after it were not read",
                                      where=f"{name}:{n + 1}", code="bad_csv"))


def read_parquet_articles(path: Path, default_date: date | None = None,
                          base_id: str | None = None) -> Iterator[Article | Failure]:
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
                    yield record_article(record, where=f"{path}:{n}", default_id=f"{base_id or path.stem}-{n}",
                                         default_date=default_date)
                except InputError as exc:
                    yield failure_from(exc)
    except (OSError, pa.ArrowException) as exc:
        yield failure_from(InputError(f"cannot read Parquet: {exc}", where=str(path), code="unreadable"), base_id or path.stem)


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


def _read_file(path: Path, default_date: date | None, max_bytes: int,
               doc_id: str | None = None) -> Iterator[Article | Failure]:
    """One file's documents; `doc_id` (default: the stem) is its document's id, or its records' id base."""
    where, suffix, doc_id = str(path), path.suffix.lower(), doc_id or path.stem
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
            yield from read_parquet_articles(path, default_date, doc_id)
            return
        if suffix in JSONL_SUFFIXES:
            with path.open(encoding="utf-8", errors="surrogateescape", newline="") as stream:
                yield from _read_jsonl(stream, where, doc_id, default_date)
            return
        if suffix in CSV_SUFFIXES:
            with path.open(encoding="utf-8", errors="surrogateescape", newline="") as stream:
                yield from _read_csv(stream, where, doc_id, default_date, max_bytes)
            return
        text = _decode(path.read_bytes(), where)
        if suffix in HTML_SUFFIXES:
            yield parse_html(text, doc_id=doc_id, where=where, default_date=default_date)
        else:
            yield parse_seed(text, doc_id=doc_id, where=where, default_date=default_date)
    except InputError as exc:
        yield failure_from(exc, doc_id)
    except UnicodeDecodeError as exc:
        yield failure_from(InputError(f"not UTF-8 text ({exc.reason})", where=where, code="encoding"), doc_id)
    except OSError as exc:
        yield failure_from(InputError(f"cannot read: {exc.strerror or exc}", where=where, code="unreadable"), doc_id)


def _read_stdin(stream: IO[str], default_date: date | None) -> Iterator[Article | Failure]:
    """Standard input as bytes (a bad byte is a named error, or fails only its JSONL line), or as text."""
    raw = getattr(stream, "buffer", None)
    data = raw.read().decode("utf-8", "surrogateescape") if raw is not None else stream.read()
    head = data.lstrip()[:1]
    if head == "{":
        yield from _read_jsonl(io.StringIO(data, newline=""), "<stdin>", "stdin", default_date)
        return
    try:
        yield parse_seed(check_unicode(data, "<stdin>"), doc_id="stdin", where="<stdin>", default_date=default_date)
    except InputError as exc:
        yield failure_from(exc, "stdin")


def _entries(folder: str | Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as scan:
            return sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return []


def iter_files(path: Path) -> Iterator[Path]:
    """Files below a folder in sorted path order, skipping hidden ones and links to folders (no cycles).
    Iterative (a stack of folder listings): any depth of nesting, no RecursionError."""
    stack = [iter(_entries(path))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.is_dir(follow_symlinks=False):
            stack.append(iter(_entries(entry.path)))
        elif entry.is_file():
            yield Path(entry.path)


def folder_doc_ids(root: Path, files: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Each file of a folder with its doc id: its path relative to the folder without the suffix, or with
    it when another file of the same folder has the same stem ("a/x.txt" beside "a/x.html")."""
    batch: list[Path] = []

    def named(group: list[Path]) -> Iterator[tuple[Path, str]]:
        stems: dict[tuple[Path, str], int] = {}
        for f in group:
            stems[(f.parent, f.stem)] = stems.get((f.parent, f.stem), 0) + 1
        for f in group:
            rel = f.relative_to(root)
            keep = stems[(f.parent, f.stem)] > 1
            yield f, (rel if keep else rel.with_suffix("")).as_posix()

    for f in files:  # sorted by path: a folder's files arrive together, so one folder at a time is enough
        if batch and f.parent != batch[-1].parent:
            yield from named(batch)
            batch = []
        batch.append(f)
    yield from named(batch)


def input_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, str | None]]:
    """(path, doc id) of every input: a file named on its own keeps its stem (id None), a folder's files
    get ids from their relative paths; `-` and missing paths pass through for the reader to report."""
    for raw in paths:
        path = Path(raw)
        if str(raw) != "-" and path.is_dir():
            yield from ((str(f), doc_id) for f, doc_id in folder_doc_ids(path, iter_files(path)))
        else:
            yield str(raw), None


def read_inputs(paths: Iterable[str | Path], *, default_date: date | None = None, max_bytes: int = 4_000_000,
                stdin: IO[str] | None = None) -> Iterator[Article | Failure]:
    """Stream Articles (or Failures) from files, folders (recursive) and `-` (stdin), lazily."""
    for raw, doc_id in input_files(paths):
        if raw == "-":
            yield from _read_stdin(stdin or sys.stdin, default_date)
        else:
            yield from read_path(raw, doc_id, default_date=default_date, max_bytes=max_bytes)


def read_path(raw: str, doc_id: str | None, *, default_date: date | None = None,
              max_bytes: int = 4_000_000) -> Iterator[Article | Failure]:
    """One file of `input_files` with its doc id (None: the stem); a missing one is a `missing` failure."""
    if Path(raw).exists():
        yield from _read_file(Path(raw), default_date, max_bytes, doc_id)
    else:
        yield failure_from(InputError("no such file or folder", where=raw, code="missing"))
