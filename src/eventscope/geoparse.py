"""Find the places a document names and resolve each to a gazetteer entry, in context.

Mentions come from spaCy's GPE/LOC/FAC entities, demonyms ("Iraqi", an
adjectival mention of the country), AP-style state abbreviations ("Ill.",
"B.C."), place names leading an organization's name ("the Rochester Fire
Department"), plus gazetteer look-ups of capitalized words the NER missed where
the context says "place" (after "in", "near", ... or listed beside another
place). Stopwords, single letters and the words of people's names are never
places. Resolution scores each candidate with the document's other places: the
countries and admin-1 areas it is about, a container named right after it
("Paris, Ky."), the admin noun after it ("Idlib province"), feature kind and
population; a near tie between far-apart candidates with no context for either
gives precision "unknown" and no point rather than a guess. Phrases like
"northern Syria", "Iraqi territory" and "the southern provinces of the
republic" become regions or countries with a representative point.
"""
from __future__ import annotations

import bisect
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from typing import Any, NamedTuple, Protocol

from .gazetteer import Entry, Gazetteer, load_abbreviations, load_cues, load_gazetteer, name_key
from .records import Place, PlaceMention


class _HasModelAndGazetteer(Protocol):
    """What `geoparse` needs from a caller's loaded resources (e.g. `pipeline.Resources`)."""

    nlp: Any
    gazetteer: Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LIST_WORDS = frozenset({"and", "or", ",", "—", "–", "-", "&"})
_NAME_GLUE = frozenset({"-", "'", "al", "el", "ad", "as", "ar", "ash", "de", "del", "la"})
_MAX_NAME_TOKENS = 5
_COMMA = re.compile(r"\s*,\s*")
_MIN_MISSED_POPULATION = 100_000
_MIN_BIG_POPULATION = 1_000_000
_MIN_ORG_TOWN = 1_000  # "the Hopkinton Police Department": organizations are named after towns, even small ones
WEAK_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})


class _Raw(NamedTuple):
    """A mention before resolution: what to look up, and how to read it (a tuple: it keys the resolution
    context's tables, and a tuple hashes far faster than a dataclass)."""

    start: int
    end: int
    name: str  # the text to look up (without direction or admin word)
    kind: str = "name"  # name | demonym | anaphor
    direction: str | None = None
    admin: bool = False


