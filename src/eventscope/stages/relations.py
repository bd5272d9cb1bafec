"""Stage 'relations': ties between actors read from titles, appositives and clauses.

Cue words are data (`data/cues/relations.tsv`). Four shapes are read from the parse:

- role nouns: "X, the leader of Y", "the head of Y, X", "Y's point man X",
  "Hezbollah leader X", "President X" (a state title: Y is X's country),
  "X is (considered to be) an instrument of Y";
- verbs: "X, who heads Y", "Y, which is backed by X" (passives swap), "X relies on Y";
- adjectives with a preposition: "X, loyal to Y", "X is affiliated with Y";
- hyphenated modifiers: "Y-based X" (X based_in Y), "Y-backed X" (Y supports X).

Role nouns in appositives, compounds and modifiers are presupposed, so those
relations are asserted; predicates take their modality from the same cue walk
as events ("is considered to be an instrument of" is believed).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spacy.attrs import LEMMA, LOWER

from ..errors import ConfigError
from ..records import RELATION_TYPES, Actor, Analysis, Evidence, Relation
from ..nlp.syntax import RELATIVE_PRONOUNS, child, is_root, tokens_in
from .actors import actor_at
from ..cues import CueLexicon, load_cues, read_cue_table
from .modality import decide, noun_phrase, phrase_actor, scope_cues

ROLES = ("title", "state-title", "verb", "adjective", "modifier-subject", "modifier-object", "qualifier")
PREDICATIVE = frozenset({"attr", "oprd"})
OBJECT_PREPS = frozenset({"of", "for", "on", "to", "with", "in"})


@dataclass(frozen=True)
class RelationCues:
    """Relation cue words by role: role -> {cue: relation} ("-" drops the relation, for qualifiers)."""

    by_role: dict[str, dict[str, str]]

    def get(self, role: str, cue: str) -> str | None:
        return self.by_role[role].get(cue)

    @cached_property
    def word_cues(self) -> frozenset[str]:
        """The cues read on a token's word: a token with none of them and none of `lemma_cues` cues nothing."""
        return frozenset(c for role in ("modifier-object", "modifier-subject", "adjective") for c in self.by_role[role])

    @cached_property
    def lemma_cues(self) -> frozenset[str]:
        """The cues read on a token's lemma: relation verbs and the last words of titles."""
        return frozenset(self.by_role["verb"]) | self.title_heads

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """Last words of the titles ("man" of "point man"): a noun that is none of them is no title."""
        return frozenset(cue.split()[-1] for role in ("title", "state-title") for cue in self.by_role[role])


def load_relation_cues() -> RelationCues:
    """Read data/cues/relations.tsv, checking every relation and role."""
    by_role: dict[str, dict[str, str]] = {r: {} for r in ROLES}
    for cue, relation, role in read_cue_table("relations.tsv"):
        if role not in by_role or (relation != "-" and relation not in RELATION_TYPES):
            raise ConfigError(f"bad relation cue {cue!r}: relation {relation!r}, role {role!r}",
                              where="data/cues/relations.tsv")
        by_role[role][cue] = relation
    return RelationCues(by_role)



def _antecedent(token: Any) -> Any:
    """A relative pronoun stands for the noun its clause modifies."""
    if token is not None and token.lower_ in RELATIVE_PRONOUNS:
        clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
        return clause.head if clause is not None else None
    return token


def _within(actor: Actor, span: Any) -> bool:
    return actor.start is not None and span.start_char <= actor.start and (actor.end or 0) <= span.end_char


def entity(analysis: Analysis, token: Any) -> Actor | None:
    """The actor a noun names: its own mention, a named appositive of a common noun
    ("the organisation Hashd al Shaabi"), a country modifier ("Iranian influence"), or the phrase."""
    if token is None or token.pos_ == "PRON":
        return None
    named = child(token, "appos")
    if token.pos_ == "NOUN" and named is not None and named.pos_ == "PROPN":
        return entity(analysis, named)
    span = noun_phrase(token)
    own = actor_at(analysis, token)
    if own is not None and _within(own, span):
        return own
    if token.pos_ == "NOUN":
        for mod in (c for c in token.children if c.dep_ in ("amod", "compound", "poss", "npadvmod")):
            found = actor_at(analysis, mod)
            if found is not None and found.kind == "country" and _within(found, noun_phrase(mod)):
                return found
    return own if own is not None else phrase_actor(analysis, token)


def _title_key(token: Any, cues: RelationCues) -> tuple[str, str, bool] | None:
    """(cue, relation, is a state title) for a role noun, two-word titles first ("point man")."""
    lemma = token.lemma_.lower()
    if lemma not in cues.title_heads:
        return None
    words = [f"{c.lower_} {lemma}" for c in token.lefts if c.dep_ == "compound"]
    for cue in words + [lemma]:
        for role in ("title", "state-title"):
            if (relation := cues.get(role, cue)) is not None:
                return cue, relation, role == "state-title"
    return None


def _copula_subject(token: Any) -> Any:
    """The subject of "X is (considered to be) a T": climb the copula and raising verbs."""
    head = token.head
    for _ in range(len(token.doc)):
        subj = child(head, "nsubj", "nsubjpass")
        if subj is not None or head.dep_ != "xcomp" or is_root(head):
            return subj
        head = head.head
    return None


