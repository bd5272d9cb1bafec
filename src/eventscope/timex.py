"""Find English time expressions and normalize them to date intervals against an anchor date.

Usable on its own (`normalize_time`) and by the time stage. Patterns built from
`data/time/lexicon.toml` find candidate spans; calendar dates written with a
month name or digits are read by dateparser (one reused parser); the relative
and vague expressions dateparser turns into single instants ("late February",
"the past month", "two weeks earlier") are resolved here to the interval the
text allows. `tense` ("past", "present", "future") decides between occurrences:
a year-less date after the anchor with a past verb is last year's.
"""
from __future__ import annotations

import bisect
import calendar
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .records import TimeSpan

WINDOW_BEFORE, WINDOW_AFTER = 60, 40  # characters around a cue word that a match may span
PARSE_BASE = datetime(2000, 1, 1)  # a leap year, so "February 29" reads; the year is set by our rules
_UNIT_PRECISION = {"hour": "day", "minute": "day", "moment": "day", "day": "day", "week": "week",
                   "month": "month", "year": "year", "decade": "year", "weekend": "week"}


@dataclass(frozen=True)
class TimeLexicon:
    """The words of `data/time/lexicon.toml` (see its README)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    numbers: dict[str, tuple[int, int]]
    days: dict[str, tuple[int, int]]
    parts: dict[str, str]
    month_days: dict[str, tuple[int, int]]
    year_months: dict[str, tuple[int, int]]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    possibility_auxiliaries: frozenset[str] = frozenset()  # [tense]: a stated possibility ("could")
    bounding_prepositions: frozenset[str] = frozenset()  # [inheritance]: read by the time stage
    future_in_past: frozenset[str] = frozenset()
    offset_marks: dict[str, int] | None = None
    offset_units: dict[str, int] | None = None


def load_time_lexicon(path: str | Path | None = None) -> TimeLexicon:
    """Read the shipped lexicon, or the TOML file at `path` (same format)."""
    if path is None:
        text = resources.files("eventscope").joinpath("data/time/lexicon.toml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    d = tomllib.loads(text)
    pairs = lambda table: {k.lower(): (int(v[0]), int(v[1])) for k, v in table.items()}  # noqa: E731
    return TimeLexicon(
        months=dict(d["months"]), weekdays=dict(d["weekdays"]), seasons=pairs(d["seasons"]),
        numbers=pairs(d["numbers"]), days=pairs(d["days"]),
        parts={k: v for k, v in d["parts"].items() if isinstance(v, str)},
        month_days=pairs(d["parts"]["month_days"]), year_months=pairs(d["parts"]["year_months"]),
        future_auxiliaries=frozenset(d["tense"]["future_auxiliaries"]),
        future_governors=frozenset(d["tense"]["future_governors"]),
        possibility_auxiliaries=frozenset(d["tense"].get("possibility_auxiliaries", ())),
        bounding_prepositions=frozenset(d.get("inheritance", {}).get("bounding_prepositions", ())),
        future_in_past=frozenset(d.get("inheritance", {}).get("future_in_past", ())),
        offset_marks=dict(d.get("inheritance", {}).get("offset_marks", {})),
        offset_units=dict(d.get("inheritance", {}).get("offset_units", {})),
    )


@dataclass(frozen=True)
class Mention:
    """A time expression found in text but not yet resolved: its kind and named parts."""

    text: str
    start: int
    end: int
    kind: str
    parts: tuple[tuple[str, str], ...]

    def get(self, key: str) -> str | None:
        return dict(self.parts).get(key)

    @property
    def anaphoric(self) -> bool:
        """True when it counts from an earlier time in the text ("two weeks earlier"), not the anchor."""
        return self.kind in ("shift", "that") or self.get("thatyear") is not None  # "in April that year"


def _alt(words: Any, case: bool = False) -> str:
    """A regex group matching any of the words, longest first; `case` keeps capitals significant."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True) if w)
    return f"(?-i:{body})" if case else f"(?:{body})"