@dataclass
class _Context:
    """Per-document resolution context; built and used inside one call."""

    cands: dict[_Raw, tuple[Entry, ...]]
    focus: Counter[str] = field(default_factory=Counter)
    admin: Counter[str] = field(default_factory=Counter)
    own: dict[_Raw, tuple[str, str | None]] = field(default_factory=dict)
    containers: dict[_Raw, set[str | None]] = field(default_factory=dict)
    # admin-1 areas of the first pass's resolutions, by name: where the document's ambiguous names settled
    settled: dict[str, str] = field(default_factory=dict)
    settled_counts: Counter[str] = field(default_factory=Counter)

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
    """Mentions and resolutions for a parsed Doc. Built once from a gazetteer (and, to parse text itself, a
    spaCy model); calling it does no I/O."""

    def __init__(self, gazetteer: Gazetteer, cues: dict[str, Any] | None = None, *, nlp: Any = None) -> None:
        self.gaz = gazetteer
        self.nlp = nlp
        # What a name's entries say before any context depends on the gazetteer alone, and names recur
        # across documents: each is worked out once per name, for this geoparser's life.
        self._entries = lru_cache(maxsize=NAME_CACHE)(partial(_entries, gazetteer))
        self._vote = lru_cache(maxsize=NAME_CACHE)(partial(_vote, gazetteer))
        self._priors = lru_cache(maxsize=NAME_CACHE)(partial(_priors, gazetteer))
        self._call = threading.local()  # per-call, per-thread facts about the document (names of people, areas)
        cues = cues or load_cues()
        words = cues["words"]
        self.abbreviations = load_abbreviations()
        self.org_heads = frozenset(words["org_heads"])
        self.generic_words = frozenset(words["generic_words"])
        self.directions: dict[str, list[float]] = cues["directions"]
        self.country_nouns = frozenset(words["country_nouns"])
        self.admin_nouns = frozenset(words["admin_nouns"])
        self.place_preps = frozenset(words["place_prepositions"])
        self.place_verbs = frozenset(words["place_verbs"]) | frozenset(cues["event"]["object_verbs"])
        self.area_nouns = frozenset(words["area_nouns"])
        self.of_nouns = self.area_nouns | frozenset(cues["event"]["place_of_nouns"])  # "the edge of X": a place
        dirs = "north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|north|south|east|west"
        self.direction_word = re.compile(rf"^(?:({dirs})(?:ern)?|(central))$", re.I)
        self.anaphor = re.compile(
            rf"\b(?:({dirs})(?:ern)?|(central))\s+(?:(?:{'|'.join(words['area_nouns'])})\s+)?of\s+the\s+"
            rf"(?:{'|'.join(words['country_anaphors'])})\b", re.I,
        )
        # the anaphor's tail, which every match holds: a document without it skips the slower full pattern
        self.anaphor_tail = re.compile(rf"of\s+the\s+(?:{'|'.join(words['country_anaphors'])})\b", re.I)

    def __call__(self, doc: Any, text: str | None = None) -> list[PlaceMention]:
        """Every place mention of `doc` (whose text is `text`, if the caller has it), resolved in context."""
        text = doc.text if text is None else text
        if not len(doc):
            return []
        raws = self._mentions(doc, text)
        ctx = self._context(doc, text, raws)
        # two passes: the first settles each name alone; the second lets the names settle one another
        memo: dict[tuple[Any, ...], Place | None] = {}
        first = {r: self._resolved(r, text, ctx, memo) for r in raws}
        ctx.settled = {name_key(r.name): p.admin1 for r, p in first.items()
                       if p is not None and p.admin1 and p.precision in ("city", "admin2", "admin1")}
        ctx.settled_counts = Counter(ctx.settled.values())
        memo = {}
        return [PlaceMention(text[r.start:r.end], r.start, r.end,
                             self._resolved(r, text, ctx, memo) if _resettled(r, ctx) else first[r]) for r in raws]

    # -- finding mentions -------------------------------------------------------------------------
    def _direction(self, word: str) -> str | None:
        m = self.direction_word.match(word)
        if not m:
            return None
        return m.group(2).lower() if m.group(2) else re.sub(r"[- ]", "", m.group(1).lower())

    def parse(self, text: str) -> list[PlaceMention]:
        """Parse `text` with the model this geoparser was built with, then find and resolve its places."""
        if self.nlp is None:
            raise ValueError("Geoparser.parse needs the spaCy model: build it with nlp=...")
        return self(self.nlp(text), text)

    def _mentions(self, doc: Any, text: str) -> list[_Raw]:
        raws: list[_Raw] = []
        taken = [False] * len(doc)
        weak: dict[int, Any] = {}  # entities of other labels that may be mislabelled places, by first token
        ents = doc.ents  # read once: every read builds new Spans
        words = _Words(doc, text)
        # words of multi-word personal names: "Farrin said" after "Joe Farrin" is the person, not a town
        self._call.person_words = _person_words(doc, ents)
        for ent in ents:
            label = ent.label_
            raw = self._from_entity(doc, ent, label, words)
            if raw is not None:
                raws.append(raw)
            elif label in WEAK_LABELS:
                raws += self._inside_org(doc, ent, words) if label == "ORG" else []
                weak[ent.start] = ent
            taken[ent.start:ent.end] = [True] * len(ent)  # every entity is off limits for word look-ups
        for m in self.anaphor.finditer(text) if self.anaphor_tail.search(text) else ():
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and not any(taken[span.start:span.end]):
                raws.append(_Raw(m.start(), m.end(), "", "anaphor", self._direction(m.group(0).split()[0])))
                for i in range(span.start, span.end):
                    taken[i] = True
        raws += self._missed(doc, taken, weak, raws, words)
        kept: list[_Raw] = []
        for raw in sorted(raws, key=lambda r: (r.start, r.start - r.end)):  # the longer of overlapping mentions
            if not kept or raw.start >= kept[-1].end:
                kept.append(raw)
        return kept

    def _abbreviation(self, start: int, end: int, words: _Words) -> _Raw | None:
        """ "Ill." (tokens `start` to `end`, with its period, or the sentence's final period after it) as the
        admin-1 area it abbreviates."""
        text = words.span(start, end)
        key = text.rstrip(".")
        if key not in self.abbreviations:
            return None
        if not (text.endswith(".") or "." in key or (end < len(words.starts) and words.span(end, end + 1) == ".")):
            return None
        return _Raw(words.starts[start], words.ends[end - 1], self.abbreviations[key][0], admin=True)

    def _blocked(self, doc: Any, start: int, end: int, text: str) -> bool:
        """Single letters, stopwords ("A fighter jet") and the words of a person's name are never places
        (tokens `start` to `end`, whose text is `text`)."""
        if len(name_key(text)) <= 1:
            return True
        if end - start != 1:
            return False
        word = doc[start]
        return word.is_stop or word.lower_ in self._call.person_words or word.lower_ in self.generic_words

    def _from_entity(self, doc: Any, ent: Any, label: str, words: _Words) -> _Raw | None:
        text = words.span(ent.start, ent.end)
        demonym = self.gaz.demonym(text)
        if label == "NORP" or (demonym and not self.gaz.lookup(text)):
            nxt = doc[ent.end] if ent.end < len(doc) else None
            # "Aleppo province" with Aleppo tagged NORP is a place: read on below
            if not (label == "NORP" and not demonym and nxt is not None and nxt.lower_ in self.admin_nouns
                    and self.gaz.lookup(text)):
                if not demonym:
                    return None
                end = nxt.idx + len(nxt) if nxt is not None and nxt.lower_ in self.country_nouns else ent.end_char
                return _Raw(ent.start_char, end, text, "demonym")
        elif label not in PLACE_LABELS:
            return None
        if len(ent) <= 3 and (raw := self._abbreviation(ent.start, ent.end, words)) is not None:
            return raw
        if self._blocked(doc, ent.start, ent.end, text) \
                and not any(c.kind in ("country", "admin1") for c in self.gaz.lookup(text)):
            return None
        run = self._upper_run(doc, ent, words)
        if (run.start, run.end) != (ent.start, ent.end):
            ent, text = run, words.span(run.start, run.end)
        known = self.gaz.lookup(text)
        leading = self._direction(words.span(ent.start, ent.start + 1))
        if len(ent) > 1 and not leading and not known:
            # "Henry County Courthouse", "Port of Los Angeles"
            inner = self._inside_org(doc, ent, words, strict=False)
            if inner:
                return inner[0]
        start, name, direction = ent.start_char, text, None
        before = doc[ent.start - 1] if ent.start > 0 else None
        if leading and len(ent) > 1 and not known:
            direction, name = leading, words.span(ent.start + 1, ent.end)
        elif before is not None and (above := self._direction(words.span(ent.start - 1, ent.start))) \
                and not self.gaz.lookup(words.span(ent.start - 1, ent.end)):
            direction, start = above, before.idx
        nxt = doc[ent.end] if ent.end < len(doc) else None
        admin = nxt is not None and nxt.lower_ in self.admin_nouns
        end = nxt.idx + len(nxt) if admin else ent.end_char
        return _Raw(start, end, name, "name", direction, admin)

    def _upper_run(self, doc: Any, ent: Any, words: _Words) -> Any:
        """An all-caps entity cut short ("LOS" of "LOS ANGELES --"): the longest all-caps run it starts that the
        gazetteer knows."""
        upper, alpha = words.upper, words.alpha
        if not all(upper[ent.start:ent.end]):
            return ent
        start, stop = ent.start, ent.end
        while start > max(0, ent.end - _MAX_NAME_TOKENS) and upper[start - 1] and alpha[start - 1]:
            start -= 1  # "SALT" tagged apart from "LAKE CITY"
        while stop < min(len(doc), start + _MAX_NAME_TOKENS) and upper[stop] and alpha[stop]:
            stop += 1
        for i in range(start, ent.start + 1):
            for j in range(stop, ent.end - 1, -1):
                if (i, j) != (ent.start, ent.end) and self.gaz.lookup(words.span(i, j)):
                    return doc[i:j]
        return ent

    def _inside_org(self, doc: Any, ent: Any, words: _Words, strict: bool = True) -> list[_Raw]:
        """The place an organization or a facility is named after: "the Rochester Fire Department", "University of
        Georgia", "Vancouver International Airport". `strict` (an ORG): the words after a town must begin with an
        organization word."""
        toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        first = toks[0].i
        if len(toks) > 1 and (abbr := self._abbreviation(first, first + 1, words)):
            return [abbr]  # "S.C. House Republicans"
        for k in range(min(len(toks) - 1, _MAX_NAME_TOKENS), 0, -1):  # the longest leading place name
            end = toks[k - 1].i + 1
            text = words.span(first, end)
            if not all(words.title[t.i] or words.upper[t.i] for t in toks[:k]) or self._blocked(doc, first, end, text):
                continue
            if cands := self.gaz.lookup(text):
                area = any(c.kind in ("country", "admin1", "admin2") for c in cands)
                if (area or not strict or toks[k].lower_ in self.org_heads) and _sizeable(cands):
                    return [words.raw(first, end)]
                break
        for t in toks[1:-1]:
            if t.lower_ == "of":
                text = words.span(t.i + 1, ent.end)
                if not self._blocked(doc, t.i + 1, ent.end, text) and (cands := self.gaz.lookup(text)) \
                        and _sizeable(cands):
                    return [words.raw(t.i + 1, ent.end)]
        return []

    def _missed(self, doc: Any, taken: list[bool], weak: dict[int, Any], found: list[_Raw], words: _Words) \
            -> list[_Raw]:
        """Names the NER missed or mislabelled (ORG, PERSON, ...), kept only where the context says "place"."""
        ends = {r.end for r in found}
        starts = {r.start for r in found}
        # the admin-1 areas the document's tagged places clearly name ("Texas", "Ky."): a town there is a place
        # even where the NER took it for an organization ("Gainesville police said")
        self._call.doc_areas = {c.admin1_code for r in found if r.kind == "name"
                           for c in self._candidates(r) if c.kind == "admin1"}
        # one sense per document: a name tagged as a place once is a place wherever else it stands
        self._call.known = {name_key(r.name) for r in found if r.kind == "name" and not r.admin}
        out: list[_Raw] = []
        name_like, after_comma = words.name_like, words.after_comma
        # only these tokens can open a mention below: the loop steps over the rest (`weak` only shrinks)
        openings = sorted(set(words.openings).union(weak))
        i = 0
        while (k := bisect.bisect_left(openings, i)) < len(openings):
            i = openings[k]
            if taken[i] and i not in weak:
                i += 1
                continue
            word = words.span(i, i + 1)
            if not taken[i] and after_comma[i] and word.rstrip(".") in self.abbreviations:
                if abbr := self._abbreviation(i, i + 1, words):
                    out.append(abbr)
                    ends.add(abbr.end)
                    i += 1
                    continue
            if not taken[i] and name_like[i] and self.gaz.demonym(word):
                out.append(words.raw(i, i + 1, "demonym"))
                i += 1
                continue
            if i in weak and (cands := self.gaz.lookup(words.span(weak[i].start, weak[i].end))):
                j, label = weak[i].end, weak[i].label_
            elif i in weak and weak[i].label_ != "PERSON" and any(t.lower_ in _LIST_WORDS for t in weak[i]):
                # "Izyum and Kharkiv" tagged as one ORG: try its words
                for t in range(i, weak.pop(i).end):
                    taken[t] = False
                continue
            elif not taken[i] and name_like[i]:
                j, cands = self._longest_name(doc, i, taken, words)
                cands = [] if self._blocked(doc, i, j, words.span(i, j)) else cands
                label = ""
            else:
                i += 1
                continue
            if cands and self._is_place(doc, i, j, cands, label, ends, starts, words):
                raw = words.raw(i, j)
                out.append(raw)
                ends.add(raw.end)
            i = max(j, i + 1)
        return out

    def _longest_name(self, doc: Any, i: int, taken: list[bool], words: _Words) -> tuple[int, list[Entry]]:
        stop = i + 1
        title, upper, alpha = words.title, words.upper, words.alpha
        caps = upper[i]  # an all-caps dateline ("TEGA CAY --") continues in capitals
        while stop < min(len(doc), i + _MAX_NAME_TOKENS) and not taken[stop]:
            if not ((upper[stop] and alpha[stop]) if caps else (
                    not doc[stop].is_sent_start and (title[stop] or doc[stop].lower_ in _NAME_GLUE))):
                break
            stop += 1
        for j in range(stop, i, -1):
            if (title[j - 1] or upper[j - 1]) and alpha[j - 1] and (cands := self.gaz.lookup(words.span(i, j))):
                return j, cands
        return i + 1, []

    def _is_place(self, doc: Any, i: int, j: int, cands: list[Entry], label: str, ends: set[int],
                  starts: set[int], words: _Words) -> bool:
        """Context that says "place": a place preposition or verb, or a list with another place; else a big place."""
        head = doc[i] if j == i + 1 else doc[i:j].root  # a one-token span is its own root
        if head.dep_ == "dobj" and head.head.lemma_.lower() in self.place_verbs:
            return True
        k = i - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k >= 0 and (doc[k].lower_ in self.place_preps or (
                doc[k].lower_ == "of" and k > 0 and doc[k - 1].lemma_.lower() in self.of_nouns)):
            return True
        while k >= 0 and words.span(k, k + 1).lower() in _LIST_WORDS:
            k -= 1
        if k < i - 1 and k >= 0 and words.ends[k] in ends:
            return True
        n = j
        while n < len(doc) and words.span(n, n + 1).lower() in _LIST_WORDS:
            n += 1
        if n > j and n < len(doc) and words.starts[n] in starts:
            return True
        if label == "PERSON":
            return False
        if name_key(words.span(i, j)) in self._call.known:
            return True
        areas = self._call.doc_areas
        if any(c.kind == "city" and c.population >= _MIN_ORG_TOWN and c.admin1_code in areas for c in cands):
            return True
        big = any(c.kind in ("country", "region") or c.population >= _MIN_BIG_POPULATION for c in cands)
        return big or (not doc[i].is_sent_start and doc[i].pos_ == "PROPN" and any(
            c.population >= _MIN_MISSED_POPULATION for c in cands))

    # -- resolving -------------------------------------------------------------------------------
    def _candidates(self, raw: _Raw) -> tuple[Entry, ...]:
        """The gazetteer entries `raw` may name."""
        return self._entries(raw.name, raw.admin)

    def _context(self, doc: Any, text: str, raws: list[_Raw]) -> _Context:
        """What the document is about: countries and admin-1 regions of its clear mentions and demonyms."""
        ctx = _Context({r: self._candidates(r) if r.name else [] for r in raws})
        first: dict[tuple[str, str], _Raw] = {}  # a name repeated votes once
        for raw in raws:
            key = (raw.kind, name_key(raw.name))
            if key in first:
                if first[key] in ctx.own:
                    ctx.own[raw] = ctx.own[first[key]]
                continue
            first[key] = raw
            if raw.kind == "demonym" and (iso3 := self.gaz.demonym(raw.name)):
                ctx.add(raw, iso3, None)
                continue
            if raw.name and (vote := self._vote(raw.name, raw.admin)) is not None:
                ctx.add(raw, *vote)
        for i, raw in enumerate(raws):
            nxt = raws[i + 1] if i + 1 < len(raws) else None
            if nxt is not None and _COMMA.fullmatch(text[raw.end:nxt.start]):  # "Paris, Texas"
                ctx.containers[raw] = {c.admin1_code if c.kind in ("admin1", "admin2") else c.country
                                       for c in ctx.cands[nxt] if c.kind in ("admin1", "admin2", "country")}
        return ctx

    def _score(self, c: Entry, prior: float | None, raw: _Raw, ctx: _Context, focus: dict[str, int],
               admin: dict[str, int], top: int, containers: set[str | None] | None) -> float:
        """How likely candidate `c` is meant, given its `prior` (`_priors`) and the document's other places
        (`focus`, `admin`: ctx.without(raw); `top`: the largest focus count; `containers`: ctx.containers of raw)."""
        if prior is None:
            return 12.0
        score = prior
        if c.country and c.country in focus:
            score += 1.5 + (1.0 if focus[c.country] == top else 0.0)
        elif c.country and not focus.keys().isdisjoint(self.gaz.neighbours.get(c.country, ())):
            score += 0.5
        if c.admin1_code and c.admin1_code in admin:
            score += 3.0
        elif c.admin1 and c.admin1 in ctx.settled_counts:
            score += _settled_bonus(c, raw, ctx)
        if containers and (c.admin1_code in containers or c.country in containers):
            score += 6.0
        return score

    def _resolved(self, raw: _Raw, doc_text: str, ctx: _Context, memo: dict[tuple[Any, ...], Place | None]) \
            -> Place | None:
        """`_resolve`, once per distinct reading in a pass (`memo`): a name repeated in the same words, with the
        same own vote and the same container after it, resolves the same way."""
        key = (raw.kind, raw.name, raw.direction, raw.admin, doc_text[raw.start:raw.end], ctx.own.get(raw),
               frozenset(ctx.containers.get(raw, ())))
        if key not in memo:
            memo[key] = self._resolve(raw, doc_text, ctx)
        return memo[key]

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
        if name_key(raw.name) in self.generic_words and not any(c.country in focus for c in ctx.cands[raw]):
            return None  # "the South" of a story about Sudan is not Cameroon's South Region
        top = max(focus.values(), default=0)
        containers = ctx.containers.get(raw)
        scored = sorted(((self._score(c, prior, raw, ctx, focus, admin, top, containers), c)
                         for c, prior in zip(ctx.cands[raw], self._priors(raw.name, raw.admin), strict=True)),
                        key=lambda x: -x[0])
        best = scored[0][1]
        if raw.direction:
            return self._directional(best, raw.direction, text)
        if _unsure(scored, focus, admin):
            return replace(_place(best, text), lat=None, lon=None, geonameid=None, precision="unknown")
        return _place(best, text)

    def _directional(self, entry: Entry, direction: str, text: str) -> Place:
        point = self.gaz.direction(entry.country, direction) if entry.kind == "country" and entry.country else None
        name = f"{direction if direction == 'central' else direction + 'ern'} {entry.name}"
        place = _place(entry, text)
        lat, lon = point if point else (place.lat, place.lon)
        return replace(place, name=name, lat=lat, lon=lon, geonameid=None, precision="region")


