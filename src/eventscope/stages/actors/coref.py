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
  within `window.description` sentences.
Then every actor named the same way (a name, its surname, its acronym, its references) shares one
country and id: the one entity's, so the events and the store see one actor per entity.

Each reference looks at no more than `window.candidates` earlier actors, so the walk is linear.
The word lists are in `data/actors/coreference.toml`.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ...nlp.syntax import RELATIVE_PRONOUNS, ancestors
from .mentions import DocActors, Mention, adopt

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "iobj", "dative"})
MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "nmod", "predet", "quantmod"})
GROUP_KINDS = frozenset({"organization", "group", "country"})


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
    descriptions: dict[str, tuple[frozenset[str], frozenset[str]]]  # head noun -> (sectors, kinds)
    generic_persons: frozenset[str]
    new_modifiers: frozenset[str]
    extraposition: frozenset[str]
    home_sectors: frozenset[str]
    government_heads: frozenset[str]


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
        descriptions={k: (frozenset(v.get("sectors", ())), frozenset(v.get("kinds", ())))
                      for k, v in raw["descriptions"].items()},
        generic_persons=frozenset(raw["persons"]["generic"]), new_modifiers=frozenset(raw["modifiers"]["new"]),
        extraposition=frozenset(raw["pronouns"]["extraposition"]), home_sectors=frozenset(raw["home"]["sectors"]),
        government_heads=frozenset(raw["identity"]["government"]),
    )


@dataclass
class Seen:
    """An actor met on the walk: its mention, sentence ordinal, and whether it is a clause's subject."""

    mention: Mention
    sent: int
    subject: bool