def _at_word_start(words: Any, case: bool = False) -> str:
    """`\\b` followed by `_alt(words, case)`, written so the regex engine skips to where a word can start.

    A pattern that opens with `\\b` is tried at every position of the text (~0.1 ms for an article, per
    cue); one that opens with the words' first letters is only tried where they stand. Case-kept words
    test the boundary after their first letter ("J(?<!\\w.)anuary": nothing word-like before the J); other
    words name their first letters in a lookahead (case-folded like the words themselves)."""
    words = sorted((w for w in words if w), key=len, reverse=True)
    if not all(re.match(r"\w", w) for w in words):  # a word opening with a sign: the plain form
        return r"\b" + _alt(words, case)
    if case:
        body = "|".join(re.escape(w[0]) + r"(?<!\w.)" + re.escape(w[1:]).replace(r"\ ", r"\s+") for w in words)
        return f"(?-i:{body})"
    return r"\b(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])" + _alt(words)


def _patterns(lex: TimeLexicon) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    """(kind, compiled pattern, what every match of it contains) in priority order: on equal length the
    earlier kind wins. The third, a piece of the pattern no match does without ("ago"), is looked for
    first: a stretch of text without it cannot hold a match, and it is much cheaper to look for."""
    prep = r"(?:(?P<prep>on|in|at|during|throughout|over|since|after|before|until|till|through|by|from|within)\s+)?"
    month = _alt(lex.months, case=True) + r"\.?"
    part = (r"(?:(?:the\s+)?(?P<part>" + "|".join(lex.parts) +
            r")(?:\s*-\s*|\s+of\s+(?:the\s+)?|\s+))?")
    num = r"(?:(?P<num>" + _alt(lex.numbers) + r"|\d+)\s+)?"
    year = r"(?P<year>(?:19|20)\d\d)(?!\d)"
    unit = r"(?P<unit>hour|minute|moment|day|week|month|year|decade)(?P<plural>s)?"
    ago = r"\s+ago\b"
    shift = r"\s+(?P<dir>earlier|later|before|after)\b(?!\s+(?:the|a|an|his|her|its|their|this|that|[A-Z\d]))"
    that = r"(?:that|the\s+same)\s+(?P<unit>day|night|morning|afternoon|evening|week|month|year)\b"
    of_noun = r"\s+of\s+[a-z]"
    specs: list[tuple[str, str] | tuple[str, str, str]] = [
        ("date", prep + r"(?:" + _alt(lex.weekdays, case=True) + r",?\s+)?(?:(?:the\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
         r"(?:\s+of)?\s+(?P<m1>" + month + r")|(?P<m2>" + month + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)\b"
         r"(?:,?\s+" + year + r")?"),
        ("numdate", prep + r"(?P<cal>(?:19|20)\d\d-\d\d-\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d)\b"),
        ("days", prep + r"(?:(?:early|late)\s+)?(?P<word>" + _alt(lex.days) + r")\b"
         r"(?:\s+(?:morning|afternoon|evening|night))?"),
        ("weekday", prep + r"(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<wd>" + _alt(lex.weekdays, case=True)
         + r")\b(?:\s+(?:morning|afternoon|evening|night))?"),
        ("month", prep + part + r"(?:(?P<rel>last|this|next|past)\s+)?(?P<month>" + month + r")"
         r"(?:,?\s+(?:of\s+)?" + year + r"|(?P<thatyear>,?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b))?(?!\s*\d)"),
        ("season", prep + part + r"(?:(?P<rel>last|this|next|past|the)\s+)?(?P<season>" + _alt(lex.seasons)
         + r")\b(?:\s+(?:of\s+)?" + year + r")?(?!\s+of\s+[a-z])"),
        ("year", prep + part + r"(?:(?P<the>the\s+year)\s+)?" + year + r"(?!\s*(?:%|per\b|-\d|\d))"),
        ("year", prep + r"(?:the\s+)?(?P<decade>(?:19|20)\d0)'?s\b"),
        ("unit", prep + r"(?:(?P<edge>earlier|later)\s+(?:in\s+)?)?" + part +
         r"(?P<rel>last|this|next|the\s+coming|the\s+current|the)\s+(?P<unit>week|month|year|weekend)\b"),
        ("rolling", prep + r"(?P<the>the\s+)?(?:(?P<rel>past|last|previous|recent|coming|next|following)\s+)?"
         + num + unit + r"\b"),
        ("ago", num + unit + ago, ago),
        ("shift", num + unit + shift, shift),
        ("that", r"(?:(?P<edge>earlier|later)\s+)?" + that, that),
        ("duration", num + r"(?P<unit>day|week|month|year)(?P<plural>s)(?=" + of_noun + ")", of_noun),
    ]
    # every expression opens with a word (a preposition, count, name or digit): testing for one after the
    # boundary spares the engine the whole pattern at each boundary that ends a word (a third of the cost)
    return [(kind, re.compile(r"\b(?=\w)" + rx, re.IGNORECASE), re.compile(needs[0], re.IGNORECASE) if needs else None)
            for kind, rx, *needs in specs]