def _holder(token: Any, obj: Any) -> Any:
    """Who holds the role a title noun names."""
    appos = child(token, "appos")
    if appos is not None:
        return appos
    if token.dep_ == "appos" or (token.dep_ == "compound" and token.head.pos_ == "PROPN"):
        return token.head
    if token.dep_ in PREDICATIVE:
        return _antecedent(_copula_subject(token))
    if obj is not None:  # "the head of Y, X": the parser often hangs X on Y
        return next((c for c in obj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    return None


def _title_object(token: Any, used: set[int]) -> Any:
    """The organisation or country a role belongs to: "of Y", "Y's", "Y leader", "Iranian president"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
        if (pobj := child(prep, "pobj")) is not None:
            return pobj
    for c in token.lefts:
        if c.i not in used and (c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ")
                                                     and c.ent_type_ in ("GPE", "NORP", "ORG"))):
            return c
    return None


class _Reader:
    """Reads the relations of one document."""

    def __init__(self, analysis: Analysis, cues: RelationCues, lex: CueLexicon) -> None:
        self.analysis, self.cues, self.lex = analysis, cues, lex
        self.found: dict[tuple[str, str, str], Relation] = {}

    def add(self, subj: Actor | None, relation: str, obj: Actor | None, cue: Any, predicate: bool) -> None:
        if subj is None or obj is None or relation == "-" or subj.name.lower() == obj.name.lower():
            return
        if subj.start is not None and (subj.start, subj.end) == (obj.start, obj.end):
            return
        key = (subj.name.lower(), relation, obj.name.lower())
        if key in self.found:
            return
        modality = decide(scope_cues(cue, self.lex), self.lex)[0] if predicate else "asserted"
        sent = cue.sent
        evidence = Evidence(sent.text, sent.start_char, sent.end_char, cue.text, cue.idx, cue.idx + len(cue.text))
        self.found[key] = Relation(self.analysis.article.doc_id, subj, relation, obj, modality, evidence,
                                   confidence=0.6 if predicate else 0.7)

    def title(self, token: Any) -> None:
        key = _title_key(token, self.cues)
        if key is None:
            return
        cue, relation, state = key
        for c in token.children:
            if c.dep_ == "amod" and (q := self.cues.get("qualifier", c.lower_)) is not None:
                relation = q
        used = {c.i for c in token.lefts if c.dep_ == "compound" and f"{c.lower_} {token.lemma_.lower()}" == cue}
        obj_token = _title_object(token, used)
        holder = entity(self.analysis, _holder(token, obj_token))
        obj = entity(self.analysis, obj_token) if obj_token is not None else None
        if obj is None and state and holder is not None and holder.country:
            obj = Actor(text=token.text, name=holder.country, country=holder.country, kind="country")
        self.add(holder, relation, obj, token, token.dep_ in PREDICATIVE)

    def verb(self, token: Any, relation: str) -> None:
        passive = child(token, "nsubjpass", "auxpass") is not None
        subj = _antecedent(child(token, "nsubj", "nsubjpass"))
        obj = _antecedent(child(token, "dobj"))
        if obj is None:
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS), None)
            obj = _antecedent(child(prep, "pobj")) if prep is not None else None
        if passive:
            agent = child(token, "agent")
            subj, obj = (child(agent, "pobj") if agent is not None else None), subj
        self.add(entity(self.analysis, subj), relation, entity(self.analysis, obj), token, True)

    def adjective(self, token: Any, relation: str) -> None:
        prep = child(token, "prep")
        obj = child(prep, "pobj") if prep is not None else None
        if token.dep_ in ("acomp", "xcomp"):
            holder = _antecedent(_copula_subject(token))
        else:
            holder = token.head if token.dep_ in ("amod", "acl", "appos") else None
        self.add(entity(self.analysis, holder), relation, entity(self.analysis, obj), token, token.dep_ == "acomp")

    def modifier(self, token: Any, relation: str, modifier_is_subject: bool) -> None:
        place = next((c for c in token.lefts if c.dep_ in ("npadvmod", "compound", "amod", "nmod")), None)
        if place is None or token.dep_ not in ("amod", "compound", "acl"):
            return
        noun, mod = entity(self.analysis, token.head), entity(self.analysis, place)
        subj, obj = (mod, noun) if modifier_is_subject else (noun, mod)
        self.add(subj, relation, obj, token, False)

    def read(self) -> tuple[Relation, ...]:
        cues, doc = self.cues, self.analysis.doc
        candidates = set(tokens_in(doc, LOWER, cues.word_cues)) | set(tokens_in(doc, LEMMA, cues.lemma_cues))
        for i in sorted(candidates):
            token = doc[i]
            word, lemma = token.lower_, token.lemma_.lower()
            if token.pos_ in ("NOUN", "PROPN"):
                self.title(token)
            if (r := cues.get("modifier-object", word)) and child(token, "prep") is None:
                self.modifier(token, r, False)
            elif (r := cues.get("modifier-subject", word)) and token.dep_ != "ROOT" and child(token, "agent") is None:
                self.modifier(token, r, True)
            elif (r := cues.get("adjective", word)) and child(token, "prep") is not None:
                self.adjective(token, r)
            elif token.pos_ == "VERB" and (r := cues.get("verb", lemma)):
                self.verb(token, r)
        return tuple(self.found.values())


@dataclass(frozen=True)
class RelationStage:
    """Fills `Analysis.relations` with Relation records."""

    cues: RelationCues
    lexicon: CueLexicon
    name: str = "relations"

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None:
            return analysis
        return analysis.with_(relations=_Reader(analysis, self.cues, self.lexicon).read())


def make_stage(config: Any, resources: Any) -> RelationStage:
    """Build the stage; the cue files are read here, once."""
    return RelationStage(load_relation_cues(), load_cues())
