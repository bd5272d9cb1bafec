"""First-person pronouns in a direct quote are the quote's speaker (stages/actors/coref.py `_quotes`).
Sentences written for these tests."""
from __future__ import annotations

from actorparse import actors_on, named
from handparse import actor_of

# '"We will respond," Chad said.': both marks hang on "said", whose subject is the speaker.
AFTER = """
" " PUNCT `` punct 7
We we PRON PRP nsubj 3
will will AUX MD aux 3
respond respond VERB VB ccomp 7
, , PUNCT , punct 7
" " PUNCT '' punct 7
Chad Chad PROPN NNP nsubj 7 GPE
said say VERB VBD ROOT 7
. . PUNCT . punct 7
"""

# 'Chad said: "Our troops will stay."'
BEFORE = """
Chad Chad PROPN NNP nsubj 1 GPE
said say VERB VBD ROOT 1
: : PUNCT : punct 1
" " PUNCT `` punct 1
Our our PRON PRP$ poss 5
troops troop NOUN NNS nsubj 7
will will AUX MD aux 7
stay stay VERB VB ccomp 1
. . PUNCT . punct 1
" " PUNCT '' punct 1
"""

# 'Chad attacked "us".': the marks hang on a verb that reports nothing, so no one says the quote.
NOT_SPEECH = """
Chad Chad PROPN NNP nsubj 1 GPE
attacked attack VERB VBD ROOT 1
" " PUNCT `` punct 3
us we PRON PRP dobj 1
" " PUNCT '' punct 1
. . PUNCT . punct 1
"""


def test_we_in_a_quote_is_the_speaker_named_after_it(pipeline) -> None:
    found = named(actors_on(pipeline, AFTER), 1)
    assert found is not None and (found.name, found.country) == ("Chad", "TCD")


def test_our_in_a_quote_is_the_speaker_named_before_it_and_gives_its_country(pipeline) -> None:
    a = actors_on(pipeline, BEFORE)
    assert named(a, 4).country == "TCD"
    assert named(a, 5).country == "TCD"  # "our troops": the speaker's troops


def test_first_person_without_a_reporting_verb_stays_unresolved(pipeline) -> None:
    assert named(actors_on(pipeline, NOT_SPEECH), 3) is None


def test_first_person_outside_quotes_stays_unresolved(analyze) -> None:
    a = analyze("President Amara Keita of Mali met the envoys on Monday. We have learned that he left.")
    assert actor_of(a, "We") is None


def test_i_in_a_quote_is_a_pronoun_speaker_resolved_first(analyze) -> None:
    a = analyze('President Amara Keita of Mali spoke on Friday. "I continue to ask the rebels to lay down '
                'their arms," he said.')
    me = actor_of(a, "I")
    assert me is not None and (me.name, me.country) == ("Amara Keita", "MLI")


def test_the_quote_speaker_is_the_source_of_the_quoted_event(events) -> None:
    evs = events('"We have detained nine of the attackers," the police commander Omar Bello of Nigeria said.')
    detain = [e for e in evs if e.evidence.trigger.startswith("detained")]
    assert detain and detain[0].source is not None and detain[0].source.country == "NGA"

