"""Find the places a document names and resolve each to a gazetteer entry, in context.

Mentions come from spaCy's GPE/LOC/FAC entities, plus gazetteer look-ups of
capitalized words the NER missed where the context says "place" (after "in",
"near", ... or listed beside another place). Resolution prefers candidates in
the countries the document is about (countries and demonyms named in it), then
bigger places; phrases like "northern Syria", "Iraqi territory" and "the
southern provinces of the republic" become regions or countries with a
representative point.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .gazetteer import Entry, Gazetteer, load_cues
from .records import Place, PlaceMention

if TYPE_CHECKING:
    from .pipeline import Resources

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LIST_WORDS = frozenset({"and", "or", ",", "—", "–", "-", "&"})
_NAME_GLUE = frozenset({"-", "'", "al", "el", "ad", "as", "ar", "ash", "de", "del", "la"})
_MAX_NAME_TOKENS = 5
_COMMA = re.compile(r"\s*,\s*")
_MIN_MISSED_POPULATION = 100_000
_MIN_BIG_POPULATION = 1_000_000
WEAK_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})


@dataclass(frozen=True)
class _Raw:
    """A mention before resolution: what to look up, and how to read it."""

    start: int
    end: int
    name: str  # the text to look up (without direction or admin word)
    kind: str = "name"  # name | demonym | anaphor
    direction: str | None = None
    admin: bool = False


@dataclass
class _Context:
    """Per-document resolution context; built and used inside one call."""

    cands: dict[_Raw, list[Entry]]
    focus: Counter[str] = field(default_factory=Counter)
    admin: Counter[str] = field(default_factory=Counter)
    own: dict[_Raw, tuple[str, str | None]] = field(default_factory=dict)
    containers: dict[_Raw, set[str | None]] = field(default_factory=dict)

    def add(self, raw: _Raw, country: str, admin1_code: str | None) -> None:
        self.focus[country] += 1
        if admin1_code:
            self.admin[admin1_code] += 1
        self.own[raw] = (country, admin1_code)

    def without(self, raw: _Raw) -> tuple[dict[str, int], dict[str, int]]:
        """Focus counts less the mention's own contribution (a name must not vote for itself); no zero counts."""
        if raw not in self.own:
            return self.focus, self.admin
        country, admin1_code = self.own[raw]
        return _less(self.focus, country), _less(self.admin, admin1_code)


def _less(counts: dict[str, int], key: str | None) -> dict[str, int]:
    """`counts` with one less of `key`."""
    if not key or key not in counts:
        return counts
    out = dict(counts)
    out[key] -= 1
    if out[key] <= 0:
        del out[key]
    return out


