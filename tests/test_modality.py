"""Modality and attribution: one test per cue class, plus scope and paragraph rules.

Analyses are built by hand (parse + an Event on a named trigger, actors where
needed), so these tests check this stage alone.
"""
from __future__ import annotations

from datetime import date

import pytest

from eventscope.records import Actor, Analysis, Article, Event, Evidence
from eventscope.stages.modality import make_stage


@pytest.fixture(scope="module")
def stage():
    return make_stage(None, None)


def build(nlp, text: str, triggers: list[str], actors: dict[str, str] | None = None) -> Analysis:
    """An Analysis with one event per trigger word (first occurrence) and the named actors (text -> ISO3)."""
    doc = nlp(text)
    events = []
    for n, trig in enumerate(triggers):
        start = text.index(trig)
        sent = doc.char_span(start, start + len(trig), alignment_mode="expand").sent
        evidence = Evidence(sent.text, sent.start_char, sent.end_char, trig, start, start + len(trig))
        events.append(Event("t", f"t:e{n}", "ASSAULT", None, None, None, None, None, None,
                            "asserted", None, evidence, 0.5))
    mentions = tuple(Actor(text=a, name=a, country=c, start=text.index(a), end=text.index(a) + len(a))
                     for a, c in (actors or {}).items())
    return Analysis(article=Article("t", date(2023, 5, 1), text), doc=doc, actors=mentions, events=tuple(events))


def read(stage, nlp, text: str, trigger: str, actors: dict[str, str] | None = None):
    event = stage(build(nlp, text, [trigger], actors)).events[0]
    att = event.attribution
    return event.modality, (att.source.name if att and att.source else None), (att.cue if att else None)


# Sentences and the trigger of their event, by the modality the cue in each sentence gives it.
CUES = {
    "asserted": [
        ("Rebels attacked the convoy near the border.", "attacked"),
    ],
    "reported": [
        ("Rebels reportedly attacked the convoy near the border.", "attacked"),
        ("Two local radio stations have reported that the army shelled the village.", "shelled"),
        ("Rebels ambushed the convoy, a police spokesman said.", "ambushed"),
    ],
    "believed": [
        ("Analysts believe that the militia expanded its control of the valley.", "expanded"),
        ("The group is considered to be responsible for the bombing.", "bombing"),
    ],
    "speculated": [  # hedges and modals
        ("The navy may blockade the port.", "blockade"),
        ("The navy seems to be preparing a blockade of the port.", "preparing"),
        ("It is hypothesised that the militia seized the airport.", "seized"),
        ("The offensive is likely to target the northern suburbs.", "target"),
    ],
    "intended": [  # intentions, offers, threats, future
        ("The minister plans to visit Cairo next month.", "visit"),
        ("The rebels threatened to storm the capital.", "storm"),
        ("The mediator offered to host the talks.", "host"),
        ("The rebels will storm the capital.", "storm"),
    ],
    "conditional": [
        ("If talks fail, the army will launch an offensive.", "launch"),
        ("The army will launch an offensive unless the rebels withdraw.", "launch"),
    ],
    "negated": [
        ("The army did not shell the village.", "shell"),
        ("The army never shelled the village.", "shelled"),
        ("The government denied that its troops shelled the town.", "shelled"),
        ("Inspectors found no evidence of an attack on the embassy.", "attack"),
    ],
}


@pytest.mark.parametrize("text, trigger, expected", [(text, trigger, modality) for modality, rows in CUES.items()
                                                     for text, trigger in rows])
def test_each_cue_class(stage, nlp, text, trigger, expected):
    assert read(stage, nlp, text, trigger)[0] == expected


def test_the_trigger_itself_is_no_cue(stage, nlp):
    """A THREATEN or REJECT event happened: its own verb does not hedge it."""
    assert read(stage, nlp, "The rebels threatened the capital.", "threatened")[0] == "asserted"
    assert read(stage, nlp, "The minister refused the offer.", "refused")[0] == "asserted"


def test_scope_follows_the_parse_up_to_the_belief(stage, nlp):
    """The belief scopes over the embedded wish; the experts' believing is not the event."""
    text = "Experts at the institute believe that Moscow would like to increase its garrison."
    assert read(stage, nlp, text, "increase")[:1] == ("believed",)