# The cue word each kind of expression cannot do without; a pattern runs only near its own cues.
UNIT_WORDS = ("hour", "minute", "moment", "day", "week", "month", "year", "decade", "weekend", "night", "morning",
              "afternoon", "evening")
KIND_CUE = {"date": "month", "numdate": "year", "days": "days", "weekday": "weekday", "month": "month",
            "season": "season", "year": "year", "unit": "unit", "rolling": "unit", "ago": "unit", "shift": "unit",
            "that": "unit", "duration": "unit"}


def _cue_patterns(lex: TimeLexicon) -> dict[str, re.Pattern[str]]:
    """A quick regex per cue kind (see KIND_CUE): the words without which no pattern of that kind matches."""
    days = {w for key in lex.days for w in key.split()} - {"the", "this", "last", "earlier", "later", "in",
                                                             "before", "after"}
    return {
        # a year, alone or in a written-out date; no digit before it (tested after its "19"/"20", so the
        # engine can skip to the 1s and 2s of the text)
        "year": re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)"),
        "month": re.compile(_at_word_start(lex.months, case=True)),
        "weekday": re.compile(_at_word_start(lex.weekdays, case=True)),
        "days": re.compile(_at_word_start(days) + r"\b", re.IGNORECASE),
        "season": re.compile(_at_word_start(lex.seasons) + r"\b", re.IGNORECASE),
        "unit": re.compile(_at_word_start(UNIT_WORDS) + r"s?\b", re.IGNORECASE),
    }


