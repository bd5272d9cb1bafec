"""Who did it and to whom: the source and target tokens of a trigger, read from the dependency parse.

Works on spaCy tokens only (no word order heuristics): subjects through
nsubj / passive agent / relative clauses / control verbs / shared conjoined
subjects, targets through objects and prepositions, and coordination
expanded into one argument per conjunct. A target is an actor, never a thing:
a weapon, vehicle, object or bare place object gives way to the actor it
belongs to or concerns ("seized his laptop" -> his; "suspended transactions
with Niger" -> Niger), or to no target. The word lists live in
`data/lexicon/arguments.toml`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ...nlp.syntax import RELATIVE_PRONOUNS, child, misparsed_predicate, subject_of
from ...cues import reporting_verbs
from ...tables import read_data_toml
from .lexicon import Match, future_auxiliaries

ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Parts of speech an argument head can have (a stray "by" of "passers-by" is no actor).
ARGUMENT_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


@dataclass(frozen=True)
class Words:
    """The lists of `data/lexicon/arguments.toml` (reasons are given there)."""

    background_marks: frozenset[str]
    time_heads: frozenset[str]
    target_preps: frozenset[str]
    owner_preps: frozenset[str]
    means_preps: frozenset[str]
    means_actor_preps: frozenset[str]
    object_control: frozenset[str]
    message_nouns: frozenset[str]
    content_nouns: frozenset[str]
    accusation_nouns: frozenset[str]
    accusation_modifiers: frozenset[str]
    accuse_types: frozenset[str]
    condition_marks: frozenset[str]
    patient_subject_verbs: frozenset[str]
    patient_subject_preps: frozenset[str]
    quantity_heads: frozenset[str]
    proxy_heads: frozenset[str]
    casualty_heads: frozenset[str]
    patient_types: frozenset[str]
    of_target_types: frozenset[str]
    violent_types: frozenset[str]
    stative_types: frozenset[str]
    symmetric_types: frozenset[str]
    force_object_types: frozenset[str]
    threat_types: frozenset[str]
    framing_types: frozenset[str]
    framing_preps: frozenset[str]
    joint_nouns: frozenset[str]
    reciprocal_words: frozenset[str]
    not_actor_ents: frozenset[str]
    thing_ents: frozenset[str]
    things: frozenset[str]
    link_preps: frozenset[str]
    identity_nouns: frozenset[str]
    abstract_suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> Words:
    """The argument word lists, read once per process."""
    raw = read_data_toml("lexicon", "arguments.toml")
    c, a, t, n = raw["clauses"], raw["arguments"], raw["types"], raw["non_actors"]
    return Words(*(frozenset(x) for x in (
        c["background_marks"], c["time_heads"], a["target_preps"], a["owner_preps"], a["means_preps"], a["means_actor_preps"],
        a["object_control"], a["message_nouns"], a["content_nouns"], a["accusation_nouns"], a["accusation_modifiers"],
        t["accuse"], a["condition_marks"], a["patient_subject_verbs"], a["patient_subject_preps"],
        a["quantity_heads"], a["proxy_heads"], a["casualty_heads"], t["patient"], t["of_target"], t["violent"], t["stative"], t["symmetric"], t["force_object"], t["threat"], t["framing"], t["framing_preps"], t["joint_nouns"], t["reciprocal_words"],
        n["entities"], n["thing_entities"], n["things"], a["link_preps"], a["identity_nouns"])),
        tuple(n["abstract_suffixes"]))


@dataclass(frozen=True)
class Roles:
    """Argument heads for one trigger. `reciprocal`: the sources are parties of one joint event."""

    sources: tuple[Any, ...]
    targets: tuple[Any, ...]
    reciprocal: bool = False
    inherited: bool = False  # the subject came from another clause (control, conjunction)
    joint: bool = False  # the act is one between its parties ("signed an accord"): symmetric when untargeted
    crossed: bool = False  # the parties act on each other ("expelled each other's diplomats")


def coordinated(token: Any) -> tuple[Any, ...]:
    """`token.conjuncts` (the tokens coordinated with it, itself left out), without spaCy's walk for a token
    that is no conjunct and has no right child, which has none (most argument words)."""
    if token.dep_ != "conj" and token.n_rights == 0:
        return ()
    return token.conjuncts


def conjuncts(token: Any) -> tuple[Any, ...]:
    """`token` and the tokens coordinated with it ("A and B" -> A, B); not a list the parser lifted out
    of a clause on the token ("the Alliance, made up of A, B and C, launched": the Alliance alone)."""
    if token is None:
        return ()
    others = coordinated(token)
    if not others:
        return (token,)
    clauses = [m.i for m in token.children if m.dep_ in ("acl", "relcl")]
    return (token, *(c for c in others if not any(token.i < m < c.i for m in clauses)))


def _pobj(prep: Any) -> Any | None:
    """The object of a preposition, also of a two-word one ("out of X", "away from X"), and the noun a free
    relative names ("fired on what it called terrorists": terrorists)."""
    found = child(prep, "pobj", "pcomp")
    if found is None and (inner := child(prep, "prep")) is not None:
        found = child(inner, "pobj", "pcomp")
    if found is not None and found.pos_ == "VERB":
        return _named_by(found) or found
    return found


def _named_by(verb: Any) -> Any | None:
    """The noun of a free relative of naming ("what he called armed bandits", "what it described as
    terrorist positions"): the clause stands for the thing so named."""
    if not any(c.lower_ == "what" and c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children):
        return None
    found = child(verb, "oprd", "attr", "xcomp")
    if found is None and (prep := next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)) is not None:
        found = child(prep, "pobj")
    return found if found is not None and found.pos_ in ("NOUN", "PROPN") else None


