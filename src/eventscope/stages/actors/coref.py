"""Document-level actor coreference: references back to an actor named earlier resolve to it.

After the mention passes (`actor_mentions.DocActors`), one walk through the document in text order
keeps the actors seen so far and resolves, against the most recent compatible one:
- third-person pronouns ("he", "she", "its", "they"): a person for he/she (skipping one of the other
  gender when a title tells it), a state, organization or group for it/they; the pronoun's own sentence
  first, then up to `window.pronoun` sentences back, subjects before other actors;
- repeated phrases ("police" after "Kenyan police", "the foreign ministry" after "India's foreign
  ministry"): the last actor whose words contain the phrase's words, anywhere before;
- definite descriptions ("the alliance", "the group", "the junta", "the president", "the 36-year-old
  leader"): the last actor of the description's sector and kind, or the last person with that title,
  within `window.description` sentences;
- first-person pronouns in a direct quote ("We have arrested ten of them," the commander said): the
  quote's speaker, the subject of the reporting verb the quote marks hang on (itself resolved first
  when it is a pronoun: '"I urge calm," he said').
Then every actor named the same way (a name, its surname, its acronym, its references) shares one
country and id: the one entity's, so the events and the store see one actor per entity.

Each reference looks at no more than `window.candidates` earlier actors, so the walk is linear.
The word lists are in `data/actors/coreference.toml`.
"""
from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import numpy
from spacy.attrs import DEP, LOWER, ORTH, POS

from ...nlp.syntax import RELATIVE_PRONOUNS
from .mentions import STATELESS_SECTORS, DocActors, Mention, adopt

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "iobj", "dative"})
MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "nmod", "predet", "quantmod"})
GROUP_KINDS = frozenset({"organization", "group", "country"})
OPEN_QUOTE, CLOSE_QUOTE = "``", "''"  # the tags the tagger gives opening and closing quotation marks
QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})  # the tokens that may carry those tags


class Description(NamedTuple):
    """What a definite description may refer to: actors of these sectors and kinds (any when empty), of
    these countries only (when given), and, with `states`, a country named as itself ("Niger")."""

    sectors: frozenset[str]
    kinds: frozenset[str]
    countries: frozenset[str]
    states: bool


@dataclass(frozen=True)
class CorefData:
    """The word lists of `coreference.toml`."""

    male: frozenset[str]
    female: frozenset[str]
    singular: frozenset[str]
    plural: frozenset[str]
    pronoun_window: int
    description_window: int
    candidates: int
    female_words: frozenset[str]
    male_words: frozenset[str]
    descriptions: dict[str, Description]  # head noun -> what it may refer to
    generic_persons: frozenset[str]
    new_modifiers: frozenset[str]
    extraposition: frozenset[str]
    home_sectors: frozenset[str]
    government_heads: frozenset[str]
    first_person: frozenset[str]
    speech: frozenset[str]
    compass: frozenset[str]


