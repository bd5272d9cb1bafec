"""Stage 'modality': how sure the text is of each event, and on whose word.

Cue words live in `data/cues/*.tsv` (see its README). For each event the
stage walks the dependency parse from the trigger up to the sentence root,
collecting cues on the way: the trigger's own auxiliaries, negation and
adverbs, then each governing word it is the complement of ("believe that",
"seems to", "plans to", "reported that"). The walk stops at relative clauses
and at clauses opened by a presupposing subordinator ("after", "because"), so
"X seems to prepare a plan after Y attacked" leaves the attack asserted. When
several cues reach an event, `precedence.txt` decides; the nearest cue that
names a speaker gives the attribution. Paragraph rules (sentence frames,
pronoun speakers, continuations) are in `_Frames`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from ..cues import BARRIER, CueEntry, CueLexicon, load_cues
from ..records import Actor, Analysis, Attribution, Event, with_fields
from .actors import actor_at
from ..nlp.parse import trigger_span
from ..nlp.syntax import PARAGRAPH_BREAK, Sentences, child

# Climbing into a head through one of these makes the head a governor of the event.
GOVERNED = frozenset({"ccomp", "xcomp", "acl", "dobj", "pobj", "pcomp", "prep", "attr", "oprd",
                      "nsubj", "nsubjpass", "advcl", "csubj", "csubjpass"})
NP_LEFT = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "npadvmod", "case"})
EXPLETIVES = frozenset({"it", "there"})
QUANTIFIERS = frozenset({"several", "some", "many", "a", "an", "the"})
# The cue role a node's own dependent is looked up under, by its dependency.
LOCAL_ROLES = {"aux": "aux", "auxpass": "aux", "neg": "neg", "advmod": "adverb", "mark": "mark"}


@dataclass(frozen=True)
class Cue:
    """One cue found in an event's scope; `speaker` heads the phrase naming who says so."""

    modality: str
    text: str
    speaker: Any = None  # spacy Token
    attributes: bool = False  # the cue names (or hides) a speaker: it makes an Attribution


def _subject(verb: Any, skip: Any) -> Any:
    """Who a governing verb's claim is from: its subject, or the agent of a passive."""
    subjects = [c for c in verb.lefts if c.dep_ in ("nsubj", "csubj")]
    subj = subjects[-1] if subjects else None  # the nearest, when the parser gives two
    if subj is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ in ("VBG", "VB"):
        return _subject(verb.head, skip)  # "X rallied, saying ...": X says
    if subj is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
        return _maker(verb.head)  # "X issued a statement saying ...": the maker of the statement says
    if subj is not None and (skip is None or subj.i != skip.i) and subj.lower_ not in EXPLETIVES:
        return subj
    agent = child(verb, "agent")
    return child(agent, "pobj") if agent is not None else None


def _maker(noun: Any) -> Any:
    """Who made a message noun with no possessor: the subject of the verb it is the object of
    ("X said in a statement that ...", "X issued a statement ...")."""
    if noun.dep_ not in ("pobj", "dobj"):
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return _subject(verb, None) if verb.pos_ in ("VERB", "AUX") else None


def _speaker(node: Any, entry: CueEntry, skip: Any) -> Any:
    if entry.source == "subject":
        return _subject(node, skip)
    if entry.source == "owner":
        owner = child(node, "poss")
        return owner if owner is not None else _maker(node)
    return None


def _phrase(token: Any, lex: CueLexicon, role: str) -> tuple[str, CueEntry, Any] | None:
    """A multiword cue starting at `token` ("according to"), with the token after it."""
    if (role, token.lower_) not in lex.starts:  # spares building three spans for most tokens
        return None
    doc = token.doc
    for width in (3, 2, 1):
        if token.i + width > len(doc):
            continue
        text = doc[token.i:token.i + width].text.lower()
        entry = lex.get(role, text)
        if entry is not None and entry.modality != BARRIER:
            return text, entry, doc[token.i + width - 1]
    return None


def _local(node: Any, lex: CueLexicon, skip: Any, via: str) -> list[Cue]:
    """Cues among a node's own dependents: aux, negation, adverbs, marks, 'according to', 'if' clauses."""
    if via == "conj" and (child(skip, "nsubj", "nsubjpass", "aux") is not None
                          or any(c.lower_ == "but" for c in node.children if c.dep_ == "cc")):
        return []
    found = []
    for c in node.children:
        if skip is not None and c.i == skip.i:
            continue
        role = LOCAL_ROLES.get(c.dep_)
        entry = lex.get(role, c.lower_) if role else None
        if entry is not None and entry.modality != BARRIER:
            found.append(Cue(entry.modality, c.text, None, entry.source != "-"))
        elif c.dep_ == "prep" and (hit := _phrase(c, lex, "prep")):
            text, entry, last = hit
            found.append(Cue(entry.modality, text, child(last, "pobj"), True))
        elif c.dep_ == "advcl" and (m := child(c, "mark")) is not None:
            entry = lex.get("mark", m.lower_)
            if entry is not None and entry.modality == "conditional":
                found.append(Cue(entry.modality, m.text))
        elif c.dep_ == "parataxis" and (entry := lex.get("governor", c.lemma_)) and entry.source == "subject":
            found.append(Cue(entry.modality, c.text, _subject(c, None), True))
    return found