def _relative_head(token: Any, verb: Any) -> Any:
    """A relative pronoun stands for the noun its clause modifies ("X, which is backed by ...")."""
    if token.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return token


def _voice(verb: Any) -> bool:
    """True when the verb is passive: an auxpass child, a bare participle modifying a noun, or a bare
    participle coordinated with a passive ("100 were killed and 300 wounded")."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"auxpass", "nsubjpass"}:
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not deps & {"aux", "dobj", "obj"}:
        return child(verb.head, "auxpass", "nsubjpass") is not None
    return verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and not deps & {"nsubj", "aux"} \
        and not misparsed_predicate(verb)


def subject(verb: Any, depth: int = 0, has_mention: Any = None) -> tuple[Any | None, bool]:
    """The grammatical subject (or controller) of `verb`, and whether it was inherited from another verb.
    `has_mention` (the actors stage's lookup) tells an actor from a non-actor subject of a reported clause."""
    if depth > 4:
        return None, True
    if lifted_conjunct(verb):  # "X ordered Y to leave and dismissed ...": X dismissed
        return subject(verb.head.head, depth + 1, has_mention)[0], True
    own = subject_of(verb)
    if own is not None:
        return _relative_head(own, verb), depth > 0
    mark = child(verb, "mark")
    if mark is not None and (own := child(mark, "pobj", "nsubj")) is not None:
        return own, depth > 0  # a subject the parser hung on the subordinator ("after Peru expelled ...")
    fronted = _fronted_actor(verb)
    if fronted is not None:
        return fronted, depth > 0
    dep, head = verb.dep_, verb.head
    if dep in ("relcl", "acl") and verb.tag_ in ("VBN", "VBG"):
        if verb.tag_ == "VBN" and not misparsed_predicate(verb):
            return None, False
        if head.lemma_.lower() in words().message_nouns and head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB":
            return subject(head.head, depth + 1, has_mention)
        return head, False
    if dep == "xcomp":  # object control ("urged Iran to leave") else subject control ("used gas to disperse")
        obj = (child(head, "dobj", "obj") or _addressee(head)) if head.lemma_.lower() in words().object_control else None
        return (obj, True) if obj is not None else subject(head, depth + 1, has_mention)
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):  # "its efforts to move", "Iran's plan to strike"
        poss = child(head, "poss")
        if poss is not None:
            return poss, True
        return subject(head.head, depth + 1, has_mention) if head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "obj") else (None, True)
    if dep == "advcl" and verb.tag_ == "VBG" and _voice(head) and (agent := child(head, "agent")) is not None:
        return _pobj(agent), True  # "X was attacked by Y, killing 20": Y killed
    if dep == "advcl" and verb.tag_ == "VBG" and _voice(head) and not _voice(verb):
        return None, True  # "four were killed in shelling": the victims of the passive did not shell
    if dep in ("conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        found, _ = subject(head, depth + 1, has_mention)
        if found is not None and dep == "conj" and head.dep_ in ("ccomp", "conj") and not _can_act(found, has_mention):
            # attached to the wrong clause: "X said five of the missiles landed and lodged a protest",
            # "X said its mediation had worked and thanked Y": X lodged, X thanked
            return subject(head.head, depth + 2, has_mention)[0], True
        return found, True
    if dep == "pcomp" and head.dep_ == "prep":
        return subject(head.head, depth + 1, has_mention)
    return None, depth > 0


def _addressee(verb: Any) -> Any | None:
    """The prepositional object asked to do what the verb's to-infinitive says ("called on X to leave",
    "appealed to X to stay"), or None when the verb takes no such complement."""
    if not any(c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in verb.children):
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")), None)
    obj = child(prep, "pobj") if prep is not None else None
    return obj if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON") else None


def lifted_conjunct(verb: Any) -> bool:
    """A finite verb the parser coordinated with a to-infinitive ("ordered Y to leave and dismissed ..."):
    a finite form cannot share the infinitive's "to", so it is a conjunct of the infinitive's governor."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBN") and head.dep_ in ("xcomp", "advcl")
            and head.tag_ == "VB" and head.head.pos_ in ("VERB", "AUX") and head.i < verb.i
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in head.children)
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children))


def _can_act(token: Any, has_mention: Any) -> bool:
    """Whether a subject can be the party of an event: not a thing ("five of the missiles") nor, unless the
    actors stage knows it as an actor ("the administration"), an abstract noun ("its mediation")."""
    token = _counted(token)
    lemma = token.lemma_.lower()
    if lemma in words().things:
        return False
    if token.pos_ != "NOUN" or (has_mention is not None and has_mention(token)):
        return True
    return not lemma.endswith(words().abstract_suffixes)


def _fronted_actor(verb: Any) -> Any | None:
    """A named actor the parser hung in a prepositional phrase before a subjectless verb ("and on Saturday
    Kim Yo Jong warned ..."): the verb's subject."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i < verb.i:
            obj = _pobj(prep)
            if obj is not None and obj.ent_type_ in ("PERSON", "ORG", "NORP") and obj.pos_ == "PROPN" \
                    and obj.right_edge.i + 3 >= verb.i:
                return obj
    return None


def _is_actorish(token: Any, has_mention: Any) -> bool:
    if token.ent_type_ in words().not_actor_ents or is_thing(token, has_mention):
        return False
    if has_mention(token) or token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ACTOR_ENTS:
        return True
    return any(c.dep_ in ("compound", "amod", "poss") and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENTS) for c in token.children)


def is_thing(token: Any, has_mention: Any) -> bool:
    """A weapon, vehicle, object, service or bare place, which is never a party to an event: its head is
    in the `things` list, or it is a thing or place entity that the actors stage did not resolve."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.lemma_.lower() in words().things or token.lower_ in words().things:
        return True
    return token.ent_type_ in words().thing_ents and not has_mention(token)


def casualty_count(roles: Roles, type_: str) -> bool:
    """A violent event with no perpetrator whose victims are a bare count ("100 people were killed"):
    the toll of another event, not an event of its own."""
    return (not roles.sources and bool(roles.targets) and type_ in words().violent_types
            and all(t.pos_ == "NUM" or t.lemma_.lower() in words().casualty_heads for t in roles.targets))


def _counted(token: Any) -> Any:
    """The people a quantity stands for ("six of the diplomats" -> diplomats, "13 of them" -> them), and
    the group a proxy acts for ("representatives of the two sides" -> the two sides)."""
    lists = words()
    for _ in range(2):  # "two members of the delegation"
        lemma = token.lemma_.lower()
        if token.pos_ != "NUM" and lemma not in lists.quantity_heads and lemma not in lists.proxy_heads:
            return token
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = _pobj(prep) if prep is not None else None
        if obj is None or obj.pos_ not in ARGUMENT_POS:
            return token
        token = obj
    return token


def _owner(token: Any, has_mention: Any, possessor: bool = True, depth: int = 0) -> Any | None:
    """The actor a thing or message belongs to or concerns: a possessor ("his laptop", "Iran's offer"),
    an actor modifier ("Russian assets"), or an owner preposition, also of an adjective ("transactions with
    Niger", "areas close to US bases"), looked for through one more noun ("the gate of the army's
    headquarters" -> the army)."""
    if possessor:
        for c in token.children:
            if c.dep_ == "poss" and c.ent_type_ not in words().not_actor_ents and c.pos_ in ARGUMENT_POS:
                return c
    for c in token.children:
        if c.dep_ in ("amod", "compound", "nmod") and has_mention(c) and not is_thing(c, has_mention):
            return c
    for c in token.children:  # through a compound ("Russian embassy staff": Russia)
        if c.dep_ == "compound" and not has_mention(c) and not is_thing(c, has_mention):
            found = next((m for m in c.children if m.dep_ in ("amod", "compound") and has_mention(m)
                          and not is_thing(m, has_mention)), None)
            if found is not None:
                return found
    preps = [c for c in token.children if c.dep_ == "prep"]
    preps += [p for a in token.children if a.dep_ == "amod" for p in a.children if p.dep_ == "prep"]  # "close to"
    preps += [p for a in token.children if a.dep_ == "acl" and a.tag_ == "VBN" for p in a.children if p.dep_ == "agent"]  # "made by"
    for prep in preps:
        if prep.lower_ in words().owner_preps:
            obj = _pobj(prep)
            if obj is None:
                continue
            obj = _counted(obj)
            if _is_actorish(obj, has_mention):
                return obj
            if depth == 0 and prep.lower_ == "of" and obj.pos_ == "NOUN" and (found := _owner(obj, has_mention, True, 1)) is not None:
                return found
    return None


def _actor_args(tokens: tuple[Any, ...], has_mention: Any, target: bool, inherited: bool = False) -> tuple[Any, ...]:
    """Argument heads that can be actors: quantities read through, dates and stray words dropped, each
    position once. A thing target gives way to its owner; a thing source stays when it is the verb's own
    subject ("Russian jets struck": the jets' operator acted), not when inherited from another clause."""
    out: list[Any] = []
    counted = [c for t in tokens for c in ((t,) if _counted(t).i == t.i else conjuncts(_counted(t)))]
    for tok in counted:  # "envoys of France and Italy", "six of the rebels and soldiers": each counted party
        if tok.pos_ in ("VERB", "AUX") and (own := subject_of(tok)) is not None:
            tok = own  # a mis-parsed clausal subject ("the Red Cross operating in Iraq said"): its own subject
        if (tok.pos_ not in ARGUMENT_POS and not has_mention(tok)) or (
                tok.ent_type_ in words().not_actor_ents and tok.pos_ != "NUM"):
            continue  # a stray word or a date; a bare number stays ("300 were wounded")
        if (target or inherited) and is_thing(tok, has_mention):
            tok = _owner(tok, has_mention) if target else None
        for found in (_identified(tok) if target and tok is not None else ()) or (tok,):
            if found is not None and all(found.i != o.i for o in out):
                out.append(found)
    return tuple(out)


def _identified(token: Any) -> tuple[Any, ...]:
    """The named persons a common noun stands for by its own clause ("two men who carried passports in the
    names of A and B": A, B); empty when it names none."""
    if token.pos_ != "NOUN":
        return ()
    for clause in (c for c in token.children if c.dep_ in ("relcl", "acl")):
        for noun in clause.subtree:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in words().identity_nouns:
                continue
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            named = _pobj(prep) if prep is not None else None
            if named is not None and named.ent_type_ == "PERSON":
                return conjuncts(named)
    return ()


def _roles(match: Match, sources: Any, targets: Any, has_mention: Any, reciprocal: bool = False,
           inherited: bool = False) -> Roles:
    crossed = targets is not None and _each_other(_counted(targets))
    return Roles(_actor_args(conjuncts(sources), has_mention, False, inherited),
                 () if crossed else _actor_args(conjuncts(targets), has_mention, True), reciprocal, inherited,
                 joint=_joint(match), crossed=crossed)


def _joint(match: Match) -> bool:
    """A joint act: the trigger or its object is a noun of one ("signed an accord", "a truce")."""
    verb = match.head
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")] if match.trigger.kind == "verb" else []
    return any(t.lemma_.lower() in words().joint_nouns for t in (*match.tokens, *objects))


def _each_other(token: Any) -> bool:
    """A target that is the parties themselves: "each other", "one another", "the other's diplomats"."""
    return token.lower_ in words().reciprocal_words or any(
        c.dep_ in ("poss", "amod") and c.lower_ in words().reciprocal_words for c in token.children)


def _prep_targets(host: Any, used: set[int], preps: frozenset[str], has_mention: Any) -> Any | None:
    """The actor object of one of `preps` on `host`; a phrase fronted before a verb is an adjunct
    ("On Saturday, ..."), never the target."""
    # a prepositional phrase the parser hung on a bare gerund adjunct ("opened fire without warning on X")
    kids = list(host.children)
    nested = [p for a in kids if a.dep_ == "prep" for g in a.children if g.dep_ == "pcomp" and g.tag_ == "VBG"
              and child(g, "dobj", "obj") is None for p in g.children]
    for prep in (*kids, *nested):
        if prep.dep_ == "prep" and prep.lower_ in preps and not (host.pos_ in ("VERB", "AUX") and prep.i < host.i):
            obj = _pobj(prep)
            if obj is None or obj.i in used:
                continue
            if _is_actorish(_counted(obj), has_mention):
                return obj
            if is_thing(_counted(obj), has_mention) and (owner := _owner(_counted(obj), has_mention)) is not None \
                    and owner.i not in used:
                return owner  # "set fire to the embassy's doors", "fired at the army's positions": the owner
    return None


def verb_roles(match: Match, has_mention: Any) -> Roles:
    """Source and target heads of a verb (or predicative adjective) trigger."""
    verb = match.head if match.trigger.kind == "verb" else match.head.head
    used = {t.i for t in match.tokens}
    subj, inherited = subject(verb, has_mention=has_mention)
    if _voice(verb) and not _stative(match, verb):
        agent = child(verb, "agent")
        src = _pobj(agent) if agent is not None else _means_actor(match, verb, has_mention)
        if src is not None and is_thing(_counted(src), has_mention):  # "hit by a bomb planted by X": X
            src = _perpetrator(_counted(src), has_mention)
        patient = subj if subj is not None else (verb.head if verb.dep_ == "acl" else None)
        if patient is not None and not _is_actorish(_counted(patient), has_mention) \
                and match.trigger.type not in words().patient_types:
            patient = None  # "the issue was discussed": a topic, not a party
        return _roles(match, src, patient, has_mention, inherited=inherited)
    target = _verb_target(match, verb, used, has_mention)
    if target is None:
        target = _complement_target(match, verb, used, has_mention)
    if target is None and match.trigger.type in words().threat_types:
        target = _threatened(verb, subj, has_mention)
    if target is None and match.trigger.type in words().accuse_types:
        target = _blamed(verb, subj, has_mention)
    return _roles(match, subj, target, has_mention, inherited=inherited)


def _blamed(verb: Any, subj: Any | None, has_mention: Any) -> Any | None:
    """Whom an accusation told as a clause is aimed at ("questioned why Y had needed help", "complained that
    Y had broken the truce"): the named actor subject of the verb's clausal complement. A clause that foretells
    ("warned that Y would pay") tells a threat's target, not an accused (see `_threatened`)."""
    for clause in verb.children:
        foretold = any(a.dep_ == "aux" and a.tag_ == "MD" for a in clause.children)
        own = subject_of(clause) if clause.dep_ == "ccomp" and not foretold else None
        if own is not None and own.pos_ != "PRON" and (subj is None or own.i != subj.i) \
                and _is_actorish(_counted(own), has_mention):
            return own
    return None


def _threatened(verb: Any, subj: Any | None, has_mention: Any) -> Any | None:
    """Whom a threat is aimed at when it has no object: the actor of the condition it sets ("would respond
    if the North took further steps": the North) or of what it says will befall someone ("warned that the
    South would soon see ...": the South)."""
    comps = [c for c in verb.children if c.dep_ == "xcomp"]  # "threatened to retaliate if Y struck"
    for clause in (*verb.children, *(g for c in comps for g in c.children)):
        marked = clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words().condition_marks for m in clause.children)
        foretold = clause.dep_ == "ccomp" and any(a.dep_ == "aux" and a.tag_ == "MD" for a in clause.children)
        if not (marked or foretold):
            continue
        own = subject_of(clause)
        if own is not None and own.pos_ != "PRON" and (subj is None or own.i != subj.i) \
                and _is_actorish(_counted(own), has_mention):
            return own
    return None


def _perpetrator(weapon: Any, has_mention: Any) -> Any | None:
    """Who used a weapon that is the agent of a passive: the agent of its own participle ("a bomb planted by
    X"), or the actor modifying it ("a Russian missile"); none when the text names no one."""
    for c in weapon.children:
        if c.dep_ == "acl" and (agent := child(c, "agent")) is not None and (obj := _pobj(agent)) is not None:
            return obj
    return next((c for c in weapon.children if c.dep_ in ("amod", "compound", "poss") and has_mention(c)), None)


def _complement_target(match: Match, verb: Any, used: set[int], has_mention: Any) -> Any | None:
    """The target of the clause a trigger takes as its content ("threatened to expel Russian diplomats",
    "is ready to send aid to Haiti"): that clause's actor object or target preposition."""
    hosts = [verb] if match.head.i == verb.i else [match.head, verb]
    for host in hosts:
        for comp in host.children:
            if comp.dep_ != "xcomp" or comp.pos_ not in ("VERB", "AUX"):
                continue
            for c in comp.children:
                if c.dep_ in ("dobj", "obj", "dative") and c.i not in used:
                    head = _counted(c)
                    if any(p.dep_ == "poss" and p.pos_ == "PRON" for p in head.children):
                        continue  # the subject's own ("agreed to separate their forces")
                    if is_thing(head, has_mention) or not _is_actorish(head, has_mention):
                        found = _owner(head, has_mention, False)
                        if found is not None:
                            return found
                        continue
                    return c
            found = _prep_targets(comp, used, words().target_preps, has_mention)
            if found is not None:
                return found
    return None


def _means_actor(match: Match, verb: Any, has_mention: Any) -> Any | None:
    """The perpetrator named by the means of an agentless violent passive ("killed in Israeli shelling",
    "wounded in a Russian strike", "injured in clashes with police"): the actor modifying a common noun
    after "in", "during" or "by", or the object of its "by" / "with"."""
    if match.trigger.type not in words().violent_types:
        return None
    for prep in verb.children:
        obj = _pobj(prep) if prep.dep_ == "prep" and prep.lower_ in words().means_preps else None
        if obj is not None and obj.pos_ == "NOUN":
            by = next((_pobj(c) for c in obj.children if c.dep_ == "prep" and c.lower_ in words().means_actor_preps), None)
            found = next((c for c in obj.children if c.dep_ in ("poss", "amod", "compound") and has_mention(c)), by)
            if found is not None and _is_actorish(found, has_mention):
                return found
    return None


def _stative(match: Match, verb: Any) -> bool:
    """An agentless passive of a stance verb with a "to" complement is the subject's stance ("is opposed to")."""
    if match.trigger.type not in words().stative_types or child(verb, "agent") is not None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in future_auxiliaries() for c in verb.children):
        return False  # a future passive is an act ("would be flown to"), recoded as intent, not a stance
    return any((c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "xcomp" for c in verb.children)


def _object_target(match: Match, obj: Any, has_mention: Any) -> Any | None:
    """The target an object gives: itself when it is an actor (or any victim noun of a patient type),
    else the actor it belongs to ("suspended transactions with Niger", "rejected an offer by Seoul",
    "seized weapons from the rebels"); none when it is the force put to use ("deployed troops")."""
    head = _counted(obj)
    if match.trigger.type in words().force_object_types:
        return None
    if is_thing(head, has_mention):
        return _owner(head, has_mention) or _prep_targets(obj.head, {obj.i}, words().owner_preps, has_mention)
    if head.lemma_.lower() in words().content_nouns and not has_mention(head):
        # "rejected Iran's offer", "denied the claims made by X": the author; "denied the allegations":
        # the accusation told before, whose author the resolver knows (see `told_accusation`)
        return _owner(head, has_mention) or (obj if told_accusation(head) else None)
    if _is_actorish(head, has_mention) or (match.trigger.type in words().patient_types and head.pos_ in ("NOUN", "PROPN")
                                           and head.ent_type_ not in words().not_actor_ents):
        return obj
    return _owner(head, has_mention) if head.pos_ == "NOUN" else None


def _verb_target(match: Match, verb: Any, used: set[int], has_mention: Any) -> Any | None:
    """First of: a free direct or indirect object, the object of a pattern preposition, an actor the pattern's
    own object names ("summoned the ambassador"), a target preposition, the owner of the pattern's object."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative") and c.i not in used]
    for c in objects or [o for o in (_shifted_object(verb),) if o is not None and o.i not in used]:
        found = next((t for o in conjuncts(c) if (t := _object_target(match, o, has_mention)) is not None), None)
        if found is not None:
            return found
    for tok in match.tokens[1:]:
        if tok.dep_ == "aux":  # "X said Y must leave": the target is Y
            return subject(tok.head)[0]
        if tok.dep_ in ("prep", "agent"):  # the pattern's own preposition: any victim noun of a patient type
            obj = _pobj(tok)
            if obj is None or obj.i in used:
                continue
            if _is_actorish(_counted(obj), has_mention) or (
                    match.trigger.type in words().patient_types and _counted(obj).pos_ == "NOUN"
                    and not is_thing(_counted(obj), has_mention)):
                return obj
            if _addressee(verb) is not None and _addressee(verb).i == obj.i and _can_act(obj, has_mention):
                return obj  # "called on their supporters to gather": whoever is asked to act
            if is_thing(_counted(obj), has_mention) and (owner := _owner(_counted(obj), has_mention)) is not None:
                return owner  # "set fire to the embassy's doors": the embassy
        if tok.dep_ in ("dobj", "obj", "pobj") and has_mention(tok) and not is_thing(tok, has_mention) \
                and match.trigger.type not in words().force_object_types:
            return tok  # the pattern's own actor object ("summoned the ambassador", "searched for two men")
    nouns = [c for t in match.tokens[1:] if t.pos_ in ("NOUN", "PROPN") for c in conjuncts(t)]
    for host in (*nouns, verb):
        found = _prep_targets(host, used, words().target_preps, has_mention)
        if found is not None:
            return found
    # the pattern's object names its owner ("froze Nigerien assets"); by a possessive only for types whose
    # noun takes its patient there ("ordered their expulsion"), else it points back at the subject ("held their summit")
    possessor = match.trigger.type in words().of_target_types
    return next((o for n in nouns if (o := _owner(n, has_mention, possessor)) is not None and o.i not in used), None)


def told_accusation(noun: Any) -> bool:
    """A definite accusation noun with no author of its own ("denied the allegations", "rejected these
    charges"): it refers back to an accusation the story told before."""
    return noun.lemma_.lower() in words().accusation_nouns and not any(
        (c.dep_ in ("poss", "acl", "amod", "compound") and c.lower_ not in words().accusation_modifiers
         and not _infinitive(c)) or (c.dep_ == "prep" and c.lower_ in words().owner_preps) for c in noun.children) and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "such") for c in noun.children)