_SETTLED_BONUS = 0.75  # per other name (at most two) the first pass placed in the candidate's admin-1 area
NAME_CACHE = 50_000  # distinct names a geoparser keeps the gazetteer's facts of (a long run's names fit)
_BARE_ADMIN2_PENALTY = 2.0  # "Kanawha" alone is more often the town than the county; "Kanawha County" is the county
_UNSURE_MARGIN = 0.25  # score gap (about a factor 1.8 in population) under which two far-apart towns are a toss-up
_UNSURE_KM = 161.0  # candidates closer than this give the same answer at the usual accuracy radius
_UNSURE_POPULATION = 20_000  # a town this big is named without a state more often than its namesakes


def _settled_bonus(c: Entry, raw: _Raw, ctx: _Context) -> float:
    """The second pass's bonus for a candidate in an admin-1 area where the document's other names settled."""
    if not c.admin1 or c.admin1 not in ctx.settled_counts:
        return 0.0
    others = ctx.settled_counts[c.admin1] - (ctx.settled.get(name_key(raw.name)) == c.admin1)
    return _SETTLED_BONUS * min(2, others)


def _resettled(raw: _Raw, ctx: _Context) -> bool:
    """Whether the first pass's settled areas change a score of `raw`'s candidates: only then can the second
    pass differ from the first (resolving again is most of the geoparser's cost)."""
    return raw.kind == "name" and any(c.kind != "region" and _settled_bonus(c, raw, ctx) for c in ctx.cands[raw])


