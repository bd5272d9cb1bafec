"""Who did it and to whom: the source and target tokens of a trigger, read from the dependency parse.

Works on spaCy tokens only (no word order heuristics): subjects through
nsubj / passive agent / relative clauses / control verbs / shared conjoined
subjects, targets through objects and prepositions, and coordination
expanded into one argument per conjunct.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..nlp.syntax import RELATIVE_PRONOUNS, child
from .event_lexicon import Match

SUBJECT_DEPS = ("nsubj", "csubj")
# Prepositions that introduce the other party of an event ("talks with A", "visit to B", "strikes on C").
TARGET_PREPS = frozenset({"with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "onto"})
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Named-entity types that are never a party to an event ("defended ... Thursday", "last month's invasion").
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Types whose victim may be any noun ("killed civilians", "arrested journalists").
PATIENT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "AID", "RETREAT"})
# For these nominal types "of" introduces the target ("the arrest of X"), otherwise the actor ("the visit of X").
OF_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "RETREAT"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
MEANS_PREPS = frozenset({"in", "during", "by"})
# Nouns for a message; a clause modifying one is its author's act ("issued a statement demanding ...").
MESSAGE_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "report", "letter", "note",
                           "message", "resolution", "decree", "proposal", "motion", "appeal", "ultimatum", "video"})
# Stances whose passive form describes the subject's own position ("X is opposed to", "X is committed to").
STATIVE_TYPES = frozenset({"AGREE", "REJECT", "SUPPORT"})


@dataclass(frozen=True)
class Roles:
    """Argument heads for one trigger. `reciprocal`: the sources are parties of one joint event."""

    sources: tuple[Any, ...]
    targets: tuple[Any, ...]
    reciprocal: bool = False
    inherited: bool = False  # the subject came from another clause (control, conjunction)


def conjuncts(token: Any) -> tuple[Any, ...]:
    """`token` and the tokens coordinated with it ("A and B" -> A, B)."""
    return (token, *token.conjuncts) if token is not None else ()



def _pobj(prep: Any) -> Any | None:
    return child(prep, "pobj", "pcomp")


def _relative_head(token: Any, verb: Any) -> Any:
    """A relative pronoun stands for the noun its clause modifies ("X, which is backed by ...")."""
    if token.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return token


def _voice(verb: Any) -> bool:
    """True when the verb is passive (an auxpass child, or a bare participle modifying a noun)."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"auxpass", "nsubjpass"}:
        return True
    return verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and not deps & {"nsubj", "aux"}


# Verbs whose object, not their subject, does what their to-infinitive says ("urged Iran to leave").
OBJECT_CONTROL = frozenset({
    "urge", "ask", "force", "persuade", "allow", "order", "call", "help", "tell", "invite", "encourage", "compel",
    "press", "pressure", "request", "advise", "warn", "instruct", "permit", "enable", "require", "authorize",
    "authorise", "oblige", "beg", "implore", "push", "convince", "direct", "appeal", "expect", "want", "need",
    "prompt", "drive", "lead", "cause", "get", "challenge", "dare", "remind", "recruit", "train", "pay", "hire",
})


def subject(verb: Any, depth: int = 0) -> tuple[Any | None, bool]:
    """The grammatical subject (or controller) of `verb`, and whether it was inherited from another verb."""
    if depth > 4:
        return None, True
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass":
            return _relative_head(c, verb), depth > 0
    dep, head = verb.dep_, verb.head
    if dep in ("relcl", "acl") and verb.tag_ in ("VBN", "VBG"):
        if verb.tag_ == "VBN":
            return None, False
        if head.lemma_.lower() in MESSAGE_NOUNS and head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB":
            return subject(head.head, depth + 1)
        return head, False
    if dep == "xcomp":  # object control ("urged Iran to leave") else subject control ("used gas to disperse")
        obj = child(head, "dobj", "obj") if head.lemma_.lower() in OBJECT_CONTROL else None
        return (obj, True) if obj is not None else subject(head, depth + 1)
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):  # "its efforts to move", "Iran's plan to strike"
        poss = child(head, "poss")
        if poss is not None:
            return poss, True
        return subject(head.head, depth + 1) if head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "obj") else (None, True)
    if dep in ("conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        return subject(head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep":
        return subject(head.head, depth + 1)
    return None, depth > 0


def _is_actorish(token: Any, has_mention: Any) -> bool:
    if token.ent_type_ in NOT_ACTOR_ENTS:
        return False
    if has_mention(token) or token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ACTOR_ENTS:
        return True
    return any(c.dep_ in ("compound", "amod", "poss") and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENTS) for c in token.children)