def _governor(node: Any, lex: CueLexicon, below: Any, via: str) -> list[Cue]:
    """The cue a governing word gives the clause or noun below it ("believe", "plan to", "no evidence")."""
    if node.pos_ in ("NOUN", "PROPN"):
        if lex.get("nodet", node.lemma_) and any(c.lower_ == "no" for c in node.children):
            return [Cue("negated", "no " + node.text)]
        entry = lex.get("noun", node.lemma_.lower())
    else:
        entry = lex.get("governor", node.lemma_.lower())
    if entry is None:
        return []
    return [Cue(entry.modality, node.text, _speaker(node, entry, below), entry.source != "-")]


def _is_barrier(node: Any, lex: CueLexicon) -> bool:
    """A presupposing head: "the fact that ...", "after/during ..." phrases."""
    role = "noun" if node.pos_ in ("NOUN", "PROPN") else "prep" if node.dep_ == "prep" else None
    entry = lex.get(role, node.lower_ if role == "prep" else node.lemma_.lower()) if role else None
    return entry is not None and entry.modality == BARRIER


def scope_cues(token: Any, lex: CueLexicon) -> list[Cue]:
    """Every cue reaching `token`, nearest first, following the parse up to the root."""
    cues = [Cue("negated", "no")] if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) else []
    node, below, via = token, None, ""
    for _ in range(len(token.doc)):  # a climb to the root, bounded
        if below is not None and via in GOVERNED and _is_barrier(node, lex):
            break
        if below is not None and via in GOVERNED:
            cues.extend(_governor(node, lex, below, via))
        cues.extend(_local(node, lex, below, via))
        mark = child(node, "mark")
        if mark is not None and (e := lex.get("mark", mark.lower_)) is not None and e.modality == BARRIER:
            break
        if node.dep_ == "relcl" or (node.dep_ == "acl" and node.tag_ == "VBN") or node.head.i == node.i:
            break  # relative clauses, reduced ones included ("victims killed by ..."), are presupposed
        below, via, node = node, node.dep_, node.head
    return cues


def decide(cues: list[Cue], lex: CueLexicon) -> tuple[str, Cue | None]:
    """The winning modality (by precedence) and the nearest attributing cue."""
    modality = min((c.modality for c in cues), key=lex.rank.__getitem__, default="asserted")
    return modality, next((c for c in cues if c.attributes), None)


def noun_phrase(token: Any) -> Any:
    """The span of a noun phrase's head with its left modifiers ("several news outlets")."""
    start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in NP_LEFT])
    return token.doc[start:token.i + 1]


def phrase_actor(analysis: Analysis, token: Any) -> Actor:
    """An actor built from a noun phrase no actor mention covers ("several news outlets")."""
    span = noun_phrase(token)
    inner = [a for t in span if (a := actor_at(analysis, t)) is not None]
    words = [t for t in span if t.dep_ not in ("det", "predet", "case") and t.lower_ not in QUANTIFIERS]
    return Actor(text=span.text, name="".join(t.text_with_ws for t in words).strip() or span.text,
                 country=inner[0].country if inner else None, sector=inner[0].sector if inner else None,
                 kind="group" if token.tag_ in ("NNS", "NNPS") else None,
                 start=span.start_char, end=span.end_char)


def speaker_actor(analysis: Analysis, token: Any) -> Actor:
    """The actor a speaker phrase names: a resolved actor, a named appositive ("the agency X"),
    the body in "experts at X", or the phrase itself."""
    actor = actor_at(analysis, token)
    if actor is not None:
        return actor
    named = child(token, "appos")
    if token.pos_ == "NOUN" and named is not None and named.pos_ == "PROPN":
        return speaker_actor(analysis, named)
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("at", "of", "from", "with", "in")):
        pobj = child(prep, "pobj")
        if pobj is not None and (pobj.pos_ == "PROPN" or actor_at(analysis, pobj) is not None):
            return actor_at(analysis, pobj) or phrase_actor(analysis, pobj)
    return phrase_actor(analysis, token)


