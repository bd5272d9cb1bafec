"""A claim made "in a statement" or by "issuing a statement" is attributed to whoever made the statement."""
import pytest


@pytest.mark.parametrize("text", [
    "The Chilean foreign minister said in a statement that Santiago was expelling two Bolivian diplomats.",
    "The Chilean foreign minister issued a statement saying Santiago was expelling two Bolivian diplomats.",
])
def test_statement_maker_is_the_source_of_the_claim(analyze, text):
    events = analyze(text).events
    assert events, text
    attribution = events[0].attribution
    assert attribution is not None and attribution.source is not None
    assert "minister" in attribution.source.text.lower()


def test_the_statement_itself_as_subject_keeps_no_invented_speaker(analyze):
    events = analyze("A statement said Peru had expelled two Bolivian diplomats.").events
    assert events and events[0].modality == "reported"
