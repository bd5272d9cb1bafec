"""The events stage: triggers from the lexicon, arguments from the parse, one test per construction."""
from __future__ import annotations

from datetime import date

import pytest

from eventscope import Analysis, Article, ConfigError
from eventscope.records import PLOVER_TYPES
from eventscope.stages.events import EventStage, load_lexicon


@pytest.fixture(scope="module")
def events(pipeline):
    """events(text) -> the events of the actors and events stages only (independent of later stages)."""
    stages = [s for s in pipeline.stages if s.name in ("actors", "events")]

    def run(text: str, stage=None):
        analysis = Analysis(article=Article(doc_id="t", date=date(2022, 3, 22), text=text), doc=pipeline.nlp(text))
        for s in stages:
            analysis = (stage if stage is not None and s.name == "events" else s)(analysis)
        return list(analysis.events)

    return run


def names(actor) -> set[str]:
    """Every way a test may name an actor: text, name, country code."""
    return {v.lower() for v in (actor.text, actor.name, actor.country) if v} if actor else set()


def has(evs, type_, source=None, target=None) -> bool:
    return any(e.type == type_ and (source is None or any(source.lower() in n for n in names(e.source)))
               and (target is None or any(target.lower() in n for n in names(e.target))) for e in evs)


def test_single_verbs_by_lemma(events):
    assert has(events("Venezuela attacked Guyana on Monday."), "ASSAULT", "venezuela", "guyana")
    assert has(events("The police arrested the opposition leader."), "COERCE", "police")
    assert has(events("Sweden condemned the Danish government."), "ACCUSE", "sweden")


def test_verb_with_particle_or_preposition(events):
    assert has(events("Ghana called for an immediate ceasefire."), "REQUEST", "ghana")
    assert has(events("Canada pulled out of the coalition last year."), "RETREAT", "canada")
    assert has(events("The junta backed down after two weeks of pressure."), "CONCEDE", "junta")


def test_light_verbs(events):
    evs = events("Norway held talks with Chile in Oslo.")
    assert has(evs, "CONSULT", "norway", "chile")
    assert [e.evidence.trigger for e in evs] == ["held talks"]
    assert has(events("Japan imposed sanctions on Belarus."), "SANCTION", "japan", "belarus")
    assert has(events("Peru signed an agreement with Bolivia."), "SUPPORT", "peru", "bolivia")


def test_passive_with_agent(events):
    assert has(events("The militia is backed by Turkey."), "SUPPORT", "turkey", "militia")


def test_relative_clause(events):
    evs = events("The militia, which is funded by Qatar, seized the airport.")
    assert has(evs, "AID", "qatar", "militia")
    assert has(evs, "COERCE", "militia")


def test_appositive_subject(events):
    evs = events("Omar Haddad, the governor of the province, visited Kenya on Tuesday.")
    assert has(evs, "CONSULT", "omar haddad", "kenya")


def test_control_verbs(events):
    assert has(events("Officials in Hanoi decided to expel the Thai ambassador."), "SANCTION", "officials")
    evs = events("Kenya urged Uganda to withdraw its troops.")
    assert [e.type for e in evs] == ["REQUEST"]  # the withdrawal is what is asked for, not an event
    assert has(evs, "REQUEST", "kenya", "uganda")


def test_an_instrument_object_does_not_control_the_infinitive(events):
    evs = events("Riot police used water cannon to disperse the marchers in Lima.")
    assert has(evs, "COERCE", "police")
    assert not any("cannon" in names(e.source) for e in evs if e.source)


def test_conjoined_verbs_share_the_subject(events):
    evs = events("The Polish minister paid a visit to Kyiv and held talks with Ukrainian officials.")
    consult = [e for e in evs if e.type == "CONSULT"]
    assert len(consult) == 2
    assert len({e.source.text for e in consult}) == 1 and "polish minister" in consult[0].source.text.lower()


def test_prepositional_targets(events):
    assert has(events("The Iraqi envoy paid a visit to Tehran."), "CONSULT", "iraqi", "tehran")


def test_coordination_gives_one_event_per_pair(events):
    evs = events("Mexico held talks with Brazil and Argentina.")
    assert has(evs, "CONSULT", "mexico", "brazil") and has(evs, "CONSULT", "mexico", "argentina")
    agreed = events("Egypt and Jordan agreed to reopen the crossing.")
    assert {e.type for e in agreed} == {"AGREE"}
    assert len(agreed) == 1 and has(agreed, "AGREE", "egypt", "jordan")  # one symmetric event (issue 16)


def test_reported_speech_codes_the_reported_event(events):
    evs = events("Officials in Kabul said that Pakistan attacked two border posts.")
    assert [e.type for e in evs] == ["ASSAULT"]
    assert has(evs, "ASSAULT", "pakistan")


def test_nominal_events_with_possessive_or_by_phrase(events):
    assert has(events("Russia's invasion of Georgia shocked Europe."), "ASSAULT", "russia", "georgia")
    assert has(events("The visit by the Indian premier to Dhaka ended early."), "CONSULT", "indian", "dhaka")


def test_nominal_events_without_actor_are_dropped(events):
    assert events("The sanctions hurt ordinary families.") == []


def test_non_events(events):
    assert events("The ministry did not comment.") == []
    assert events("The president said the economy is growing.") == []


def test_no_duplicate_events_in_a_sentence(events):
    evs = events("Sudan launched an attack on Chad.")
    assert [(e.type, e.evidence.trigger) for e in evs] == [("ASSAULT", "launched an attack")]


def test_pronoun_resolved_to_earlier_actor(events):
    evs = events("Iran said on Monday that it had arrested two British nationals.")
    assert has(evs, "COERCE", "iran")