def _infinitive(token: Any) -> bool:
    """A to-infinitive, which tells a purpose, never an author ("invented the accusations to please Y")."""
    return token.dep_ == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _shifted_object(verb: Any) -> Any | None:
    """The object moved after its predicate adjective, which the parser reads as an "as" phrase ("dismissed
    as absurd X's allegation", "rejected as false the claims of Y"): the noun after "as" + adjective."""
    if child(verb, "dobj", "obj") is not None:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and (obj := child(prep, "pobj")) is not None \
                and obj.pos_ == "NOUN" and prep.i + 1 < obj.i:
            adj = verb.doc[prep.i + 1]
            if adj.pos_ == "ADJ" and (adj.head.i == prep.i or obj.left_edge.i == adj.i):
                return obj
    return None


def noun_roles(match: Match, has_mention: Any) -> Roles:
    """Source and target of a nominal trigger: possessive, demonym, "by" / "of" / "between" phrases; an
    event noun the subject "comes under" is told from its target ("came under attack from Y")."""
    noun, typ = match.head, match.trigger.type
    used = {t.i for t in match.tokens}
    accusation = typ in words().accuse_types and noun.lemma_.lower() in words().accusation_nouns
    undergoer = patient_subject(match)
    src = child(noun, "poss")
    if src is not None and src.ent_type_ in words().not_actor_ents:
        src = None
    if src is None:
        src = next((c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i not in used
                    and _is_actorish(c, has_mention)), None)
    target = None
    for prep in noun.children:
        if prep.dep_ not in ("prep", "agent"):
            continue
        obj = _pobj(prep)
        if obj is None or obj.i in used:
            continue
        word = prep.lower_
        if word == "of" and accusation:  # "allegations of its involvement": the content names the accused
            target = target if target is not None else _accused(obj, has_mention)
            continue
        if word == "between" and src is None:
            return _roles(match, obj, None, has_mention, reciprocal=True)
        if word == "by" or (word == "of" and typ not in words().of_target_types) or word == "from":
            src = src if src is not None else obj
        elif (word == "of" or word in words().target_preps) and target is None and _is_actorish(_counted(obj), has_mention):
            target = obj
    if accusation and src is None and not told_accusation(noun):  # no author: the speaker who reports it
        src = _reporter(noun)  # ("the allegations" refer back to an accusation told before, no new one)
    if undergoer is not None:
        if src is None:  # "came under attack from Y" with the "from" phrase hung on the verb
            verb = noun.head.head
            src = next((o for p in verb.children if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
                        and (o := _pobj(p)) is not None and _is_actorish(_counted(o), has_mention)), None)
        return _roles(match, src, undergoer, has_mention)
    setting = framing_verb(match)
    if setting is not None and src is None:  # "told Y in a phone call": the teller and Y are its parties
        src = subject(setting, has_mention=has_mention)[0]
        if target is None:
            target = next((c for c in setting.children if c.dep_ in ("dobj", "obj", "dative")
                           and _is_actorish(_counted(c), has_mention)), None)
    return _roles(match, src, target, has_mention)