def _prep_targets(host: Any, used: set[Any], preps: frozenset[str], has_mention: Any) -> Any | None:
    for prep in host.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            obj = _pobj(prep)
            if obj is not None and obj not in used and _is_actorish(obj, has_mention):
                return obj
    return None


def verb_roles(match: Match, has_mention: Any) -> Roles:
    """Source and target heads of a verb (or predicative adjective) trigger."""
    verb = match.head if match.trigger.kind == "verb" else match.head.head
    used = set(match.tokens)
    subj, inherited = subject(verb)
    if _voice(verb) and not _stative(match, verb):
        agent = child(verb, "agent")
        src = _pobj(agent) if agent is not None else _means_actor(match, verb, has_mention)
        patient = subj if subj is not None else (verb.head if verb.dep_ == "acl" else None)
        if patient is not None and not _is_actorish(patient, has_mention) and match.trigger.type not in PATIENT_TYPES:
            patient = None  # "the issue was discussed": a topic, not a party
        return Roles(conjuncts(src), conjuncts(patient), inherited=inherited)
    return Roles(conjuncts(subj), conjuncts(_verb_target(match, verb, used, has_mention)), inherited=inherited)


def _means_actor(match: Match, verb: Any, has_mention: Any) -> Any | None:
    """The perpetrator named by the means of an agentless violent passive ("killed in Israeli shelling",
    "wounded in a Russian strike"): the actor modifying a common noun after "in", "during" or "by"."""
    if match.trigger.type not in VIOLENT_TYPES:
        return None
    for prep in verb.children:
        obj = _pobj(prep) if prep.dep_ == "prep" and prep.lower_ in MEANS_PREPS else None
        if obj is not None and obj.pos_ == "NOUN":
            by = next((_pobj(c) for c in obj.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            found = next((c for c in obj.children if c.dep_ in ("poss", "amod", "compound") and has_mention(c)), by)
            if found is not None and _is_actorish(found, has_mention):
                return found
    return None


def _stative(match: Match, verb: Any) -> bool:
    """An agentless passive of a stance verb with a "to" complement is the subject's stance ("is opposed to")."""
    if match.trigger.type not in STATIVE_TYPES or child(verb, "agent") is not None:
        return False
    return any((c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "xcomp" for c in verb.children)


def _verb_target(match: Match, verb: Any, used: set[Any], has_mention: Any) -> Any | None:
    """First of: a free direct or indirect object, the object of a pattern preposition, a target preposition."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "dative") and c not in used:
            if _is_actorish(c, has_mention) or (match.trigger.type in PATIENT_TYPES and c.pos_ in ("NOUN", "PROPN")
                                                and c.ent_type_ not in NOT_ACTOR_ENTS):
                return c
    for tok in match.tokens[1:]:
        if tok.dep_ == "aux":  # "X said Y must leave": the target is Y
            return subject(tok.head)[0]
        if tok.dep_ in ("prep", "agent"):
            obj = _pobj(tok)
            if obj is not None and obj not in used and _is_actorish(obj, has_mention):
                return obj
    nouns = [c for t in match.tokens[1:] if t.pos_ in ("NOUN", "PROPN") for c in conjuncts(t)]
    for host in (*nouns, verb):
        found = _prep_targets(host, used, TARGET_PREPS, has_mention)
        if found is not None:
            return found
    return None


def noun_roles(match: Match, has_mention: Any) -> Roles:
    """Source and target of a nominal trigger: possessive, demonym, "by" / "of" / "between" phrases."""
    noun, typ = match.head, match.trigger.type
    used = set(match.tokens)
    src = child(noun, "poss")
    if src is not None and src.ent_type_ in NOT_ACTOR_ENTS:
        src = None
    if src is None:
        src = next((c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c not in used
                    and _is_actorish(c, has_mention)), None)
    target = None
    for prep in noun.children:
        if prep.dep_ not in ("prep", "agent"):
            continue
        obj = _pobj(prep)
        if obj is None or obj in used:
            continue
        word = prep.lower_
        if word == "between" and src is None:
            return Roles(conjuncts(obj), (), reciprocal=True)
        if word == "by" or (word == "of" and typ not in OF_TARGET_TYPES) or word == "from":
            src = src if src is not None else obj
        elif (word == "of" or word in TARGET_PREPS) and target is None and _is_actorish(obj, has_mention):
            target = obj
    return Roles(conjuncts(src), conjuncts(target))