def test_future_cooperation_is_intent_to_cooperate(events):
    assert has(events("Sweden will send aid to Somalia."), "AGREE", "sweden", "somalia")
    assert has(events("Hamas threatened to attack Israel."), "THREATEN", "hamas")


def test_confidence_prefers_explicit_resolved_clauses(events):
    explicit = events("Egypt attacked Libya.")[0]
    nominal = events("The Egyptian attack ended.")[0]
    assert 0 <= nominal.confidence < explicit.confidence <= 1


def test_record_fields_and_offsets(events):
    text = "Rain fell. Chile expelled two Peruvian diplomats on Friday."
    (e,) = events(text)
    assert (e.type, e.mode, e.cameo, e.quad_class, e.sentence_index) == ("SANCTION", "expel", "166", 3, 1)
    assert e.event_id == "t:e1" and e.modality == "asserted" and e.date is None and e.attribution is None
    assert text[e.evidence.start:e.evidence.end] == e.evidence.sentence
    assert text[e.evidence.trigger_start:e.evidence.trigger_end] == e.evidence.trigger == "expelled two Peruvian diplomats"


def test_lexicon_covers_every_plover_type():
    lex = load_lexicon()
    counts = {t: sum(1 for ts in lex.index.values() for tr in ts if tr.type == t) for t in PLOVER_TYPES}
    assert all(n >= 8 for n in counts.values()), counts


def test_analyst_extends_the_lexicon(tmp_path, events):
    extra = tmp_path / "mine.tsv"
    extra.write_text("verb\tsnub\tREJECT\t\t120\nverb\tattack\t-\n", encoding="utf-8")
    stage = EventStage(load_lexicon((str(extra),)))
    assert has(events("Chile snubbed Peru.", stage), "REJECT", "chile")
    assert events("Chile attacked Peru.", stage) == []  # a later row replaces the shipped one


def test_bad_lexicon_row_names_file_and_line(tmp_path):
    extra = tmp_path / "bad.tsv"
    extra.write_text("# comment\nverb\tsnub\tSNUB\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:2.*not a PLOVER type"):
        load_lexicon((str(extra),))


def test_purpose_and_conditional_clauses_add_no_event(events):
    assert [e.type for e in events("Chadian troops opened fire to disperse the crowd.")] == ["ASSAULT"]
    evs = events("Bolivia threatened to close the border unless Peru withdraws its troops.")
    assert [e.type for e in evs] == ["THREATEN"]


def test_noun_in_a_prepositional_phrase_is_no_second_event(events):
    evs = events("Lithuania condemned Belarus during talks in Vilnius.")
    assert [e.type for e in evs] == ["ACCUSE"]


def test_stance_passive_keeps_its_subject_as_source(events):
    assert has(events("Norway is opposed to the Finnish proposal."), "REJECT", "norway")


def test_violent_passive_takes_perpetrator_from_the_means(events):
    assert has(events("Three farmers were killed in a Sudanese air raid."), "ASSAULT", "SDN", "farmers")


def test_clause_on_a_statement_belongs_to_its_author(events):
    evs = events("The Kurdish party issued a statement demanding that Ankara free the prisoners.")
    assert has(evs, "REQUEST", "kurdish party")


def test_inflected_verb_found_when_the_lemmatizer_errs(events):
    assert has(events("Angry farmers staged rallies in Lima."), "PROTEST", "farmers")


def test_coordinated_demonyms_give_one_actor_per_country(events):
    evs = events("Senior Bolivian and Chilean officials agreed to reopen the border.")
    (agreed,) = [e for e in evs if e.type == "AGREE"]  # a joint act: one symmetric event between the two
    assert (agreed.source.country, agreed.target.country) == ("BOL", "CHL")
    assert {agreed.source.name, agreed.target.name} == {"Bolivian officials", "Chilean officials"}


def test_plural_pronoun_points_at_a_group_not_a_person(events):
    evs = events("Fighters loyal to the warlord said they attacked a Malian convoy.")
    assert has(evs, "ASSAULT", "fighters", "MLI")


def test_ultimatum_is_a_threat(events):
    assert has(events("Peru issued an ultimatum to Ecuador."), "THREATEN", "peru", "ecuador")


def test_untitled_country_comes_from_the_rest_of_the_sentence(events):
    evs = events("President Omar Diallo conceded to demands from the Angolan opposition.")
    assert has(evs, "CONCEDE", "AGO")
    (e,) = events("President Omar Diallo welcomed the Bolivian leader.")
    assert e.source.country is None  # the only country named is the target's


def test_noun_subject_of_a_trigger_is_no_second_event(events):
    evs = events("The deployment of Kenyan troops arrived in Somalia.")
    assert [e.type for e in evs] == ["MOBILIZE"]  # arriving troops are a deployment (lexicon `@` subject rows)


def test_withdrawing_observers_is_a_sanction_and_its_announcement_a_threat(events):
    assert has(events("Denmark withdrew its observers from Chad."), "SANCTION", "denmark", "chad")
    assert has(events("Denmark will withdraw its observers from Chad."), "THREATEN", "denmark")


def test_receiving_goods_and_insisting_are_not_events(events):
    assert events("The rebels received weapons from the government.") == []
    assert events("Peru insisted the vote was fair.") == []


def test_evidence_sentence_has_no_paragraph_break(events):
    text = "Chile expelled two Peruvian diplomats.\n\nRain fell."
    (e,) = events(text)
    assert e.evidence.sentence == "Chile expelled two Peruvian diplomats." == text[e.evidence.start:e.evidence.end]