def test_a_temporal_clause_is_outside_the_hedge(stage, nlp):
    text = "The militia seems to be regrouping after the air force bombed its positions."
    analysis = stage(build(nlp, text, ["regrouping", "bombed"]))
    assert [e.modality for e in analysis.events] == ["speculated", "asserted"]


def test_a_time_phrase_is_outside_the_wish(stage, nlp):
    text = "The army wants to prevent more clashes after a week of unrest in the capital."
    assert read(stage, nlp, text, "unrest")[0] == "asserted"


def test_a_reduced_relative_clause_is_presupposed(stage, nlp):
    text = "The agency will send experts to identify the villagers killed by the flood."
    assert read(stage, nlp, text, "killed")[0] == "asserted"


def test_participial_reporting_verb_speaks_for_the_main_subject(stage, nlp):
    text = "Farmers blocked the highway, saying the ministry had cut their subsidies."
    assert read(stage, nlp, text, "cut", {"Farmers": "FRA"}) == ("reported", "Farmers", "saying")


def test_a_fact_clause_is_presupposed(stage, nlp):
    text = "How else could one explain the fact that the militias have seized the bridge?"
    assert read(stage, nlp, text, "seized")[0] == "asserted"


def test_negation_outranks_reporting(stage, nlp):
    assert read(stage, nlp, "Officials said the rebels did not attack the base.", "attack")[:1] == ("negated",)


def test_reporting_verb_subject_is_the_attribution(stage, nlp):
    text = "The state news agency Tanjug reported that the army shelled the village."
    assert read(stage, nlp, text, "shelled", {"Tanjug": "SRB"}) == ("reported", "Tanjug", "reported")


def test_according_to_names_the_source(stage, nlp):
    text = "According to the Geneva-based monitor Watchline, the army shelled the village."
    assert read(stage, nlp, text, "shelled", {"Watchline": "CHE"}) == ("reported", "Watchline", "according to")


def test_unnamed_source_is_built_from_the_phrase(stage, nlp):
    text = "Several regional newspapers have reported that the army shelled the village."
    assert read(stage, nlp, text, "shelled") == ("reported", "regional newspapers", "reported")


def test_reportedly_has_no_named_source(stage, nlp):
    assert read(stage, nlp, "The two delegations reportedly met in Oslo.", "met") == ("reported", None, "reportedly")


def test_according_to_frames_the_whole_sentence(stage, nlp):
    """An event in a relative clause of a framed sentence is on the source's word too."""
    text = "According to Watchline, the army shelled the town of Varo, which the rebels captured."
    event = stage(build(nlp, text, ["captured"], {"Watchline": "CHE"})).events[0]
    assert (event.modality, event.attribution.source.name) == ("reported", "Watchline")


def test_later_mention_of_the_same_source_reuses_it(stage, nlp):
    text = ("According to the think-tank Almanar, the army shelled the village.\n\n"
            "Experts at Almanar believe that the army wants to seize the ridge.")
    actors = {"the think-tank Almanar": "EGY"}
    event = stage(build(nlp, text, ["seize"], actors)).events[0]
    assert (event.modality, event.attribution.source.text) == ("believed", "the think-tank Almanar")


def test_continuation_sentence_inherits_the_frame(stage, nlp):
    text = ("According to Watchline, the army shelled the village. "
            "Another convoy was ambushed near the river.\n\nThe rebels ambushed a patrol.")
    events = stage(build(nlp, text, ["ambushed near", "ambushed a"], {"Watchline": "CHE"})).events
    assert [(e.modality, e.attribution.source.name if e.attribution else None) for e in events] == \
        [("reported", "Watchline"), ("asserted", None)]


def test_pronoun_speaker_is_the_paragraphs_last_source(stage, nlp):
    text = "Colonel Dara Okoye said the unit withdrew. He said that rebels shelled the base."
    event = stage(build(nlp, text, ["shelled"], {"Colonel Dara Okoye": "NGA"})).events[0]
    assert (event.modality, event.attribution.source.name) == ("reported", "Colonel Dara Okoye")


def test_one_cue_lexicon_serves_every_stage_that_reads_cues(stage) -> None:
    """The modality and relations stages and the events stage's reporting verbs read one table load."""
    from eventscope.cues import reporting_verbs
    from eventscope.stages.relations import make_stage as relation_stage

    assert relation_stage(None, None).lexicon is stage.lexicon
    assert {"say", "tell", "claim"} <= reporting_verbs()
    assert all(stage.lexicon.get("governor", verb).modality == "reported" for verb in reporting_verbs())