def _unsure(scored: list[tuple[float, Entry]], focus: dict[str, int], admin: dict[str, int]) -> bool:
    """A near tie between small far-apart towns that the document's places back neither of."""
    if len(scored) < 2 or scored[0][0] - scored[1][0] >= _UNSURE_MARGIN:
        return False
    (_, a), (_, b) = scored[0], scored[1]
    if a.kind != "city" or b.kind != "city" or a.population >= _UNSURE_POPULATION:
        return False
    if a.country in focus or b.country in focus or a.admin1_code in admin or b.admin1_code in admin:
        return False
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    return _km(a.lat, a.lon, b.lat, b.lon) > _UNSURE_KM


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _entries(gaz: Gazetteer, name: str, admin: bool) -> tuple[Entry, ...]:
    """The entries a name may denote: with an admin noun after it ("Idlib province") its areas if it has any;
    else not the admin-1 area of a country where a big city has the name."""
    cands = gaz.lookup(name)
    if admin:
        return tuple([c for c in cands if c.kind in ("admin1", "admin2", "region")] or cands)
    big_cities = {c.country for c in cands if c.kind == "city" and c.population >= 50_000}
    return tuple(c for c in cands if not (c.kind == "admin1" and c.country in big_cities))


def _vote(gaz: Gazetteer, name: str, admin: bool) -> tuple[str, str | None] | None:
    """The country a name votes for in the document's context, and its admin-1 area when clear, by its entries
    alone: its biggest place, when no namesake in another country comes close; None when it is not clear."""
    cands = [c for c in _entries(gaz, name, admin) if c.kind != "city" or c.population >= 1000]
    if not cands:
        return None
    top = max(cands, key=lambda c: (c.kind in ("country", "region"), c.population))
    others = [c.population for c in cands if c.country != top.country]
    if not (top.country and (top.kind == "country" or not others or top.population >= 5 * max(others))):
        return None
    # it names its admin-1 area only when no namesake in the same country comes close
    rivals = [c.population for c in cands if c is not top and c.admin1_code != top.admin1_code]
    clear = top.kind != "country" and (not rivals or top.population >= 5 * max(rivals))
    return top.country, top.admin1_code if clear else None


