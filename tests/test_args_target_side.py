"""Issue 16, events told from the target side, beyond test_event_passive: the perpetrator of "came under
attack" named by a "from" phrase the parser hung on the verb, and passive releases and handovers with or
without an agent ("were freed by their captors", "the reporter was released")."""
from __future__ import annotations

from handparse import has, mentions, parse, texts, trigger

from eventscope.stages.events.args import noun_roles

FROM_ON_THE_VERB = parse("""
The the DET DT det 1
convoy convoy NOUN NN nsubj 2
came come VERB VBD ROOT 2
under under ADP IN prep 2
attack attack NOUN NN pobj 3
from from ADP IN prep 2
rebel rebel ADJ JJ compound 7
fighters fighter NOUN NNS pobj 5
. . PUNCT . punct 2
""")


def test_the_from_phrase_of_the_verb_names_who_attacked():
    roles = noun_roles(trigger(FROM_ON_THE_VERB, 4, "ASSAULT", "noun"), mentions("fighters", "convoy"))
    assert texts(roles.sources) == ["fighters"] and texts(roles.targets) == ["convoy"]


def test_end_to_end_passive_releases(events):
    assert has(events("Two aid workers were freed by their captors in Mali after a month."), "RETREAT", "captors", "workers")
    assert has(events("The Belarusian journalist was released on Saturday."), "RETREAT", None, "journalist")
    assert has(events("The activist was arrested by police in Minsk on Monday."), "COERCE", "police", "activist")