class Coreference:
    """One document's references, resolved in place on the `DocActors` mentions."""

    def __init__(self, found: DocActors, data: CorefData) -> None:
        self.found, self.data = found, data
        self.doc, self.tokens = found.doc, found.tokens
        self.sent_of = [0] * len(self.tokens)
        k = -1
        for i in range(len(self.tokens)):
            k += 1 if found.sent_start[i] == i else 0
            self.sent_of[i] = k
        self.seen: list[Seen] = []
        self.by_head: dict[str, list[Mention]] = {}  # head word -> named or resolved actors with it
        self.gender: dict[int, str] = {}  # id(mention) -> "f" / "m" for people whose title tells it

    # ---- the walk ---------------------------------------------------------------------------------
    def resolve(self) -> None:
        """Resolve every pronoun and generic phrase in text order, then share each entity's country."""
        pronouns = self.data.male | self.data.female | self.data.singular | self.data.plural
        starts: dict[int, list[Mention]] = {}
        for m in self.found.mentions:
            starts.setdefault(m.start, []).append(m)
        for i, tok in enumerate(self.tokens):
            for m in sorted(starts.get(i, ()), key=lambda m: m.start - m.end):
                if m.generic and not m.known:
                    self._description(m)
                self._remember(m)
            if i not in self.found.by_token and tok.pos_ == "NOUN" and self._definite(tok):
                described = self._described(tok)
                if described is not None:
                    self._remember(described)
            if self.found.texts[i].lower() in pronouns and tok.tag_ in ("PRP", "PRP$"):
                pron = self._pronoun(tok)
                if pron is not None:
                    self._remember(pron)
                    self._owner_country(tok, pron)
        for m in self.found.mentions:
            self._government(m)
        self.share()

    def _remember(self, m: Mention) -> None:
        if self._nested(m) or self.tokens[m.head].dep_ in ("amod", "compound", "nmod"):
            return  # a modifier ("Iranian" in "Iranian officials", "Russian flags") is not referred to
        head = self.tokens[m.head]
        subject = head.dep_ in SUBJECT_DEPS or (head.dep_ == "conj" and head.head.dep_ in SUBJECT_DEPS)
        self.seen.append(Seen(m, self.sent_of[m.head], subject))
        if m.kind == "person":
            words = set(m.title.split())
            gender = "f" if words & self.data.female_words else "m" if words & self.data.male_words else None
            if gender:
                self.gender[id(m)] = gender
        if not m.generic or m.known or m.country:
            for word in self._words(m):
                self.by_head.setdefault(word, []).append(m)

    def _nested(self, m: Mention) -> bool:
        other = self.found.by_token.get(self.tokens[m.head].head.i)
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
        if word in d.singular and _expletive(tok, d.extraposition):
            return None
        if self._blocked(tok):
            return None
        sent = self.sent_of[tok.i]
        verb = _clause_verb(tok)
        current: list[Seen] = []
        earlier: list[Seen] = []
        for seen in self.seen[-d.candidates:]:
            m = seen.mention
            if m.end > tok.i or sent - seen.sent > d.pronoun_window or not self._fits_pronoun(word, m):
                continue
            if tok.dep_ in OBJECT_DEPS and seen.subject and verb is not None and _clause_verb(self.tokens[m.head]) == verb:
                continue  # "X thanked him": him is not X
            (current if seen.sent == sent else earlier).append(seen)
        best = _salient(current, nearest=True) or _salient(earlier, nearest=False)
        return None if best is None else self._refer(tok, best)

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
        verb = _clause_verb(tok)
        subj = None if verb is None else next((c for c in self.tokens[verb].children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and self.tokens[verb].dep_ == "relcl":
            subj = self.tokens[verb].head
        m = None if subj is None else self.found.by_token.get(subj.i)
        return self._refer(tok, m) if m is not None and self._fits_pronoun(tok.lower_, m) else None

    def _blocked(self, tok: Any) -> bool:
        """Whether the pronoun refers to a phrase that is not an actor: the nearest subject above it is a
        plain noun ("the bloc said it would"), or a coordination ("Moon and Kim held their summit", which no
        single actor is)."""
        plural = tok.lower_ in self.data.plural
        for _, verb in zip(range(8), _verbs_above(tok)):
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != tok.i
                        and c.i >= self.found.story_start]
            if not subjects:
                continue
            subj = max(subjects, key=lambda c: (c.i < tok.i, c.i if c.i < tok.i else -c.i))  # nearest before
            if any(c.dep_ == "conj" for c in subj.children):
                return plural
            if subj.i == tok.head.i:
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
        return self.tokens[m.head].tag_ in ("NNS", "NNPS")

    # ---- descriptions and repeated phrases --------------------------------------------------------
    def _definite(self, tok: Any) -> bool:
        """A singular or plural noun with "the", in the descriptions list ("the alliance", "the group")."""
        word = tok.lemma_.lower()
        return (word in self.data.descriptions or tok.lower_ in self.data.descriptions) \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)

    def _described(self, tok: Any) -> Mention | None:
        """A description that is no agent word ("the alliance", "the bloc"), when it refers back to an actor."""
        first = next((c.i for c in tok.children if c.dep_ == "det"), tok.i) + 1
        m = Mention(first, tok.i + 1, tok.i, tok.text, "organization", generic=True)
        self._description(m)
        if not m.known:
            return None
        self.found.add(m)
        return m

    def _owner_country(self, tok: Any, pron: Mention) -> None:
        """"Its fighters", "his supporters": an agent owned by a resolved pronoun is of the owner's country."""
        owned = self.found.by_token.get(tok.head.i) if tok.dep_ == "poss" else None
        if owned is not None and owned is not pron and owned.generic and owned.country is None:
            owned.country = pron.country


    def _description(self, m: Mention) -> None:
        """Resolve a generic phrase to an earlier actor: same words anywhere before, else a description of
        the actor's kind nearby."""
        head = self.tokens[m.head]
        mods = [c for c in head.children if c.dep_ in MODIFIER_DEPS and c.i < head.i]
        if any(c.dep_ == "poss" for c in head.children):
            return  # "his supporters", "Iran's army": owned, not a reference
        if m.country is not None and m.kind != "person":
            return
        words = {c.lower_ for c in mods if c.dep_ in ("amod", "compound")} | {head.lower_}
        new = {c.lower_ for c in mods} & self.data.new_modifiers
        full = self._same_words(m, words, new) or self._by_kind(m, head, words, new)
        if full is not None:
            adopt(m, full)

    def _same_words(self, m: Mention, words: set[str], new: set[str]) -> Mention | None:
        head = self.tokens[m.head]
        for full in reversed(self.by_head.get(head.lower_, [])[-self.data.candidates:]):
            if full is m or full.start >= m.start:
                continue
            have = self._words(full)
            if words <= have and not new - have and self._compatible(m, full) \
                    and (m.kind == "person") == (full.kind == "person"):
                return full
        return None

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
            sectors, kinds = rule  # type: ignore[misc]
            unknown = full.sector is None and "group" in kinds and "GOV" not in sectors  # a group the dictionary lacks
            if (kinds and full.kind not in kinds) or (sectors and full.sector not in sectors and not unknown):
                if lemma not in self._words(full):
                    continue
            return full
        return None

    def _compatible(self, m: Mention, full: Mention) -> bool:
        """A reference's own country, if any, must be the actor's."""
        return m.country is None or full.country is None or m.country == full.country

    def _words(self, m: Mention) -> set[str]:
        """Lower-case words of an actor's text, name, aliases and title, with the lemmas of its text."""
        toks = self.tokens[m.start:m.end]
        out = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
        for text in (m.name, m.title, *m.aliases):
            out.update(text.lower().split())
        return out

    def _government(self, m: Mention) -> None:
        """"Colombia's government", "the Colombian government", "the government of Colombia" and "Bogota"
        are one actor: the dictionary's government of the country, when nothing else qualifies the phrase."""
        head = self.tokens[m.head]
        if not m.generic or m.known or m.country is None or head.lemma_.lower() not in self.data.government_heads:
            return
        for c in head.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") or (c.dep_ == "prep" and c.lower_ != "of"):
                cue = self.found.by_token.get(c.i)
                if c.dep_ == "prep" or cue is None or cue.kind != "country" or cue.country != m.country:
                    return
        entry = self.found.dictionary.government(m.country)
        if entry is not None:
            text = m.name
            m.name, m.kind, m.id, m.sector, m.known = entry.name, entry.kind, entry.id, entry.sector, True
            m.aliases = tuple(dict.fromkeys((*entry.aliases, text)))

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
            countries = {m.country for m in members if m.country}
            sectors = {m.sector for m in members if m.sector}
            for m in members:
                if len(countries) == 1 and m.country is None:
                    m.country = next(iter(countries))
                if len(sectors) == 1 and m.sector is None:
                    m.sector = next(iter(sectors))


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


def _clause_verb(tok: Any) -> int | None:
    """The index of the verb whose clause a token is in, the first of coordinated verbs ("X flew to Y and
    met him": one clause), None at a verbless root."""
    verb = next(_verbs_above(tok), None)
    if verb is None:
        return None
    for _ in range(len(tok.doc)):
        if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
            break
        verb = verb.head
    return verb.i


def _verbs_above(tok: Any) -> Iterator[Any]:
    """The verbs at and above a token, nearest first (bounded by the sentence)."""
    if tok.pos_ in ("VERB", "AUX"):
        yield tok
    for head in ancestors(tok):
        if head.pos_ in ("VERB", "AUX"):
            yield head


def _expletive(tok: Any, adjectives: frozenset[str]) -> bool:
    """'It' that refers to nothing: "it is expected that ...", "it was not clear whether ..."."""
    if tok.dep_ == "expl":
        return True
    verb = tok.head
    if verb.lemma_ not in ("be", "seem", "appear", "remain"):
        return False
    deps = {c.dep_ for c in verb.children}
    extraposed = any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in adjectives for c in verb.children)
    return ("ccomp" in deps and bool(deps & {"acomp", "attr"})) or (extraposed and "xcomp" in deps)