def _accused(content: Any, has_mention: Any) -> Any | None:
    """Whom an accusation's content says did it: an actor ("allegations of the army's ..." -> the army), the
    first party of a link ("of a link between agents of X and the killing" -> agents of X), else the owner
    of the act ("of its involvement" -> it, "of fraud by the police" -> the police)."""
    if _is_actorish(_counted(content), has_mention):
        return content
    for prep in content.children:
        if prep.dep_ == "prep" and prep.lower_ in words().link_preps and (obj := _pobj(prep)) is not None \
                and _is_actorish(_counted(obj), has_mention):
            return _counted(obj)  # the party itself, not the coordinated link ("agents of X and the death")
    return _owner(content, has_mention)


# Dependencies through which an accusation noun stays inside the clause its reporter utters: an object,
# a prepositional object, a reported or controlled clause ("X told parliament that agencies were pursuing
# allegations of ...": X's own accusation). A subject is not ("X said the allegations were absurd").
REPORTED_PATH = frozenset({"dobj", "obj", "pobj", "prep", "ccomp", "xcomp"})


# A necessity clause may be coordinated with another reported one ("X said it was concerned and that it was
# critical for ..."), and is reported through its clause, not an object.
CALL_PATH = frozenset({"ccomp", "conj"})


def _reporter(noun: Any, path: frozenset[str] = REPORTED_PATH) -> Any | None:
    """The speaker of an accusation noun with no author of its own: the subject of the nearest reporting
    verb whose object or reported clause holds the noun; None when the noun is a subject on the way up (the
    speaker then answers an accusation, "X said allegations of its role were absurd") or no speaker is near."""
    tok = noun
    for _ in range(6):
        if tok.dep_ not in path or tok.head.i == tok.i:
            return None
        head = tok.head
        if head.pos_ == "VERB" and head.lemma_.lower() in reporting_verbs() and tok.dep_ in ("dobj", "obj", "ccomp"):
            return subject(head)[0]
        tok = head
    return None