def _priors(gaz: Gazetteer, name: str, admin: bool) -> tuple[float | None, ...]:
    """Each of `_entries`' scores before the document's context: size, kind and how the name matched (None for a
    region, which scores 12 whatever the context)."""
    out: list[float | None] = []
    for c in _entries(gaz, name, admin):
        if c.kind == "region":
            out.append(None)
            continue
        score = math.log10(c.population + 10) + (3.0 if c.kind == "country" else 0.0)
        score += (1.0 if c.primary else 0.0) - (1.5 if c.loose else 0.0)
        if c.kind == "admin2" and not (c.primary or admin):
            score -= _BARE_ADMIN2_PENALTY
        out.append(score)
    return tuple(out)


def _sizeable(cands: list[Entry]) -> bool:
    """A name worth reading out of an organization's name: an area, or a town of some size."""
    return any(c.kind != "city" or c.population >= _MIN_ORG_TOWN for c in cands)


def _person_words(doc: Any, ents: Any) -> set[str]:
    """The lower-cased words of the multi-word PERSON entities, read from the LOWER array (no Tokens built)."""
    from spacy.attrs import LOWER  # here: `import eventscope` loads no spaCy

    people = [e for e in ents if e.label_ == "PERSON" and len(e) > 1]
    if not people:
        return set()
    lowers, strings = doc.to_array(LOWER), doc.vocab.strings
    return {strings[h] for e in people for h in lowers[e.start:e.end].tolist()}


