"""Find and resolve the actor mentions of one parsed document.

Three sources, resolved in passes so later ones can use earlier ones as context:
1. dictionary phrases (countries, demonyms, capitals, organizations, groups, people);
2. named entities and agent noun phrases ("Iranian officials"), which take their
   country from modifiers, possessives, "X-based" and "of X" phrases;
3. people, who also take country and sector from titles and appositives.
Acronyms defined in the text and short names ("Mamlouk") then point back at the
full mention.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import DEP, IDX, LOWER, ORTH, POS, SPACY

from ...records import Actor
from ...nlp.syntax import entity_bounds
from .dictionary import ActorDictionary, Entry, normalize
from .tree import DocTree
from ..frame import parse_dateline

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PLACE_LABELS = {"GPE", "FAC", "LOC"}
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organization", "NORP": "group"}
DETERMINERS = {"the", "a", "an", "some", "several", "many", "other", "both", "all", "its", "their", "his", "her"}
PERSON_HEADS = (
    "ist", "er", "or", "man", "woman", "person", "official", "minister", "president", "envoy", "diplomat",
    "general", "leader", "chief", "judge", "head", "king", "emir", "prince", "premier", "senator", "resident",
    "civilian", "soldier", "militant", "journalist", "spokesperson", "mp", "lawmaker",
)
NP_PREPS = {"of", "from"}
# Prepositions whose object gives a phrase its country: "officials of X", "envoy from X", "police in X".
CUE_PREPS = {"of", "from", "in"}
# Prepositions that place a clause: "the rally in X", "a visit to X" (for `host_pass`).
LOCATIVE_PREPS = {"in", "at"}
# Sectors of international actors, which no place in the text gives a country (the UN, NGOs).
STATELESS_SECTORS = frozenset({"IGO", "NGO"})
# Prepositions whose object is where something happens, not a party to it ("in Dakar", "across Bamako").
PLACE_PREPS = frozenset({"in", "inside", "near", "outside", "across", "throughout", "around", "within"})
# The columns of `DocActors.arrays`.
ARRAY_ATTRS = (ORTH, SPACY, IDX, LOWER, DEP, POS)
HOST_HEADS = {"visit", "trip", "travel", "fly", "arrive", "go", "come", "return", "tour", "journey"}
MAX_GAP = 3  # punctuation tokens a dictionary phrase may skip ("al-Qaeda", "Washington, D.C.")
MAX_TITLE = 6  # tokens of a title written before a name ("UN Secretary - General", "EU foreign policy chief")
TITLE_DEPS = frozenset({"compound", "amod", "punct", "flat", "nmod"})  # how a title's words hang on the name


@dataclass(slots=True)
class Mention:
    """A mention being built: token span [start, end), the head token index and its resolution."""

    start: int
    end: int
    head: int
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    id: str | None = None
    aliases: tuple[str, ...] = ()
    known: bool = False  # resolved from the dictionary or from an earlier mention
    generic: bool = False  # an agent phrase ("officials"), not a name
    title: str = ""  # a person's title or description, lower case ("foreign minister", "powerful sister")


@dataclass
class DocActors:
    """Per-document state of the resolver; `run()` returns the document's actors."""

    doc: Any
    dictionary: ActorDictionary
    day: str  # article date as YYYYMMDD
    pieces: list[str] = field(init=False)
    tree: DocTree = field(init=False)  # tokens, heads and children, made once (spaCy builds a Token per access)
    tokens: list[Any] = field(init=False)  # the tree's tokens (doc[i] builds a new Token per call)
    texts: list[str] = field(init=False)
    arrays: Any = field(init=False)  # every token's `ARRAY_ATTRS`, one row per token, for prefilters
    idx: list[int] = field(init=False)  # each token's char offset
    sent_start: list[int] = field(init=False)  # index of the first token of each token's sentence
    sent_of: list[int] = field(init=False)  # each token's sentence ordinal
    ents: list[tuple[int, int, str]] = field(init=False)  # (start, end, label): doc.ents builds new Spans per call
    text: str = field(init=False)
    by_token: dict[int, Mention] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    story_start: int = field(init=False)  # first token after the dateline ("LIMA, Peru (Reuters) -")
    places: set[int] = field(default_factory=set)  # head tokens of capitals named as places ("in Dakar")
    roles: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)  # id(entry) -> `_at(entry)`

    def __post_init__(self) -> None:
        self.tree = DocTree(self.doc)
        self.tokens = self.tree.tokens
        self.ents = entity_bounds(self.doc)
        self.arrays = self.doc.to_array(list(ARRAY_ATTRS))  # one array, no Token properties
        orth, spaces, self.idx = self.arrays[:, :3].T.tolist()
        strings = self.doc.vocab.strings
        self.texts = list(map(strings.__getitem__, orth))  # each `tok.text`
        self.text = "".join([t + " " if space else t for t, space in zip(self.texts, spaces)])  # `doc.text`
        dateline = parse_dateline(self.text)
        self.story_start = 0 if dateline is None else bisect_left(self.idx, dateline.end)
        self.pieces = list(map(_piece, self.texts))
        self.sent_start, self.sent_of = [0] * len(self.tokens), [0] * len(self.tokens)
        for k, sent in enumerate(self.doc.sents):  # (nlp.syntax.Sentences would read each sentence's chars too)
            start, end = sent.start, sent.end
            self.sent_start[start:end], self.sent_of[start:end] = [start] * (end - start), [k] * (end - start)

    def column(self, attr: int) -> Any:
        """Every token's `attr` (ORTH, LOWER, DEP or POS: a string's hash, POS a symbol) as an array."""
        return self.arrays[:, ARRAY_ATTRS.index(attr)]

    def where(self, attr: int, *values: str) -> list[int]:
        """Indices of the tokens whose `attr` is one of the strings `values`, compared by hash (making no Token;
        one comparison of every token with every value, which for a few dozen values beats `numpy.isin`)."""
        hashes = numpy.array([self.doc.vocab.strings[v] for v in values], dtype=self.arrays.dtype)
        return numpy.flatnonzero((self.column(attr)[:, None] == hashes).any(axis=1)).tolist()

    # ---- pass 1: dictionary phrases -------------------------------------------------
    def _longest(self, i: int) -> tuple[int, str, int, str]:
        """Longest named-actor and agent phrases starting at token i: (end, key) for each. (Called at most
        tokens, so the dictionary's tables are read directly.)"""
        d, pieces, sent_start = self.dictionary, self.pieces, self.sent_start
        prefixes, actors, agents, max_words = d.prefixes, d.actors, d.agents, d.max_words
        key, words, gap = "", 0, 0
        end, name, agent_end, agent = 0, "", 0, ""
        for j in range(i, len(pieces)):
            piece = pieces[j]
            if not piece:
                gap += 1
                if gap > MAX_GAP or sent_start[j] == j:
                    break
                continue
            key = f"{key} {piece}" if key else piece
            words += 1
            if key not in prefixes or words > max_words:
                break
            if actors.get(key):  # `d.lookup(key)`
                end, name = j + 1, key
            if agents.get(key):  # `d.agent_sector(key)`
                agent_end, agent = j + 1, key
        return end, name, agent_end, agent

    def _acceptable(self, start: int, end: int, entry: Entry) -> bool:
        """Named phrases must look like names: capitalized, acronyms in capitals, surnames proper nouns."""
        if not any(c.isupper() for c in self._text(start, end)):
            return False
        if end - start == 1:
            tok = self.tokens[start]
            if len(self.pieces[start]) <= 3 and not (tok.text.isupper() or "." in tok.text):
                return False
            if entry.kind == "person" and tok.pos_ != "PROPN" and tok.ent_type_ != "PERSON":
                return False
        return True

    def dictionary_pass(self) -> list[tuple[int, int, str]]:
        """Add named dictionary mentions; return the agent phrases found as (start, end, sector)."""
        agents: list[tuple[int, int, str]] = []
        prefixes = self.dictionary.prefixes
        covered = 0  # end of the last named phrase: no phrase starts inside it
        starts = [i for i, piece in enumerate(self.pieces) if piece in prefixes]  # no other word starts a phrase
        for i in starts:
            if i < covered or self.tokens[i].is_punct:
                continue
            end, key, agent_end, agent_key = self._longest(i)
            entries = self.dictionary.lookup(key) if end else ()
            if entries and self._acceptable(i, end, entries[0]) and end >= agent_end:
                self.add(self._from_entry(i, end, entries[0]))
                covered = end
                continue
            if agent_end:
                agents.append((i, agent_end, self.dictionary.agent_sector(agent_key) or ""))
        return agents

    def _from_entry(self, start: int, end: int, entry: Entry) -> Mention:
        country, sector = self._at(entry)
        head = self.tree.root(start, end)
        return Mention(start, end, head, entry.name, entry.kind, country, sector, entry.id, entry.aliases, known=True)

    def _at(self, entry: Entry) -> tuple[str | None, str | None]:
        """`entry.at(self.day)`, once per entry and document (a name comes back, and its roles are many)."""
        found = self.roles.get(id(entry))  # the dictionary keeps every entry alive: ids are never reused
        if found is None:
            found = self.roles[id(entry)] = entry.at(self.day)
        return found

    def _drop(self, m: Mention) -> None:
        self.mentions.remove(m)
        for t in range(m.start, m.end):
            if self.by_token.get(t) is m:
                del self.by_token[t]

    def add(self, m: Mention) -> Mention:
        """Record a mention; a token keeps the smallest mention covering it. The dateline's places and
        agency say where and by whom the story was filed: they are not actors of it."""
        if m.start < self.story_start:
            return m
        self.mentions.append(m)
        for t in range(m.start, m.end):
            old = self.by_token.get(t)
            if old is None or (m.end - m.start) < (old.end - old.start):
                self.by_token[t] = m
        return m

    # ---- context cues ---------------------------------------------------------------
    def cue(self, start: int, end: int, head: int) -> Mention | None:
        """The first earlier mention with a country among the tokens [start, end) (modifiers, possessors,
        "X-based"), other than the one naming the `head` token itself."""
        for t in range(start, end):
            m = self.by_token.get(t)
            if m is not None and m.country and not m.start <= head < m.end:
                return m
        return None

    def context_cue(self, head: Any) -> Mention | None:
        """Country cue of the noun phrase headed by `head`: pre-modifiers first, then "of/from X"."""
        found = self.cue(head.left_edge.i, head.i + 1, head.i)
        if found is not None:
            return found
        for prep in self._cue_preps(head):
            if prep.lower_ in CUE_PREPS:
                for obj in self.tree.children(prep):
                    if obj.dep_ == "pobj":
                        found = self.by_token.get(obj.i) or self.cue(obj.left_edge.i, obj.i + 1, -1)
                        if found is not None and found.country:
                            return found
        return None

    def _cue_preps(self, head: Any) -> list[Any]:
        """Prepositions after a noun that may name its place, also through "based" ("a group based in X")."""
        rights = self.tree.rights(head)
        preps = [c for c in rights if c.dep_ == "prep"]
        for acl in rights:
            if acl.dep_ == "acl" and acl.lemma_ == "base":
                preps.extend(c for c in self.tree.children(acl) if c.dep_ == "prep")
        return preps

    def agent_of(self, start: int, end: int) -> str | None:
        """The sector of the longest agent phrase ending at `end` inside [start, end)."""
        words: list[str] = []  # the last words before `end`, as many as the dictionary's longest key has
        for i in range(end - 1, start - 1, -1):
            if len(words) == self.dictionary.max_words:
                break
            if self.pieces[i]:
                words.append(self.pieces[i])
        words.reverse()
        for i in range(len(words)):
            sector = self.dictionary.agent_sector(" ".join(words[i:]))
            if sector:
                return sector
        return None

    def title_sector(self, start: int, end: int) -> str | None:
        """The sector of a title: its first agent phrase from the left, so the word that qualifies the office
        decides ("Opposition leader" -> OPP, "Army chief" -> MIL, "Foreign Minister" -> GOV)."""
        for i in range(start, end):
            for j in range(min(end, i + self.dictionary.max_words), i, -1):
                sector = self.dictionary.agent_sector(" ".join(p for p in self.pieces[i:j] if p))
                if sector:
                    return sector
        return None

    # ---- pass 2: entities and agent noun phrases ------------------------------------
    def np_head(self, tok: Any) -> Any:
        """Climb from a name to the noun it names ("Ali Mamlouk" -> "man" in "point man Ali Mamlouk")."""
        for head in self.tree.ancestors(tok):
            if tok.dep_ not in ("compound", "appos", "flat") or head.pos_ not in ("NOUN", "PROPN"):
                break
            tok = head
        return tok

    def entity_pass(self, labels: set[str]) -> None:
        """Add a mention for each named entity with one of `labels` that is not already resolved."""
        for ent_start, ent_end, label in self.ents:
            if label not in labels:
                continue
            start = ent_start + (1 if self.tokens[ent_start].lower_ in DETERMINERS else 0)
            words = self.texts[ent_start:ent_end]
            end = ent_start + words.index("(") if "(" in words else ent_end  # "Front (NVDF": "Front"
            end -= 1 if self.tokens[end - 1].dep_ == "case" else 0
            end = self._hyphenated_end(end)
            if start >= end:
                continue
            known = self.by_token.get(self.tree.root(start, end))
            if known is not None and known.start <= start and known.end >= end:
                continue  # the dictionary already has this span (or a larger one)
            if known is not None and label == "ORG" and self.tokens[known.start - 1].pos_ == "PROPN":
                self._drop(known)  # "Supreme National Security Council" is not "National Security Council"
            if known is not None and known.known and label == "PERSON" and known.kind == "person":
                continue
            if label in PLACE_LABELS:
                continue  # an unknown place is not an actor
            if label == "PERSON":  # "Hassan" inside "Hassan Sheikh Mohamud" is not another person
                for t in range(start, end):
                    part = self.by_token.get(t)
                    if part is not None and part.kind == "person" and start <= part.start and part.end <= end:
                        self._drop(part)
            self.add(self._entity_mention(start, end, label))

    def _hyphenated_end(self, end: int) -> int:
        """A name goes on through hyphens written without spaces ("Kim Yeon" + "-chul"), which the
        entity recognizer often cuts."""
        for _ in range(len(self.tokens)):
            if end + 1 >= len(self.tokens) or self.texts[end] != "-" or self.tokens[end - 1].whitespace_ \
                    or self.tokens[end].whitespace_ or not self.texts[end + 1][:1].isalpha():
                break
            end += 2
        return end

    def _entity_mention(self, start: int, end: int, label: str) -> Mention:
        root = self.tokens[self.tree.root(start, end)]
        title_start = start
        while label in ("PERSON", "ORG") and title_start > 0 and title_start - 1 not in self.by_token:
            prev = self.tokens[title_start - 1]
            if prev.dep_ != "compound" or not title_start <= self.tree.heads[prev.i] < end \
                    or not self.agent_of(title_start - 1, start):
                break
            title_start -= 1
        if label == "ORG" and title_start < start and _agent_kind(self.tokens[start - 1]) != "person":
            title_start = start  # "Opposition leader X" names a person the parser took for an organization
        label = "PERSON" if title_start < start else label
        inner = self.cue(start, end, root.i) if label != "PERSON" else None  # a name is no cue
        inner = inner if inner is None or inner.kind == "country" else None
        m = Mention(title_start, end, root.i, _clean(self._text(start, end)), KIND_OF_LABEL.get(label, "organization"))
        m.sector = self.title_sector(title_start, start) if title_start < start else None
        m.title = self._text(title_start, start).lower() if title_start < start else self._related_title(root)
        m.sector = m.sector or self.agent_of(start, end) or self.agent_of(root.left_edge.i, start)
        found = inner or self.context_cue(root) or self._related_cue(root)
        if found is not None:
            m.country = found.country
            if label == "NORP" and found.kind == "country":
                m.kind = "group"
        m.sector = m.sector or self._related_sector(root)
        return m

    def _related(self, root: Any) -> list[Any]:
        """Nouns a name is appended to or in apposition with ("the head of X, Ali Shamkhani")."""
        out = [c for c in self.tree.children(root) if c.dep_ == "appos"]
        head = self.np_head(root)
        if head.i != root.i:
            out.append(head)
        if root.dep_ == "conj" or head.dep_ == "appos":
            out.append(self.tree.head(head))
        return out

    def _related_cue(self, root: Any) -> Mention | None:
        for noun in self._related(root):
            found = self.context_cue(noun)
            if found is not None:
                return found
        return None

    def _related_title(self, root: Any) -> str:
        """The description a name is in apposition with ("X, the acting foreign minister" -> "acting foreign
        minister"), when it is a person noun."""
        for noun in self._related(root):
            if noun.pos_ == "NOUN" and _agent_kind(noun) == "person":
                edge = noun.left_edge
                first = edge.i + (1 if edge.lower_ in DETERMINERS else 0)
                return self._text(first, noun.i + 1).lower()
        return ""

    def _related_sector(self, root: Any) -> str | None:
        for noun in self._related(root):
            sector = self.agent_of(noun.left_edge.i, noun.i + 1)
            m = self.by_token.get(noun.i)
            if sector or (m is not None and m.sector):
                return sector or m.sector
        return None

    def qualified_pass(self) -> None:
        """A dictionary body qualified by another country ("the French Senate", "Rwanda's Senate" when the
        dictionary's "Senate" is one country's) is that other country's body of the same kind, not the entry:
        the country comes from the actor's own modifier, never from the entry of a shared name. The same name
        later without a qualifier ("the Senate adjourned") is that body again."""
        local: dict[str, Mention] = {}  # entry id -> the other country's body named so in this document
        for m in self.mentions:
            if not m.known or m.kind != "organization" or not m.country or m.sector in STATELESS_SECTORS:
                continue
            head = self.tokens[m.head]
            cue = next((o for c in self.tree.children(head) if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < m.start
                        and (o := self.by_token.get(c.i)) is not None and o.kind == "country" and o.country), None)
            if cue is not None and cue.country != m.country:
                words = self._text(cue.start + (1 if self.tokens[cue.start].lower_ in DETERMINERS else 0), m.end)
                local[m.id or m.name] = m
                m.name, m.country, m.id, m.aliases = _clean(words), cue.country, None, ()
            elif cue is None and (m.id or m.name) in local:
                adopt(m, local[m.id or m.name])

    def office_pass(self) -> None:
        """A person named with the title of an international body ("UN Secretary-General X", "X, the NATO
        chief") holds that office: the body's sector and no country, whatever (possibly expired) national
        role the dictionary gives the name."""
        for m in self.mentions:
            if m.kind != "person" or m.generic:
                continue
            root = self.tokens[m.head]
            first = m.start
            for _ in range(MAX_TITLE):  # the title written before the name: "UN Secretary - General"
                prev = self.tokens[first - 1] if first > self.story_start else None
                if prev is None or prev.dep_ not in TITLE_DEPS or not first <= self.tree.heads[prev.i] < m.end:
                    break
                first -= 1
            spans = [(first, m.end)] + [(n.left_edge.i, n.i + 1) for n in self._related(root) if n.pos_ == "NOUN"]
            body = next((o for a, b in spans for t in range(a, b) if (o := self.by_token.get(t)) is not None
                         and o is not m and o.kind == "organization" and o.sector in STATELESS_SECTORS), None)
            if body is not None:
                m.country, m.sector = None, body.sector

    def agent_pass(self, agents: list[tuple[int, int, str]]) -> None:
        """Add a mention for each agent noun phrase: "Russian troops", "officials of the Islamic Republic"."""
        for start, end, sector in agents:
            head = self.tokens[end - 1]
            if head.pos_ not in ("NOUN", "PROPN") or not self.by_token.keys().isdisjoint(range(start, end)):
                continue
            name = self.tree.head(head)
            if head.dep_ == "compound" and name.pos_ == "PROPN" and name.i not in self.by_token \
                    and not any(t.ent_type_ for t in self.tokens[name.left_edge.i:name.i + 1]):
                self.add(self._named_by_agent(name, sector))
                continue
            if head.dep_ in ("compound", "amod") or head.ent_type_:
                continue
            np_start = head.left_edge.i
            np_start += 1 if self.tokens[np_start].lower_ in DETERMINERS else 0
            np_end = self._pp_end(head)
            name = _clean(self._text(np_start, np_end))
            first = self.tokens[np_start]
            if self.sent_start[np_start] == np_start and first.pos_ in ("NOUN", "NUM", "DET") and not first.ent_type_ \
                    and not first.is_upper:
                name = name[:1].lower() + name[1:]  # "Police said" and "the police" name one agent
            m = Mention(np_start, np_end, head.i, name, _agent_kind(head), sector=sector, generic=True)
            found = self.context_cue(head)
            m.country = found.country if found is not None else None
            stateless = next((o for t in range(np_start, head.i) if (o := self.by_token.get(t)) is not None
                              and o.sector in STATELESS_SECTORS), None)
            if stateless is not None and m.country is None:
                m.sector = stateless.sector  # "UN officials" are the UN's, not a government's
            self.add(m)

    def _pp_end(self, head: Any) -> int:
        """End of the phrase: include "of/from X" when X is an actor (it says whose they are)."""
        end = head.i + 1
        for prep in self.tree.rights(head):
            if prep.dep_ == "prep" and prep.lower_ in NP_PREPS:
                objs = [o for o in self.tree.children(prep) if o.dep_ == "pobj" and o.i in self.by_token]
                if objs:
                    end = max(end, objs[0].right_edge.i + 1)
        return end

    def _named_by_agent(self, name: Any, sector: str) -> Mention:
        """A proper noun the parser did not tag, named by its agent word ("think-tank Jusoor")."""
        first = name.i
        while first > 0 and self.tokens[first - 1].pos_ == "PROPN" and self.tree.heads[first - 1] == name.i:
            first -= 1
        edge = name.left_edge
        np_start = edge.i + (1 if edge.lower_ in DETERMINERS else 0)
        m = Mention(np_start, name.i + 1, name.i, _clean(self._text(first, name.i + 1)), "organization", sector=sector)
        found = self.context_cue(name)
        m.country = found.country if found is not None else None
        return m

    # ---- pass 3: links inside the document ------------------------------------------
    def appositive_pass(self) -> None:
        """A generic phrase in apposition with a name is that name ("Assad's envoy, Ali Mamlouk")."""
        for m in self.mentions:
            if not m.generic or m.known:
                continue
            head = self.tokens[m.head]
            links = [c for c in self.tree.children(head) if c.dep_ == "appos"] \
                + ([self.tree.head(head)] if head.dep_ == "appos" else [])
            for other in links:  # "Assad's envoy, Ali Mamlouk" and "Ali Mamlouk, Assad's envoy"
                named = self.by_token.get(other.i)
                if named is not None and named is not m and named.kind == "person" and not named.generic:
                    adopt(m, named)
                    break

    def link_pass(self) -> None:
        """Acronyms defined in parentheses and short names resolve to the full mention."""
        acronyms: dict[str, Mention] = {}
        texts = self.texts
        for i in range(1, len(texts) - 2):
            if texts[i] == "(" and texts[i + 2] == ")" and _is_acronym(texts[i + 1]):
                full = self.by_token.get(i - 1)
                if full is not None and full.end == i:
                    acronyms.setdefault(texts[i + 1], full)
        people = [m for m in self.mentions if m.kind == "person" and m.end - m.start > 1 and not m.generic]
        for m in list(self.mentions):
            full = acronyms.get(self._text(m.start, m.end)) if acronyms else None
            if full is None and m.kind in ("person", "organization") and m.end - m.start == 1 and not m.known \
                    and not m.generic:
                text = texts[m.start]  # the mention's one token
                full = next((p for p in people if p.start < m.start and texts[p.end - 1] == text), None)
            if full is not None and full is not m:
                adopt(m, full)
        surnames = {texts[p.end - 1]: p for p in people}
        names = acronyms.keys() | surnames.keys()
        for i, text in enumerate(texts):
            if text not in names:
                continue  # neither an acronym nor a surname: no short mention here
            full = acronyms.get(text)
            person = surnames.get(text) if text[:1].isupper() else None
            if full is None and person is not None and person.end <= i:
                full = person
            if full is not None and i not in self.by_token:
                m = replace(full, start=i, end=i + 1, head=i)
                self.add(m)

    def host_pass(self) -> None:
        """An agent with no country takes the host country of its clause, when it has exactly one: the
        country of the "in/at X" places of the verb it is an argument of ("officials met in X"), or, for
        anyone named after it, of "a visit to X" ("paid a visit to X where he met President Y"). A place
        elsewhere in the sentence says nothing of whose an actor is ("summoned Canada's diplomat in New
        Delhi" does not make Canada's prime minister Indian), and international actors have no host."""
        hosts: dict[int, list[tuple[int, int | None, str]]] = {}  # sentence start -> (first token, verb, country)
        preps = self.where(DEP, "prep")
        for prep in map(self.tokens.__getitem__, preps):
            if prep.lower_ not in LOCATIVE_PREPS and prep.lower_ != "to":
                continue  # (the test below, without reading the head)
            lemma = self.tree.head(prep).lemma_
            travel = lemma in HOST_HEADS
            if lemma == "base" or not (prep.lower_ in LOCATIVE_PREPS or (prep.lower_ == "to" and travel)):
                continue
            obj = next((c for c in self.tree.children(prep) if c.dep_ == "pobj"), None)
            m = self.by_token.get(obj.i) if obj is not None else None
            if m is not None and m.kind == "country" and m.country:  # a traveller is not from where they go
                sent = self.sent_start[prep.i]
                hosts.setdefault(sent, []).append((prep.i, None, m.country) if travel else (sent, self.tree.verb_above(prep).i, m.country))
        for m in self.mentions:
            if m.country or not m.sector or m.kind == "country" or m.sector in STATELESS_SECTORS:
                continue
            sent = self.sent_start[m.head]
            verb = self.tree.verb_above(self.tokens[m.head]).i
            found = {c for first, at, c in hosts.get(sent, ())
                     if (at is None and m.start > first) or (at == verb and m.generic)}
            if len(found) == 1:
                m.country = found.pop()

    def place_pass(self) -> None:
        """A capital named as where something happens ("talks in Dakar", "protests across Bamako") is the
        country as a place (where the actors are, as CAMEO codes them), not the government it stands for as
        a subject or party ("Dakar said", "talks with Dakar")."""
        for m in self.mentions:
            head = self.tokens[m.head]
            if m.kind != "country" or m.sector != "GOV" or not m.country or head.dep_ != "pobj" \
                    or self.tree.head(head).lower_ not in PLACE_PREPS:
                continue
            government, country = self.dictionary.government(m.country), self.dictionary.country(m.country)
            if government is not None and government.name == m.name and country is not None:
                m.name, m.id, m.sector, m.aliases = country.name, country.id, None, country.aliases
                self.places.add(m.head)

    def home_pass(self, home: str, sectors: frozenset[str], people_only: bool) -> None:
        """Domestic office holders and forces named with no country ("President X", "police", "the army")
        are the home country's: wire stories qualify foreign ones ("French President X") and leave their
        own country's unqualified. `home` is the dateline's country when the story is mostly about it; when
        it is as much about another (`people_only`), only titled people take it."""
        for m in self.mentions:
            if m.country or m.sector not in sectors or m.kind == "country":
                continue
            head = self.tokens[m.head]
            if m.kind == "person" and not (m.title or m.generic):
                continue  # a bare name says nothing of its nationality
            if people_only and (m.kind != "person" or m.generic):
                continue
            if any(c.dep_ == "poss" for c in self.tree.children(head)):
                continue  # "his guard", "the group's leader": someone else's
            m.country = home

    def resolve(self) -> None:
        """All mention passes, in order."""
        agents = self.dictionary_pass()
        self.entity_pass({"ORG", "NORP", "GPE", "FAC", "LOC"})
        self.agent_pass(agents)
        self.entity_pass({"PERSON"})
        self.qualified_pass()
        self.office_pass()
        self.appositive_pass()
        self.link_pass()
        self.host_pass()
        self.place_pass()

    def run(self) -> list[Actor]:
        """All passes; the document's actors in text order."""
        self.resolve()
        return self.actors()

    def actors(self) -> list[Actor]:
        """The resolved mentions as actors, in text order (one per span)."""
        seen: dict[tuple[int, int], Mention] = {}
        for m in self.mentions:
            kept = seen.setdefault((m.start, m.end), m)
            if m.known and not kept.known:  # of two mentions of one span, the resolved one
                seen[(m.start, m.end)] = m
        return [self._actor(m) for m in sorted(seen.values(), key=lambda m: (m.start, -m.end))]

    def _actor(self, m: Mention) -> Actor:
        start, end = self._chars(m.start, m.end)
        return Actor(text=self.text[start:end], name=m.name, id=m.id, country=m.country, sector=m.sector,
                     kind=m.kind, aliases=m.aliases, start=start, end=end)

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        """Char offsets of the tokens [start, end) (as a Span's start_char/end_char, without making one)."""
        return self.idx[start], self.idx[end - 1] + len(self.texts[end - 1])

    def _text(self, start: int, end: int) -> str:
        """`doc[start:end].text` without making the Span ("" when empty)."""
        if start >= end:
            return ""
        begin, stop = self._chars(start, end)
        return self.text[begin:stop]


@lru_cache(maxsize=1 << 16)
def _piece(word: str) -> str:
    """`normalize` of one token's text, cached: the same words come back in every document."""
    return normalize(word)


def adopt(m: Mention, full: Mention) -> None:
    """Make a short mention (acronym, surname) carry the full mention's resolution."""
    m.name, m.kind, m.id, m.known = full.name, full.kind, full.id, True
    m.country, m.sector = full.country or m.country, full.sector or m.sector
    m.aliases = tuple(dict.fromkeys((*full.aliases, m.name)))


def _is_acronym(text: str) -> bool:
    letters = text.replace("-", "").replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalnum() and sum(c.isupper() for c in letters) >= 2


def _clean(text: str) -> str:
    """A mention as a name: no determiner, no possessive ending, single spaces."""
    words = text.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    out = " ".join(words)
    for suffix in ("'s", "’s"):
        if out.endswith(suffix):
            out = out[: -len(suffix)]
    return out.strip() or text


def _agent_kind(head: Any) -> str:
    """Plural agents are groups; singular people ("a Pentagon official") are persons."""
    if head.tag_ in ("NNS", "NNPS"):
        return "group"
    return "person" if head.lower_.endswith(PERSON_HEADS) else "organization"
