"""The subject pronoun of what a speaker says is that speaker ("X urged Y to act and said it was concerned"),
and an acronym ending in S is one organisation, not a plural the pronoun "it" cannot mean."""
import pytest


@pytest.mark.parametrize("text, speaker", [
    ("The African Union urged the junta to free the detainees and said it was deeply concerned by the arrests.",
     "African Union"),
    ("ECOWAS thanked the junta for the talks and said it would send a mission to Niamey.",
     "Economic Community of West African States"),
])
def test_it_in_a_speakers_clause_is_the_speaker(analyze, text, speaker):
    analysis = analyze(text)
    it = next(a for a in analysis.actors if a.text == "it")
    assert it.name == speaker, [(a.name, a.text) for a in analysis.actors]