class _Words:
    """A document's token offsets and word shapes, read as arrays once per call: a Span builds its Tokens to
    give its text, and mention finding reads the text and shape of thousands of words and spans."""

    def __init__(self, doc: Any, text: str) -> None:
        from spacy.attrs import IDX, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, ORTH  # here: importing loads no spaCy

        # one attribute at a time: reading several at once costs a few times more
        attrs = (IDX, IS_TITLE, IS_UPPER, IS_ALPHA, LENGTH, ORTH)
        idx, title, upper, alpha, length, orth = (doc.to_array(attr) for attr in attrs)
        self.text = text
        self.starts: list[int] = idx.tolist()
        self.ends: list[int] = (idx + length).tolist()
        # flags as bytes (1 or 0 per token): indexed and sliced as a list of bools is, made at a fraction of its cost
        self.title: bytes = title.astype(bool).tobytes()
        self.upper: bytes = upper.astype(bool).tobytes()
        self.alpha: bytes = alpha.astype(bool).tobytes()
        # a capitalized word or an acronym (where a name the NER missed may start); a comma before it (where
        # "Ill." may stand); the tokens that are either
        name_like = ((title | (upper & (length > 1))) & alpha).astype(bool)
        comma = orth == doc.vocab.strings[","]
        after_comma = comma.copy()
        after_comma[0], after_comma[1:] = False, comma[:-1]
        self.name_like: bytes = name_like.tobytes()
        self.after_comma: bytes = after_comma.tobytes()
        self.openings: list[int] = (name_like | after_comma).nonzero()[0].tolist()

    def span(self, start: int, end: int) -> str:
        """The text of tokens `start` to `end` (`doc[start:end].text`; `end` > `start`)."""
        return self.text[self.starts[start]:self.ends[end - 1]]

    def raw(self, start: int, end: int, kind: str = "name") -> _Raw:
        """A mention of tokens `start` to `end`, looked up by its own text."""
        return _Raw(self.starts[start], self.ends[end - 1], self.span(start, end), kind)


def _place(entry: Entry, text: str) -> Place:
    return Place(text=text, name=entry.name, country=entry.country, admin1=entry.admin1,
                 lat=None if entry.lat is None else round(entry.lat, 5),
                 lon=None if entry.lon is None else round(entry.lon, 5),
                 geonameid=entry.geonameid, precision=entry.precision)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _default_geoparser() -> Geoparser:
    """The geoparser `geoparse` uses when given nothing: the configured model and the built gazetteer."""
    from .config import load_config
    from .nlp.parse import load_nlp

    return Geoparser(load_gazetteer(), nlp=load_nlp(load_config().model))


def geoparse(text: str, *, resources: _HasModelAndGazetteer | None = None) -> list[PlaceMention]:
    """The place mentions of `text`, each with offsets and its resolved Place (None if unresolved).

    Uses `resources.nlp` and `resources.gazetteer` when given (e.g. a `pipeline.Resources`); else loads the
    configured model and the gazetteer once per process.
    """
    if resources is None:
        return _default_geoparser().parse(text)
    return Geoparser(resources.gazetteer, nlp=resources.nlp).parse(text)