def _valid(kind: str, g: dict[str, str | None]) -> bool:
    """Reject matches that are too weak alone ("May", "the fall of", "2019 people", "the month")."""
    if kind == "month":
        return bool(g["prep"] or g["part"] or g["rel"] or g["year"])
    if kind == "season":
        return bool(g["prep"] or g["part"] or g["year"] or (g["rel"] and g["rel"].lower() != "the"))
    if kind == "year":
        return bool(g.get("decade") or g["prep"] or g["part"] or g.get("the"))
    if kind == "unit":
        rel = g["rel"].lower()
        return rel != "the" or g["unit"].lower() == "weekend" or bool(g["part"])
    if kind == "rolling":
        rel = (g["rel"] or "").lower()
        if not rel:
            return g["prep"] == "within" and bool(g["num"])
        if rel in ("last", "next", "following", "previous") and not g["the"]:
            return False
        return bool(g["plural"] or g["num"] or g["the"] or rel == "past")
    return True


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _move(d: date, unit: str, n: int) -> date:
    """`d` moved by n units (negative: back)."""
    if unit == "hour":
        return d + timedelta(days=(abs(n) + 23) // 24 * (1 if n > 0 else -1))
    if unit in ("minute", "moment"):
        return d
    if unit in ("day", "week"):
        return d + timedelta(days=n * (7 if unit == "week" else 1))
    return _add_months(d, n * {"month": 1, "year": 12, "decade": 120}[unit])


def _unit_range(d: date, unit: str) -> tuple[date, date]:
    """The calendar week (Monday-Sunday), month or year containing d."""
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return d.replace(day=1), _month_end(d.year, d.month)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if unit == "decade":
        return date(d.year - d.year % 10, 1, 1), date(d.year - d.year % 10 + 9, 12, 31)
    return d, d


def _choose(candidates: list[tuple[date, date]], anchor: date, tense: str | None, rel: str | None) -> tuple[date, date]:
    """Pick one occurrence of a year-less interval: by `rel` (last/next/this) or else by tense."""
    rel = (rel or "").lower()
    if rel in ("last", "past"):
        return max(c for c in candidates if c[1] < anchor)
    if rel == "next":
        return min(c for c in candidates if c[0] > anchor)
    if tense == "past":
        return max(c for c in candidates if c[0] <= anchor)
    if tense == "future":
        return min(c for c in candidates if c[1] >= anchor)
    return min(candidates, key=lambda c: (max((c[0] - anchor).days, (anchor - c[1]).days, 0), -c[0].toordinal()))


def _clip(span: tuple[date, date], anchor: date, tense: str | None) -> tuple[date, date]:
    """An interval around the anchor, cut to its past part for past verbs and its future part for future ones."""
    s, e = span
    if s <= anchor <= e:
        if tense == "past":
            return s, anchor
        if tense == "future":
            return anchor, e
    return s, e


class TimeNormalizer:
    """Finds and resolves time expressions. Build once (compiles patterns, warms dateparser), reuse."""

    def __init__(self, lexicon: TimeLexicon | None = None) -> None:
        from dateparser.date import DateDataParser

        self.lexicon = lexicon or load_time_lexicon()
        self._patterns = _patterns(self.lexicon)
        self._dateparser = DateDataParser(languages=["en"], settings={
            "RELATIVE_BASE": PARSE_BASE, "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False})
        self._dateparser.get_date_data("1 January 2000")  # loads dateparser's language data now, not mid-batch
        self._calendar = lru_cache(maxsize=4096)(self._read_calendar)  # dateparser costs ~1.5 ms a call
        self._cues = _cue_patterns(self.lexicon)

    def find(self, text: str) -> list[Mention]:
        """Every time expression of `text`, in order, longest match first where they overlap."""
        found: list[tuple[int, int, int, str, dict[str, str | None]]] = []
        windows = {cue: self._windows(text, rx) for cue, rx in self._cues.items()}
        for rank, (kind, rx, needs) in enumerate(self._patterns):
            for lo, hi in windows[KIND_CUE[kind]]:
                if needs is not None and not needs.search(text, lo, hi):
                    continue
                for m in rx.finditer(text, lo, hi):
                    g = m.groupdict()
                    if m.end() > m.start() and _valid(kind, g):
                        found.append((m.start(), m.end(), rank, kind, g))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[2]))
        starts: list[int] = []  # the kept matches, disjoint, sorted: an overlap test is two bisections
        ends: list[int] = []
        out = []
        for start, end, _, kind, g in found:
            at = bisect.bisect_right(starts, start)
            if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
                continue
            starts.insert(at, start)
            ends.insert(at, end)
            parts = tuple((k, v) for k, v in g.items() if v is not None)
            out.append(Mention(text[start:end], start, end, kind, parts))
        return sorted(out, key=lambda x: x.start)

    @staticmethod
    def _windows(text: str, cue: re.Pattern[str]) -> list[tuple[int, int]]:
        """Stretches of text around the cue's matches (a month, a digit, "week"...), where a match can be."""
        windows: list[tuple[int, int]] = []
        for m in cue.finditer(text):
            lo = text.rfind(" ", 0, max(m.start() - WINDOW_BEFORE, 0)) + 1
            hi = text.find(" ", m.end() + WINDOW_AFTER)
            hi = len(text) if hi < 0 else hi
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
        return windows

    def resolve(self, mention: Mention, *, anchor: date, tense: str | None = None,
                reference: date | tuple[date, date] | None = None) -> TimeSpan | None:
        """The interval of one mention; `reference` is the earlier time an anaphoric one counts from."""
        got = getattr(self, "_" + mention.kind)(mention, anchor, tense, reference)
        if got is None:
            return None
        (start, end), precision = _after_preposition(got[0], (mention.get("prep") or "").lower(), anchor), got[1]
        return TimeSpan(text=mention.text, start=start, end=end, precision=precision,
                        char_start=mention.start, char_end=mention.end)

    def normalize(self, text: str, *, anchor: date, tense: str | None = None) -> list[TimeSpan]:
        """Every time expression of `text` resolved; anaphoric ones count from the one before."""
        return list(self._resolve_all(self.find(text), anchor, tense))

    def _resolve_all(self, mentions: list[Mention], anchor: date, tense: str | None) -> Iterator[TimeSpan]:
        reference: tuple[date, date] | None = None
        for m in mentions:
            span = self.resolve(m, anchor=anchor, tense=tense, reference=reference)
            if span is not None:
                reference = (span.start, span.end)
                yield span

    def _read_calendar(self, text: str) -> tuple[date, str] | None:
        """dateparser's reading of a numeric date ("3/2/2022", month first as in US English): (date, period)."""
        data = self._dateparser.get_date_data(text)
        return (data.date_obj.date(), data.period or "day") if data.date_obj else None

    # one resolver per kind: (mention, anchor, tense, reference) -> ((start, end), precision) | None

    def _date(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        month = self.lexicon.months[(m.get("m1") or m.get("m2")).rstrip(".")]
        day = int(m.get("d1") or m.get("d2"))
        if m.get("year"):
            d = _safe_date(int(m.get("year")), month, day)
            return ((d, d), "day") if d else None
        days = [(x, x) for x in (_safe_date(y, month, day) for y in range(anchor.year - 4, anchor.year + 5)) if x]
        return (_choose(days, anchor, tense, None), "day") if days else None

    def _numdate(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        parsed = self._calendar(m.get("cal"))
        return ((parsed[0], parsed[0]), "day") if parsed else None

    def _days(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        lo, hi = self.lexicon.days[re.sub(r"\s+", " ", m.get("word").lower())]
        return (anchor + timedelta(days=lo), anchor + timedelta(days=hi)), "day"

    def _weekday(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        wd = self.lexicon.weekdays[m.get("wd")]
        back = (anchor.weekday() - wd) % 7  # days since the most recent one, 0 if the anchor's own weekday
        ahead = (wd - anchor.weekday()) % 7
        rel = (m.get("rel") or "").lower()
        if rel in ("last", "past"):
            d = anchor - timedelta(days=back or 7)
        elif rel == "next":
            d = anchor + timedelta(days=ahead or 7)
        elif tense == "future" or (rel in ("this", "coming") and tense != "past"):
            d = anchor + timedelta(days=ahead)
        else:
            d = anchor - timedelta(days=back)
        return (d, d), "day"

    def _part_of_month(self, part: str | None, y: int, mo: int) -> tuple[date, date]:
        if not part:
            return date(y, mo, 1), _month_end(y, mo)
        lo, hi = self.lexicon.month_days[self.lexicon.parts[part.lower()]]
        last = calendar.monthrange(y, mo)[1]
        return date(y, mo, lo), date(y, mo, min(hi, last) if hi < 31 else last)

    def _part_of_year(self, part: str | None, y: int) -> tuple[tuple[date, date], str]:
        if not part:
            return (date(y, 1, 1), date(y, 12, 31)), "year"
        lo, hi = self.lexicon.year_months[self.lexicon.parts[part.lower()]]
        return (date(y, lo, 1), _month_end(y, hi)), "season"

    def _month(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        mo = self.lexicon.months[m.get("month").rstrip(".")]
        if m.get("year"):
            return self._part_of_month(m.get("part"), int(m.get("year")), mo), "month"
        if m.get("thatyear"):  # "in April that year": the year of the time before
            return self._part_of_month(m.get("part"), _as_range(ref, anchor)[0].year, mo), "month"
        spans = [self._part_of_month(m.get("part"), y, mo) for y in range(anchor.year - 1, anchor.year + 2)]
        return _clip(_choose(spans, anchor, tense, m.get("rel")), anchor, tense), "month"

    def _season(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        first, last = self.lexicon.seasons[m.get("season").lower()]
        def span(y: int) -> tuple[date, date]:
            return date(y, first, 1), _month_end(y + (last < first), last)
        if m.get("year"):
            return span(int(m.get("year"))), "season"
        spans = [span(y) for y in range(anchor.year - 2, anchor.year + 2)]
        rel = m.get("rel") if (m.get("rel") or "").lower() != "the" else None
        return _clip(_choose(spans, anchor, tense, rel), anchor, tense), "season"

    def _year(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        if m.get("decade"):
            y = int(m.get("decade"))
            return (date(y, 1, 1), date(y + 9, 12, 31)), "year"
        return self._part_of_year(m.get("part"), int(m.get("year")))

    def _unit(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        unit, rel = m.get("unit").lower(), re.sub(r"\s+", " ", m.get("rel").lower())
        step = {"last": -1, "next": 1, "the coming": 1}.get(rel, 0)
        if unit == "weekend":
            return self._weekend(anchor, step, tense), "week"
        base = _move(anchor, unit, step)
        if m.get("part") and unit == "year":
            (s, e), precision = self._part_of_year(m.get("part"), base.year)
        elif m.get("part") and unit == "month":
            (s, e), precision = self._part_of_month(m.get("part"), base.year, base.month), "month"
        else:
            (s, e), precision = _unit_range(base, unit), _UNIT_PRECISION[unit]
        edge = (m.get("edge") or "").lower()
        if edge and s <= anchor <= e:
            return ((s, anchor) if edge == "earlier" else (anchor, e)), precision
        return _clip((s, e), anchor, tense) if step == 0 else (s, e), precision

    def _weekend(self, anchor: date, step: int, tense: str | None) -> tuple[date, date]:
        """Saturday-Sunday: the latest one begun by the anchor, or the next for "next" and future verbs."""
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        if step > 0 or (step == 0 and tense == "future" and anchor.weekday() < 5):
            saturday += timedelta(days=7)
        elif step < 0 and anchor.weekday() >= 5:
            saturday -= timedelta(days=7)
        span = (saturday, saturday + timedelta(days=1))
        return _clip(span, anchor, tense) if step == 0 else span

    def _count(self, m: Mention) -> tuple[int, int]:
        num = re.sub(r"\s+", " ", (m.get("num") or "").lower())
        return (int(num), int(num)) if num.isdigit() else self.lexicon.numbers.get(num, (1, 1))

    def _rolling(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        unit, rel = m.get("unit").lower(), (m.get("rel") or "").lower()
        lo, hi = self._count(m) if (m.get("num") or m.get("plural")) else (1, 1)
        if rel in ("following", "previous") or (rel == "next" and not m.get("plural") and not m.get("num")
                                                 and (unit == "day" or not m.get("prep"))):
            origin = _as_range(ref, anchor)
            step = -1 if rel == "previous" else 1
            day = _move(origin[0] if step < 0 else origin[1], unit, step)
            return _unit_range(day, unit) if unit != "day" else (day, day), _UNIT_PRECISION[unit]
        if rel in ("coming", "next") or not rel:
            return (anchor, _move(anchor, unit, hi)), _UNIT_PRECISION[unit]
        return (_move(anchor, unit, -hi), anchor), _UNIT_PRECISION[unit]

    def _ago(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        return _offset(anchor, m.get("unit").lower(), self._count(m), -1)

    def _shift(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        origin = _as_range(ref, anchor)
        back = m.get("dir").lower() in ("earlier", "before")
        return _offset(origin[0] if back else origin[1], m.get("unit").lower(), self._count(m), -1 if back else 1)

    def _that(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        unit = m.get("unit").lower()
        origin = _as_range(ref, anchor)
        if unit in ("week", "month", "year"):
            return _unit_range(origin[0], unit), unit
        return origin, "day"

    def _duration(self, m: Mention, anchor: date, tense: str | None, ref: Any) -> Any:
        return (_move(anchor, m.get("unit").lower(), -self._count(m)[1]), anchor), "unknown"


def _after_preposition(span: tuple[date, date], prep: str, anchor: date) -> tuple[date, date]:
    """"since X" runs from X to the anchor; "after X" from X's end on; "before X" up to X's start."""
    start, end = span
    if prep == "since" and start <= anchor:
        return start, anchor
    if prep == "after":
        return end, anchor if end <= anchor else end + timedelta(days=30)
    if prep == "before":
        return start - timedelta(days=30), start
    return start, end


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _as_range(ref: date | tuple[date, date] | None, anchor: date) -> tuple[date, date]:
    if ref is None:
        return anchor, anchor
    return (ref, ref) if isinstance(ref, date) else ref


def _offset(origin: date, unit: str, count: tuple[int, int], sign: int) -> tuple[tuple[date, date], str]:
    """The time `count` units before (sign -1) or after (+1) `origin`: a calendar unit if exact, else a range."""
    lo, hi = count
    if unit in ("hour", "minute", "moment"):
        return (origin, origin) if unit != "hour" or sign < 0 else (origin, origin + timedelta(days=1)), "day"
    if lo == hi:
        day = _move(origin, unit, sign * lo)
        return (_unit_range(day, unit) if unit != "day" else (day, day)), _UNIT_PRECISION[unit]
    a, b = _move(origin, unit, sign * lo), _move(origin, unit, sign * hi)
    return (min(a, b), max(a, b)), _UNIT_PRECISION[unit]


@lru_cache(maxsize=1)
def default_normalizer() -> TimeNormalizer:
    """The shared normalizer for the shipped lexicon (built on first use)."""
    return TimeNormalizer()


def normalize_time(text: str, *, anchor: date, tense: str | None = None) -> list[TimeSpan]:
    """Every time expression in `text` as a TimeSpan (interval, precision, char offsets).

    `anchor` is the date the text was written (relative expressions count from it);
    `tense` ("past", "present", "future") picks between occurrences of year-less
    dates and weekdays; None takes the nearest date and the most recent weekday.
    """
    return default_normalizer().normalize(text, anchor=anchor, tense=tense)


__all__ = ["Mention", "TimeLexicon", "TimeNormalizer", "default_normalizer", "load_time_lexicon", "normalize_time"]