@lru_cache(maxsize=1)
def _call_words() -> tuple[frozenset[str], str, str]:
    raw = read_data_toml("lexicon", "arguments.toml")["calls"]
    return frozenset(raw["adjectives"]), raw["type"], raw["cameo"]


def called_for(match: Match, has_mention: Any) -> tuple[Match, Roles] | None:
    """A nominal act a speaker calls for by an adjective of necessity ("X said it was critical for Y's
    inquiry to proceed", "... vital that the talks resume"): the call (`[calls]` in arguments.toml) from the
    speaker to the act's own actor, or None when the noun is not the subject of such a clause."""
    noun = match.head
    if match.trigger.kind != "noun" or noun.dep_ != "nsubj" or noun.head.dep_ not in ("advcl", "ccomp", "xcomp"):
        return None
    host = noun.head.head
    adjectives, type_, cameo = _call_words()
    adj = host if host.pos_ == "ADJ" else child(host, "acomp")
    if adj is None or adj.lemma_.lower() not in adjectives:
        return None
    speaker = _reporter(adj.head if host.pos_ == "ADJ" else host, CALL_PATH)
    if speaker is None:
        return None
    call = replace(match, trigger=replace(match.trigger, type=type_, mode=None, cameo=cameo))
    actor = next(iter(noun_roles(match, has_mention).sources), None)  # "Y's inquiry": Y is called on
    return call, _roles(call, speaker, actor, has_mention)


def framing_verb(match: Match) -> Any | None:
    """The verb a meeting noun is the setting of ("told the president in a phone call that ...", "said
    during talks with Y"): the noun is the event of the verb's subject, not a side phrase; None otherwise."""
    noun = match.head
    if match.trigger.kind != "noun" or match.trigger.type not in words().framing_types or noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.dep_ != "prep" or prep.lower_ not in words().framing_preps or prep.head.pos_ != "VERB" or prep.i < prep.head.i:
        return None  # a fronted phrase is the scene of the sentence ("At the summit, X raised ..."), no setting
    return None if _voice(prep.head) else prep.head  # "was involved in the talks" is a state, no setting


def patient_subject(match: Match) -> Any | None:
    """The subject that undergoes a nominal trigger ("the convoy came under attack": the convoy), or None."""
    noun = match.head
    if match.trigger.kind != "noun" or noun.dep_ != "pobj" or noun.head.lower_ not in words().patient_subject_preps:
        return None
    verb = noun.head.head
    if verb.lemma_.lower() not in words().patient_subject_verbs:
        return None
    return subject(verb)[0]