class _Frames:
    """Paragraph-level attribution: sentence frames, pronoun speakers and continuations.

    - A sentence opening with "According to X," frames every event of the sentence.
    - A sentence whose root is a reporting cue with a named speaker ("X said that ...")
      is a frame too. The next sentence of the same paragraph continues it only when it
      opens with (or its root carries) a continuation cue ("Another ...", "also").
    - A pronoun speaker ("he said") is the last framed speaker of the same paragraph.
    """

    def __init__(self, analysis: Analysis, lex: CueLexicon) -> None:
        self.analysis, self.lex = analysis, lex
        text = analysis.article.text
        self.breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
        self.frames: dict[int, tuple[Attribution, bool]] = {}  # sentence start -> (frame, sentence-wide)
        self.sentences = Sentences(analysis.doc)
        previous: tuple[int, Attribution] | None = None
        for sent in analysis.doc.sents:
            frame = self._own_frame(sent)
            if frame is None and previous and previous[0] == self.paragraph(sent.start_char) and self._continues(sent):
                frame = (previous[1], True)
            if frame is not None:
                self.frames[sent.start] = frame
                previous = (self.paragraph(sent.start_char), frame[0])
            else:
                previous = None

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.breaks, char)

    def _own_frame(self, sent: Any) -> tuple[Attribution, bool] | None:
        root = sent.root
        for tok in sent[:max(1, root.i - sent.start)]:
            if tok.dep_ == "prep" and tok.head.i == root.i and (hit := _phrase(tok, self.lex, "prep")):
                pobj = child(hit[2], "pobj")
                return Attribution(self.actor(pobj) if pobj is not None else None, hit[0]), True
        entry = self.lex.get("governor", root.lemma_.lower())
        if entry and entry.modality == "reported" and (subj := _subject(root, None)) is not None \
                and subj.pos_ != "PRON":
            return Attribution(self.actor(subj), root.text), False
        return None

    def _continues(self, sent: Any) -> bool:
        opening = sent[:3].text.lower()
        return any(opening.startswith(w + " ") for (role, w) in self.lex.entries if role == "continuation") \
            or any(c.dep_ == "advmod" and self.lex.get("continuation", c.lower_) for c in sent.root.children)

    def actor(self, token: Any) -> Actor | None:
        """The actor for a speaker token. A pronoun is its resolved actor, else the paragraph's last framed speaker;
        a phrase that names an earlier framed speaker ("experts at X" after "according to X") is that speaker."""
        earlier = [a.source for start, (a, _) in self.frames.items() if start < token.i and a.source]
        if token.pos_ == "PRON" and (resolved := actor_at(self.analysis, token)) is not None:
            return resolved  # the actors stage resolved it ("he said" -> the minister named before)
        if token.pos_ == "PRON":
            para = self.paragraph(token.idx)
            same = [a for a in earlier if a.start is not None and self.paragraph(a.start) == para]
            return same[-1] if same else None
        actor = speaker_actor(self.analysis, token)
        if actor.id is not None or actor_at(self.analysis, token) is not None:
            return actor
        name = actor.name.lower()
        same = (a for a in reversed(earlier) if a.name.lower() == name or f" {a.text.lower()}".endswith(f" {name}"))
        return next(same, actor)

    def sentence_frame(self, token: Any) -> Attribution | None:
        """The attribution framing the whole sentence of `token` ("According to X, ..."), if any."""
        frame = self.frames.get(self.sentences.of(token.i)[0])
        return frame[0] if frame and frame[1] else None


def event_modality(event: Event, analysis: Analysis, lex: CueLexicon, frames: _Frames) -> Event:
    """The event with its modality and attribution read from its trigger's scope."""
    span = trigger_span(analysis.doc, event.evidence)
    token = span.root if span is not None else None
    if token is None:
        return event
    modality, cue = decide(scope_cues(token, lex), lex)
    attribution = event.attribution
    if cue is not None:
        speaker = frames.actor(cue.speaker) if cue.speaker is not None else None
        attribution = Attribution(speaker, cue.text.lower())
    elif (frame := frames.sentence_frame(token)) is not None:
        attribution = frame
        modality = "reported" if modality == "asserted" else modality
    if modality == event.modality and attribution == event.attribution:
        return event
    return with_fields(event, modality=modality, attribution=attribution)


@dataclass(frozen=True)
class ModalityStage:
    """Sets `Event.modality` and `Event.attribution` from cues in the parse."""

    lexicon: CueLexicon
    name: str = "modality"

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None or not analysis.events:
            return analysis
        frames = _Frames(analysis, self.lexicon)
        return analysis.with_(events=tuple(event_modality(e, analysis, self.lexicon, frames) for e in analysis.events))


def make_stage(config: Any, resources: Any) -> ModalityStage:
    """Build the stage; the cue files are read here, once."""
    return ModalityStage(load_cues())