def load_coref_data() -> CorefData:
    """Read the shipped `data/actors/coreference.toml`."""
    text = resources.files("eventscope").joinpath("data", "actors", "coreference.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    pron, window, gender = raw["pronouns"], raw["window"], raw["gender"]
    return CorefData(
        male=frozenset(pron["male"]), female=frozenset(pron["female"]), singular=frozenset(pron["singular"]),
        plural=frozenset(pron["plural"]), pronoun_window=int(window["pronoun"]),
        description_window=int(window["description"]), candidates=int(window["candidates"]),
        female_words=frozenset(gender["female"]), male_words=frozenset(gender["male"]),
        descriptions={k: Description(frozenset(v.get("sectors", ())), frozenset(v.get("kinds", ())),
                                     frozenset(v.get("countries", ())), bool(v.get("states", False)))
                      for k, v in raw["descriptions"].items()},
        generic_persons=frozenset(raw["persons"]["generic"]), new_modifiers=frozenset(raw["modifiers"]["new"]),
        extraposition=frozenset(raw["pronouns"]["extraposition"]), home_sectors=frozenset(raw["home"]["sectors"]),
        government_heads=frozenset(raw["identity"]["government"]),
        first_person=frozenset(raw["quotes"]["first_person"]), speech=frozenset(raw["quotes"]["speech"]),
        compass=frozenset(raw["compass"]["words"]),
    )


@dataclass(slots=True)
class Seen:
    """An actor met on the walk: its mention, sentence ordinal, and whether it is a clause's subject."""

    mention: Mention
    sent: int
    subject: bool
    modifier: bool = False  # a named body modifying a noun ("NATO" in "NATO chief X"): a description's antecedent only
    coordination: bool = False  # the first of coordinated actors ("X and two aides"), for "they" only


class Coreference:
    """One document's references, resolved in place on the `DocActors` mentions."""

    def __init__(self, found: DocActors, data: CorefData) -> None:
        self.found, self.data = found, data
        self.doc, self.tokens, self.tree = found.doc, found.tokens, found.tree
        self.sent_of = found.sent_of
        self.coordinated = self._coordinated()
        self.queries: frozenset[str] = frozenset()  # the words `_same_words` may look up (set by `resolve`)
        self.span_words: dict[tuple[int, int], frozenset[str]] = {}  # (start, end) -> `_span_words`
        self.name_words: dict[tuple[str, str, tuple[str, ...]], frozenset[str]] = {}  # -> its `queries` words
        self.seen: list[Seen] = []
        self.by_head: defaultdict[str, list[Mention]] = defaultdict(list)  # word -> named or resolved actors with it
        self.gender: dict[int, str] = {}  # id(mention) -> "f" / "m" for people whose title tells it
        self.compass: dict[str, Mention] = {}  # "north" -> the last country named "North ..."

    # ---- the walk ---------------------------------------------------------------------------------
    def resolve(self) -> None:
        """Resolve every pronoun and generic phrase in text order, then share each entity's country."""
        pronouns = self.data.male | self.data.female | self.data.singular | self.data.plural
        marks: list[int] = []  # quotation marks, in text order
        starts: dict[int, list[Mention]] = {}
        for m in self.found.mentions:
            starts.setdefault(m.start, []).append(m)
        texts = self.found.texts
        cues = self.found.where(LOWER, *pronouns, *self.data.compass) + self.found.where(ORTH, *QUOTE_MARKS)
        the_heads = self._the_heads()
        self.queries = frozenset(texts[m.head].lower() for m in self.found.mentions if m.generic) \
            | frozenset(texts[i].lower() for i in the_heads)
        self.name_words.clear()  # filtered by the queries of this walk
        for i in sorted(starts.keys() | the_heads | set(cues)):  # no other token has anything to resolve
            here = starts.get(i)
            if here is not None:
                for m in here if len(here) == 1 else sorted(here, key=lambda m: m.start - m.end):
                    if m.generic and not m.known:
                        self._description(m)
                    self._remember(m)
            text = texts[i]
            word = text.lower()
            tok = self.tokens[i]
            if word in self.data.compass and tok.pos_ == "PROPN":
                self._half(tok)
            elif i in the_heads and i not in self.found.by_token and tok.pos_ == "NOUN" and self._definite(tok):
                described = self._described(tok)
                if described is not None:
                    self._remember(described)
            if word in pronouns and tok.tag_ in ("PRP", "PRP$"):
                pron = self._pronoun(tok)
                if pron is not None:
                    self._remember(pron)
                    self._owner_country(tok, pron)
            elif text in QUOTE_MARKS and tok.tag_ in (OPEN_QUOTE, CLOSE_QUOTE):
                marks.append(i)
        self._quotes(marks)
        for m in self.found.mentions:
            self._government(m)
        self.share()

    def _the_heads(self) -> set[int]:
        """The tokens with a "the" determiner, which `_definite` requires (found through the
        LOWER array, so the walk looks at no other token's tags)."""
        strings = self.doc.vocab.strings
        dets = (self.found.column(LOWER) == strings["the"]) & (self.found.column(DEP) == strings["det"])
        return {self.tree.heads[j] for j in numpy.flatnonzero(dets).tolist()}

    def _coordinated(self) -> set[int]:
        """The tokens with a noun or proper noun coordinated to them ("X and the others"), from the arrays."""
        strings = self.doc.vocab.strings
        pos = self.found.column(POS)
        conj = ((pos == strings["NOUN"]) | (pos == strings["PROPN"])) & (self.found.column(DEP) == strings["conj"])
        heads = self.tree.heads
        return {heads[c] for c in numpy.flatnonzero(conj).tolist() if heads[c] != c}

    def _remember(self, m: Mention) -> None:
        head = self.tokens[m.head]
        if m.head in self.found.places:
            return  # a city named as where something happens is referred back to as a place, not an actor
        if m.kind == "country" and m.country and self.found.texts[m.start].lower() in self.data.compass:
            self.compass[self.found.texts[m.start].lower()] = m  # "North Korea", "South Sudan"
        dep = head.dep_
        modifier = self._nested(m) or dep in ("amod", "compound", "nmod")
        if modifier and (m.kind not in ("organization", "group") or head.pos_ != "PROPN"):
            return  # a modifier ("Iranian" in "Iranian officials", "Russian flags") is not referred to
        subject = dep in SUBJECT_DEPS or (dep == "conj" and self.tree.head(head).dep_ in SUBJECT_DEPS)
        self.seen.append(Seen(m, self.sent_of[m.head], subject, modifier))
        if not modifier and dep != "conj" and m.head in self.coordinated:
            self.seen.append(Seen(m, self.sent_of[m.head], subject, coordination=True))  # "they": X and the others
        if m.kind == "person":
            words = set(m.title.split())
            gender = "f" if words & self.data.female_words else "m" if words & self.data.male_words else None
            if gender:
                self.gender[id(m)] = gender
        if not m.generic or m.known or m.country:
            for word in self._filed_words(m):
                self.by_head[word].append(m)

    def _filed_words(self, m: Mention) -> frozenset[str]:
        """The words of `_words(m)` that `_same_words` may look up: a country has dozens of alias words, and
        filing it under each cost more than the lookups."""
        names = self.name_words.get((m.name, m.title, m.aliases))
        if names is None:
            names = self.name_words[(m.name, m.title, m.aliases)] = _name_words(m.name, m.title, m.aliases) & self.queries
        return (self._span_words(m) & self.queries) | names

    def _nested(self, m: Mention) -> bool:
        other = self.found.by_token.get(self.tree.heads[m.head])
        return other is not None and other is not m and other.start <= m.start and m.end <= other.end \
            and (other.end - other.start) > (m.end - m.start)

    # ---- pronouns ---------------------------------------------------------------------------------
    def _pronoun(self, tok: Any) -> Mention | None:
        """A mention for a pronoun that carries its antecedent's resolution (None when none fits)."""
        word, d = tok.lower_, self.data
        if word.endswith("self") or word.endswith("selves"):
            return self._reflexive(tok)
        if word in d.singular and tok.dep_ not in SUBJECT_DEPS and tok.dep_ != "poss":
            return None
        if word in d.singular and self._expletive(tok):
            return None
        if self._blocked(tok):
            return None
        sent = self.sent_of[tok.i]
        verb = self._clause_verb(tok)
        doer = self._doer(tok, verb)
        current: list[Seen] = []
        earlier: list[Seen] = []
        for seen in self.seen[-d.candidates:]:
            m = seen.mention
            if seen.modifier or m.end > tok.i or sent - seen.sent > d.pronoun_window:
                continue
            if not (word in d.plural if seen.coordination else self._fits_pronoun(word, m)):
                continue
            if tok.dep_ in OBJECT_DEPS and seen.subject and verb is not None and self._clause_verb(self.tokens[m.head]) == verb:
                continue  # "X thanked him": him is not X
            if doer is not None and (m is doer or (m.name, m.kind) == (doer.name, doer.kind)):
                continue  # "Police said ... The police freed them": them is not the police, named before either
            (current if seen.sent == sent else earlier).append(seen)
        best = self._controller(tok) or self._reporter(tok) or _salient(current, nearest=True) \
            or _salient(earlier, nearest=False)
        return None if best is None else self._refer(tok, best)

    def _doer(self, tok: Any, verb: int | None) -> Mention | None:
        """The actor that is the subject of the clause an object pronoun is in (None for other pronouns)."""
        if tok.dep_ not in OBJECT_DEPS or verb is None:
            return None
        subj = next((c for c in self.tree.children(self.tokens[verb]) if c.dep_ == "nsubj"), None)
        return self.found.by_token.get(subj.i) if subj is not None else None

    def _reporter(self, tok: Any) -> Mention | None:
        """The subject pronoun of what a speaker says is the speaker, when it fits: "X said it would respond",
        "X urged calm and said it was concerned" (not the last actor named before it, "calm"'s neighbour)."""
        verb = next(self._verbs_above(tok), None) if tok.dep_ in SUBJECT_DEPS else None
        if verb is None or verb.dep_ != "ccomp" or self.tree.head(verb).lemma_.lower() not in self.data.speech:
            return None
        said, subj = self.tree.head(verb), None
        for _ in range(4):  # a reporting verb coordinated with an earlier one shares its subject
            subj = next((c for c in self.tree.children(said) if c.dep_ == "nsubj"), None)
            if subj is not None or said.dep_ != "conj":
                break
            said = self.tree.head(said)
        m = self.found.by_token.get(subj.i) if subj is not None else None
        return m if m is not None and m.end <= tok.i and self._fits_pronoun(tok.lower_, m) else None

    def _controller(self, tok: Any) -> Mention | None:
        """A possessive in an infinitive clause belongs to the object that controls the clause: "urged Iran
        to halt its programme", "pressed the rebels to end their advance" (not to the one who urges)."""
        verb = next(self._verbs_above(tok), None)
        if tok.dep_ != "poss" or verb is None or verb.dep_ != "xcomp":
            return None
        obj = next((c for c in self.tree.children(self.tree.head(verb)) if c.dep_ == "dobj"), None)
        m = self.found.by_token.get(obj.i) if obj is not None else None
        if m is None or m.end > tok.i:
            return None
        plural_state = tok.lower_ in self.data.plural and m.kind in GROUP_KINDS  # "asked India to waive their ..."
        return m if plural_state or self._fits_pronoun(tok.lower_, m) else None

    def _refer(self, tok: Any, best: Mention) -> Mention:
        """Record the pronoun `tok` as a mention of `best`."""
        d, word = self.data, tok.lower_
        pron = Mention(tok.i, tok.i + 1, tok.i, best.name, best.kind)
        adopt(pron, best)
        if word in d.female or word in d.male:
            self.gender.setdefault(id(best), "f" if word in d.female else "m")
        self.found.add(pron)
        return pron

    def _reflexive(self, tok: Any) -> Mention | None:
        """"X declared himself ...": a reflexive is the subject of its own clause (through "who")."""
        verb = self._clause_verb(tok)
        kids = [] if verb is None else self.tree.children(self.tokens[verb])
        subj = next((c for c in kids if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and self.tokens[verb].dep_ == "relcl":
            subj = self.tree.head(self.tokens[verb])
        m = None if subj is None else self.found.by_token.get(subj.i)
        return self._refer(tok, m) if m is not None and self._fits_pronoun(tok.lower_, m) else None

    def _blocked(self, tok: Any) -> bool:
        """Whether the pronoun refers to a phrase that is not an actor: the nearest subject above it is a
        plain noun ("the bloc said it would"), or a coordination ("Moon and Kim held their summit", which no
        single actor is), or, for an object, the object of the clause it is coordinated with is a plain plural
        noun ("condemned the bombings, and Chad called them cowardly")."""
        plural = tok.lower_ in self.data.plural
        head = self.tree.head(tok)
        if plural and tok.dep_ == "dobj" and head.dep_ == "conj":
            before = next((c for c in self.tree.children(self.tree.head(head)) if c.dep_ == "dobj"), None)
            if before is not None and before.tag_ == "NNS" and before.i not in self.found.by_token:
                return True
        for _, verb in zip(range(8), self._verbs_above(tok)):
            subjects = [c for c in self.tree.children(verb) if c.dep_ in SUBJECT_DEPS and c.i != tok.i
                        and c.i >= self.found.story_start]
            if not subjects:
                continue
            subj = max(subjects, key=lambda c: (c.i < tok.i, c.i if c.i < tok.i else -c.i))  # nearest before
            if any(c.dep_ == "conj" for c in self.tree.children(subj)):
                return plural
            if subj.i == head.i:
                continue  # "their governments questioned": the pronoun's own phrase
            if subj.i in self.found.by_token or subj.pos_ not in ("NOUN", "PROPN"):
                return False
            return (subj.tag_ in ("NNS", "NNPS")) == plural
        return False

    def _fits_pronoun(self, word: str, m: Mention) -> bool:
        d = self.data
        if word in d.male or word in d.female:
            gender = self.gender.get(id(m))
            return m.kind == "person" and gender != ("f" if word in d.male else "m")
        if word in d.singular:
            return m.kind in GROUP_KINDS and not self._plural(m)
        return m.kind == "group" or (m.kind in GROUP_KINDS and self._plural(m))  # "they": the rebels, not Iran

    def _plural(self, m: Mention) -> bool:
        """A plural noun, or a plural pronoun already resolved ("their" -> India: "they" may follow it)."""
        head = self.tokens[m.head]
        if head.is_upper and len(head.text) > 1 and m.kind == "organization":
            return False  # an acronym the tagger took for a plural by its final S ("ECOWAS", "ASEAN's")
        return head.tag_ in ("NNS", "NNPS") or head.lower_ in self.data.plural

    # ---- first person in direct quotes -------------------------------------------------------------
    def _quotes(self, marks: list[int]) -> None:
        """"I", "we", "our" inside a quote are its speaker: each opening mark pairs with the next closing
        one (a paragraph that goes on quoting reopens without closing: that opening mark is dropped)."""
        opened: int | None = None
        for i in marks:
            if self.tokens[i].tag_ == OPEN_QUOTE:
                opened = i
            elif opened is not None:
                speaker = self._speaker(opened, i)
                if speaker is not None:
                    for t in self.tokens[opened + 1:i]:
                        own = self.found.by_token.get(t.i)
                        if t.lower_ in self.data.first_person and t.tag_ in ("PRP", "PRP$") \
                                and (own is None or own.end - own.start > 1):
                            self._owner_country(t, self._refer(t, speaker))  # "our forces": the speaker's
                opened = None

    def _speaker(self, first: int, last: int) -> Mention | None:
        """The actor who says the quote between marks `first` and `last`: the subject of the reporting verb
        outside the quote that either mark hangs on ('"...," the minister said', 'He said: "..."')."""
        for mark in (last, first):
            verb = self.tree.head(self.tokens[mark])
            if first <= verb.i <= last or verb.lemma_.lower() not in self.data.speech:
                continue
            subj = next((c for c in self.tree.children(verb) if c.dep_ == "nsubj" and not first <= c.i <= last), None)
            if subj is None:
                continue
            named = next((c for c in self.tree.children(subj) if c.dep_ == "appos"), None)  # "the spokesman, X"
            return self.found.by_token.get(subj.i) or (self.found.by_token.get(named.i) if named is not None else None)
        return None

    # ---- descriptions and repeated phrases --------------------------------------------------------
    def _definite(self, tok: Any) -> bool:
        """A singular or plural noun with "the", in the descriptions list ("the alliance", "the group")."""
        word = tok.lemma_.lower()
        return (word in self.data.descriptions or tok.lower_ in self.data.descriptions) \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in self.tree.children(tok))

    def _described(self, tok: Any) -> Mention | None:
        """A description that is no agent word ("the alliance", "the bloc"), when it refers back to an actor."""
        first = next((c.i for c in self.tree.children(tok) if c.dep_ == "det"), tok.i) + 1
        m = Mention(first, tok.i + 1, tok.i, tok.text, "organization", generic=True)
        self._description(m)
        if not m.known:
            return None
        self.found.add(m)
        return m

    def _half(self, tok: Any) -> None:
        """"The North", "the South" (alone, not "the North Atlantic"): the country named "North ..." /
        "South ..." before ("North Korea", "South Sudan")."""
        full = self.compass.get(tok.lower_)
        after = self.tokens[tok.i + 1] if tok.i + 1 < len(self.tokens) else None
        if full is None or (after is not None and after.pos_ == "PROPN") \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in self.tree.children(tok)):
            return
        m = self.found.by_token.get(tok.i)
        if m is None or m.end - m.start > 1:
            m = self.found.add(Mention(tok.i, tok.i + 1, tok.i, tok.text, full.kind))
        adopt(m, full)
        self._remember(m)

    def _owner_country(self, tok: Any, pron: Mention) -> None:
        """"Its fighters", "his supporters": an agent owned by a resolved pronoun is of the owner's country."""
        owned = self.found.by_token.get(self.tree.heads[tok.i]) if tok.dep_ == "poss" else None
        if owned is not None and owned is not pron and owned.generic and owned.country is None:
            owned.country = pron.country

    def _description(self, m: Mention) -> None:
        """Resolve a generic phrase to an earlier actor: same words anywhere before, else a description of
        the actor's kind nearby."""
        if m.country is not None and m.kind != "person":
            return
        head = self.tokens[m.head]
        kids = self.tree.children(head)
        if any(c.dep_ == "poss" for c in kids):
            return  # "his supporters", "Iran's army": owned, not a reference
        mods = [c for c in kids if c.dep_ in MODIFIER_DEPS and c.i < head.i]
        words = {c.lower_ for c in mods if c.dep_ in ("amod", "compound")} | {head.lower_}
        new = {c.lower_ for c in mods} & self.data.new_modifiers
        full = self._same_words(m, words, new) or self._by_kind(m, head, words, new)
        if full is not None:
            adopt(m, full)

    def _same_words(self, m: Mention, words: set[str], new: set[str]) -> Mention | None:
        """The last actor whose words contain the phrase's, preferring one the word heads: "the alliance"
        is the "... Brotherhood Alliance" rather than a later-named "... Alliance Army" that is one of its members."""
        head = self.tokens[m.head]
        fallback = None
        for full in reversed(self.by_head.get(head.lower_, [])[-self.data.candidates:]):
            if full is m or full.start >= m.start:
                continue
            have = self._words(full)
            if words <= have and not new - have and self._compatible(m, full) \
                    and (m.kind == "person") == (full.kind == "person"):
                if self.tokens[full.head].lemma_.lower() == head.lemma_.lower():
                    return full
                fallback = fallback or full
        return fallback

    def _by_kind(self, m: Mention, head: Any, words: set[str], new: set[str]) -> Mention | None:
        if new:
            return None
        sent = self.sent_of[m.head]
        lemma = head.lemma_.lower()
        rule = self.data.descriptions.get(head.lower_) or self.data.descriptions.get(lemma)
        person = m.kind == "person" and not self._plural(m)
        if rule is None and not person:
            return None
        for seen in reversed(self.seen[-self.data.candidates:]):
            full = seen.mention
            if sent - seen.sent > self.data.description_window:
                break
            if full is m or full.generic and not full.known or not self._compatible(m, full):
                continue
            if person:
                if seen.sent == sent:
                    continue  # "X welcomed the Bolivian leader": within a sentence only apposition names X again
                if full.kind == "person" and (lemma in self.data.generic_persons or words <= set(full.title.split())):
                    return full
                continue
            sectors, kinds, countries, states = rule  # type: ignore[misc]
            if countries and full.country not in countries:
                continue
            unknown = full.sector is None and "group" in kinds and "GOV" not in sectors  # a group the dictionary lacks
            unknown = unknown or (states and full.kind == "country" and full.sector is None)  # "Niger" as the junta
            if (kinds and full.kind not in kinds) or (sectors and full.sector not in sectors and not unknown):
                if lemma not in self._words(full):
                    continue
            return full
        return None

    def _compatible(self, m: Mention, full: Mention) -> bool:
        """A reference's own country, if any, must be the actor's."""
        return m.country is None or full.country is None or m.country == full.country

    def _words(self, m: Mention) -> frozenset[str]:
        """Lower-case words of an actor's text, name, aliases and title, with the lemmas of its text."""
        return self._span_words(m) | _name_words(m.name, m.title, m.aliases)

    def _span_words(self, m: Mention) -> frozenset[str]:
        """The lower-case words and lemmas of a mention's tokens, read once per span."""
        span = self.span_words.get((m.start, m.end))
        if span is None:
            toks = self.tokens[m.start:m.end]
            span = self.span_words[(m.start, m.end)] = frozenset({t.lower_ for t in toks} | {t.lemma_.lower() for t in toks})
        return span

    def _government(self, m: Mention) -> None:
        """"Colombia's government", "the Colombian government", "the government of Colombia" and "Bogota"
        are one actor: the dictionary's government of the country, when nothing else qualifies the phrase."""
        if not m.generic or m.known or m.country is None:
            return
        head = self.tokens[m.head]
        if head.lemma_.lower() not in self.data.government_heads:
            return
        for c in self.tree.children(head):
            if c.dep_ in ("amod", "compound", "nmod", "poss") or (c.dep_ == "prep" and c.lower_ != "of"):
                cue = self.found.by_token.get(c.i)
                if c.dep_ == "prep" or cue is None or cue.kind != "country" or cue.country != m.country:
                    return
        entry = self.found.dictionary.government(m.country)
        if entry is not None:
            text = m.name
            m.name, m.kind, m.id, m.sector, m.known = entry.name, entry.kind, entry.id, entry.sector, True
            m.aliases = tuple(dict.fromkeys((*entry.aliases, text)))

    # ---- clauses ------------------------------------------------------------------------------------
    def _clause_verb(self, tok: Any) -> int | None:
        """The index of the verb whose clause a token is in, the first of coordinated verbs ("X flew to Y and
        met him": one clause), None at a verbless root."""
        verb = next(self._verbs_above(tok), None)
        if verb is None:
            return None
        for _ in range(len(self.tokens)):
            if verb.dep_ != "conj" or self.tree.head(verb).pos_ not in ("VERB", "AUX"):
                break
            verb = self.tree.head(verb)
        return verb.i

    def _verbs_above(self, tok: Any) -> Iterator[Any]:
        """The verbs at and above a token, nearest first (bounded by the sentence)."""
        if tok.pos_ in ("VERB", "AUX"):
            yield tok
        for head in self.tree.ancestors(tok):
            if head.pos_ in ("VERB", "AUX"):
                yield head

    def _expletive(self, tok: Any) -> bool:
        """'It' that refers to nothing: "it is expected that ...", "it was not clear whether ..."."""
        if tok.dep_ == "expl":
            return True
        verb = self.tree.head(tok)
        if verb.lemma_ not in ("be", "seem", "appear", "remain"):
            return False
        kids = self.tree.children(verb)
        deps = {c.dep_ for c in kids}
        extraposed = any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in self.data.extraposition for c in kids)
        return ("ccomp" in deps and bool(deps & {"acomp", "attr"})) or (extraposed and "xcomp" in deps)

    # ---- one entity, one resolution -----------------------------------------------------------------
    def share(self) -> None:
        """Mentions of one named entity (same id, or same name and kind) share the one country and sector
        that any of them has; when they disagree, each keeps its own."""
        groups: dict[tuple[str, str, str], list[Mention]] = {}
        for m in self.found.mentions:
            if m.generic and not m.known:
                continue
            key = (m.id or "", m.name.lower(), m.kind)  # "Kenya" and its government share an id, not a name
            groups.setdefault(key, []).append(m)  # type: ignore[arg-type]
        for members in groups.values():
            office = next((m.sector for m in members if m.kind == "person" and m.sector in STATELESS_SECTORS), None)
            if office is not None:  # "UN Secretary-General X" ... "X": an international official throughout
                for m in members:
                    m.country, m.sector = None, office
                continue
            countries = {m.country for m in members if m.country}
            sectors = {m.sector for m in members if m.sector}
            for m in members:
                if len(countries) == 1 and m.country is None:
                    m.country = next(iter(countries))
                if len(sectors) == 1 and m.sector is None and m.kind != "country":
                    m.sector = next(iter(sectors))  # a country named as itself is no sector of what refers to it


@lru_cache(maxsize=1 << 14)
def _name_words(name: str, title: str, aliases: tuple[str, ...]) -> frozenset[str]:
    """The lower-case words of a name, title and aliases, cached: a country's many aliases come back in
    every reference to it."""
    return frozenset(word for text in (name, title, *aliases) for word in text.lower().split())


def _salient(cands: list[Seen], nearest: bool) -> Mention | None:
    """The preferred antecedent, a subject before any other actor: in the pronoun's own sentence the
    nearest; in earlier ones the first (the main clause's) of the latest sentence that has one."""
    if not cands:
        return None
    if nearest:
        ordered = cands[::-1]
    else:
        last = max(c.sent for c in cands)
        ordered = [c for c in cands if c.sent == last]
    best = next((c for c in ordered if c.subject), None) or next((c for c in ordered if not c.mention.generic), None)
    return (best or ordered[0]).mention