class Geoparser:
    """Mentions and resolutions for a parsed Doc. Built once; calling it does no I/O."""

    def __init__(self, gazetteer: Gazetteer, cues: dict[str, Any] | None = None) -> None:
        self.gaz = gazetteer
        cues = cues or load_cues()
        words = cues["words"]
        self.directions: dict[str, list[float]] = cues["directions"]
        self.country_nouns = frozenset(words["country_nouns"])
        self.admin_nouns = frozenset(words["admin_nouns"])
        self.place_preps = frozenset(words["place_prepositions"])
        self.place_verbs = frozenset(words["place_verbs"]) | frozenset(cues["event"]["object_verbs"])
        self.area_nouns = frozenset(words["area_nouns"])
        dirs = "north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|north|south|east|west"
        self.direction_word = re.compile(rf"^(?:({dirs})(?:ern)?|(central))$", re.I)
        self.anaphor = re.compile(
            rf"\b(?:({dirs})(?:ern)?|(central))\s+(?:(?:{'|'.join(words['area_nouns'])})\s+)?of\s+the\s+"
            rf"(?:{'|'.join(words['country_anaphors'])})\b", re.I,
        )

    def __call__(self, doc: Any, text: str | None = None) -> list[PlaceMention]:
        """Every place mention of `doc` (whose text is `text`, if the caller has it), resolved in context."""
        text = doc.text if text is None else text
        raws = self._mentions(doc, text)
        ctx = self._context(doc, text, raws)
        return [PlaceMention(text[r.start:r.end], r.start, r.end, self._resolve(r, text, ctx)) for r in raws]

    # -- finding mentions -------------------------------------------------------------------------
    def _direction(self, word: str) -> str | None:
        m = self.direction_word.match(word)
        if not m:
            return None
        return m.group(2).lower() if m.group(2) else re.sub(r"[- ]", "", m.group(1).lower())

    def _mentions(self, doc: Any, text: str) -> list[_Raw]:
        raws: list[_Raw] = []
        taken = [False] * len(doc)
        weak: dict[int, Any] = {}  # entities of other labels that may be mislabelled places, by first token
        for ent in doc.ents:
            raw = self._from_entity(doc, ent)
            if raw is not None:
                raws.append(raw)
            elif ent.label_ in WEAK_LABELS:
                weak[ent.start] = ent
            for i in range(ent.start, ent.end):  # every entity is off limits for word look-ups
                taken[i] = True
        for m in self.anaphor.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and not any(taken[span.start:span.end]):
                raws.append(_Raw(m.start(), m.end(), "", "anaphor", self._direction(m.group(0).split()[0])))
                for i in range(span.start, span.end):
                    taken[i] = True
        raws += self._missed(doc, taken, weak, raws)
        return sorted(raws, key=lambda r: r.start)

    def _from_entity(self, doc: Any, ent: Any) -> _Raw | None:
        if ent.label_ == "NORP":
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if nxt is not None and nxt.lower_ in self.country_nouns and self.gaz.demonym(ent.text):
                return _Raw(ent.start_char, nxt.idx + len(nxt), ent.text, "demonym")
            return None
        if ent.label_ not in PLACE_LABELS or (self.gaz.demonym(ent.text) and not self.gaz.lookup(ent.text)):
            return None
        start, name, direction = ent.start_char, ent.text, None
        first = ent[0]
        if self._direction(first.text) and len(ent) > 1 and not self.gaz.lookup(ent.text):
            direction, name = self._direction(first.text), ent[1:].text
        elif ent.start > 0 and self._direction(doc[ent.start - 1].text) and not self.gaz.lookup(
                doc[ent.start - 1:ent.end].text):
            direction, start = self._direction(doc[ent.start - 1].text), doc[ent.start - 1].idx
        nxt = doc[ent.end] if ent.end < len(doc) else None
        admin = nxt is not None and nxt.lower_ in self.admin_nouns
        end = nxt.idx + len(nxt) if admin else ent.end_char
        return _Raw(start, end, name, "name", direction, admin)

    def _missed(self, doc: Any, taken: list[bool], weak: dict[int, Any], found: list[_Raw]) -> list[_Raw]:
        """Names the NER missed or mislabelled (ORG, PERSON, ...), kept only where the context says "place"."""
        ends = {r.end for r in found}
        starts = {r.start for r in found}
        out: list[_Raw] = []
        i = 0
        while i < len(doc):
            if i in weak and (cands := self.gaz.lookup(weak[i].text)):
                j, label = weak[i].end, weak[i].label_
            elif i in weak and weak[i].label_ != "PERSON" and any(t.lower_ in _LIST_WORDS for t in weak[i]):
                # "Izyum and Kharkiv" tagged as one ORG: try its words
                for t in range(i, weak.pop(i).end):
                    taken[t] = False
                continue
            elif not taken[i] and _name_like(doc[i]):
                j, cands = self._longest_name(doc, i, taken)
                label = ""
            else:
                i += 1
                continue
            if cands and self._is_place(doc, i, j, cands, label, ends, starts):
                raw = _Raw(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), doc[i:j].text)
                out.append(raw)
                ends.add(raw.end)
            i = max(j, i + 1)
        return out

    def _longest_name(self, doc: Any, i: int, taken: list[bool]) -> tuple[int, list[Entry]]:
        stop = i + 1
        while stop < min(len(doc), i + _MAX_NAME_TOKENS) and not taken[stop] and not doc[stop].is_sent_start and (
                doc[stop].is_title or doc[stop].lower_ in _NAME_GLUE):
            stop += 1
        for j in range(stop, i, -1):
            last = doc[j - 1]
            if (last.is_title or last.is_upper) and last.is_alpha and (cands := self.gaz.lookup(doc[i:j].text)):
                return j, cands
        return i + 1, []

    def _is_place(self, doc: Any, i: int, j: int, cands: list[Entry], label: str, ends: set[int],
                  starts: set[int]) -> bool:
        """Context that says "place": a place preposition or verb, or a list with another place; else a big place."""
        head = doc[i:j].root
        if head.dep_ == "dobj" and head.head.lemma_.lower() in self.place_verbs:
            return True
        k = i - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k >= 0 and (doc[k].lower_ in self.place_preps or (
                doc[k].lower_ == "of" and k > 0 and doc[k - 1].lemma_.lower() in self.area_nouns)):
            return True
        while k >= 0 and doc[k].text.lower() in _LIST_WORDS:
            k -= 1
        if k < i - 1 and k >= 0 and doc[k].idx + len(doc[k]) in ends:
            return True
        n = j
        while n < len(doc) and doc[n].text.lower() in _LIST_WORDS:
            n += 1
        if n > j and n < len(doc) and doc[n].idx in starts:
            return True
        if label == "PERSON":
            return False
        big = any(c.kind in ("country", "region") or c.population >= _MIN_BIG_POPULATION for c in cands)
        return big or (not doc[i].is_sent_start and doc[i].pos_ == "PROPN" and any(
            c.population >= _MIN_MISSED_POPULATION for c in cands))

    # -- resolving -------------------------------------------------------------------------------
    def _candidates(self, raw: _Raw) -> list[Entry]:
        cands = self.gaz.lookup(raw.name)
        if raw.admin:
            cands = [c for c in cands if c.kind in ("admin1", "region")] or cands
            return cands
        big_cities = {c.country for c in cands if c.kind == "city" and c.population >= 50_000}
        return [c for c in cands if not (c.kind == "admin1" and c.country in big_cities)]

    def _context(self, doc: Any, text: str, raws: list[_Raw]) -> _Context:
        """What the document is about: countries and admin-1 regions of its clear mentions and demonyms."""
        ctx = _Context({r: self._candidates(r) if r.name else [] for r in raws})
        for ent in doc.ents:
            if ent.label_ == "NORP" and (iso3 := self.gaz.demonym(ent.text)):
                ctx.focus[iso3] += 1
        for i, raw in enumerate(raws):
            if raw.kind == "demonym" and (iso3 := self.gaz.demonym(raw.name)):
                ctx.add(raw, iso3, None)
                continue
            cands = [c for c in ctx.cands[raw] if c.kind != "city" or c.population >= 1000]
            if cands:
                top = max(cands, key=lambda c: (c.kind in ("country", "region"), c.population))
                others = [c.population for c in cands if c.country != top.country]
                if top.country and (top.kind == "country" or not others or top.population >= 5 * max(others)):
                    ctx.add(raw, top.country, top.admin1_code if top.kind in ("city", "admin1") else None)
            nxt = raws[i + 1] if i + 1 < len(raws) else None
            if nxt is not None and _COMMA.fullmatch(text[raw.end:nxt.start]):  # "Paris, Texas"
                ctx.containers[raw] = {c.admin1_code if c.kind == "admin1" else c.country
                                       for c in ctx.cands[nxt] if c.kind in ("admin1", "country")}
        return ctx

    def _score(self, c: Entry, raw: _Raw, ctx: _Context, focus: dict[str, int], admin: dict[str, int],
               top: int) -> float:
        """How likely candidate `c` is meant, given the document's other places (`focus`, `admin`:
        ctx.without(raw); `top`: the largest focus count)."""
        if c.kind == "region":
            return 12.0
        score = math.log10(c.population + 10) + (3.0 if c.kind == "country" else 0.0)
        score += (1.0 if c.primary else 0.0) - (1.5 if c.loose else 0.0)
        if c.country and c.country in focus:
            score += 1.5 + (1.0 if focus[c.country] == top else 0.0)
        elif c.country and any(n in focus for n in self.gaz.neighbours.get(c.country, ())):
            score += 0.5
        if c.admin1_code and c.admin1_code in admin:
            score += 3.0
        if {c.admin1_code, c.country} & ctx.containers.get(raw, set()):
            score += 6.0
        return score

    def _resolve(self, raw: _Raw, doc_text: str, ctx: _Context) -> Place | None:
        text = doc_text[raw.start:raw.end]
        if raw.kind == "demonym":
            entry = self.gaz.countries.get(self.gaz.demonym(raw.name) or "")
            return _place(entry, text) if entry else None
        if raw.kind == "anaphor":
            if not ctx.focus:
                return None
            entry = self.gaz.countries.get(ctx.focus.most_common(1)[0][0])
            return self._directional(entry, raw.direction or "central", text) if entry else None
        if not ctx.cands[raw]:
            return None
        focus, admin = ctx.without(raw)
        top = max(focus.values(), default=0)
        best = max(ctx.cands[raw], key=lambda c: self._score(c, raw, ctx, focus, admin, top))
        return self._directional(best, raw.direction, text) if raw.direction else _place(best, text)

    def _directional(self, entry: Entry, direction: str, text: str) -> Place:
        point = self.gaz.direction(entry.country, direction) if entry.kind == "country" and entry.country else None
        name = f"{direction if direction == 'central' else direction + 'ern'} {entry.name}"
        place = _place(entry, text)
        lat, lon = point if point else (place.lat, place.lon)
        return replace(place, name=name, lat=lat, lon=lon, geonameid=None, precision="region")


def _name_like(tok: Any) -> bool:
    """A capitalized word or an acronym: where a name the NER missed may start."""
    return (tok.is_title or (tok.is_upper and len(tok) > 1)) and tok.is_alpha


def _place(entry: Entry, text: str) -> Place:
    return Place(text=text, name=entry.name, country=entry.country, admin1=entry.admin1,
                 lat=None if entry.lat is None else round(entry.lat, 5),
                 lon=None if entry.lon is None else round(entry.lon, 5),
                 geonameid=entry.geonameid, precision=entry.precision)  # type: ignore[arg-type]


def geoparse(text: str, *, resources: Resources | None = None) -> list[PlaceMention]:
    """The place mentions of `text`, each with offsets and its resolved Place (None if unresolved).

    Loads the spaCy model and gazetteer unless `resources` (e.g. `pipeline.resources`) is given.
    """
    if resources is None:
        from .config import load_config
        from .pipeline import Resources

        resources = Resources(load_config())
    return Geoparser(resources.gazetteer)(resources.nlp(text))
