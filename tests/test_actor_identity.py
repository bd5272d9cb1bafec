"""Actor identity: one entity under several names is one actor in the records and in the store; objects
are not actors. Sentences written for these tests."""
from __future__ import annotations

import pytest

from eventscope import extract
from eventscope.store.store import actor_key
from handparse import actor_of


def test_bare_agent_after_a_qualified_one_is_the_same_actor(analyze) -> None:
    a = analyze("Kenyan police arrested forty protesters in Nairobi on Monday. "
                "Police said the protesters had blocked the road.")
    first, later = actor_of(a, "police"), actor_of(a, "Police")
    assert (later.name, later.country, later.sector) == (first.name, first.country, first.sector) == \
        ("Kenyan police", "KEN", "COP")
    assert actor_key(first) == actor_key(later)


def test_a_country_keeps_no_sector_of_its_government(analyze) -> None:
    a = analyze("Nairobi thanked Kenyan police on Monday. Kenya said the meeting was useful.")
    assert actor_of(a, "Kenya").sector is None and actor_of(a, "Nairobi").sector == "GOV"


def test_surname_and_pronoun_share_the_full_names_country(analyze) -> None:
    a = analyze("Prime Minister Hemi Walker of New Zealand arrived on Monday. Walker said he would visit Fiji.")
    assert {(actor_of(a, w).name, actor_of(a, w).country) for w in ("Walker", "he")} == {("Hemi Walker", "NZL")}
    assert actor_key(actor_of(a, "Walker")) == actor_key(actor_of(a, "he")) == actor_key(actor_of(a, "Walker", 1))


# A titled person, as the actor of one word of the name: the fields it must have.
@pytest.mark.parametrize(("text", "word", "fields"), [
    pytest.param("Opposition leader Rosa Delgado criticised the vote.", "Delgado", {"kind": "person", "sector": "OPP"},
                 id="titled person tagged as organization is a person"),
    pytest.param("Unification Minister Park Jae-hoon offered to resign on Wednesday.", "hoon", {"name": "Park Jae-hoon"},
                 id="hyphenated given name is one name"),
])
def test_a_titled_person_is_one_person(analyze, text, word, fields) -> None:
    actor = actor_of(analyze(text), word)
    assert {field: getattr(actor, field) for field in fields} == fields


def test_one_actor_per_entity_in_the_events() -> None:
    events = extract("Kenyan police arrested forty protesters on Monday. Police later fired tear gas at "
                     "the protesters in the capital.", date="2024-03-04")
    sources = {(e.source.name, e.source.country) for e in events if e.source is not None and "olice" in e.source.text}
    assert sources == {("Kenyan police", "KEN")}


def test_objects_are_not_actors(analyze) -> None:
    a = analyze("Police used water cannon and live ammunition against the crowd and seized his laptop.")
    for word in ("cannon", "ammunition", "laptop"):
        assert actor_of(a, word) is None, word


def test_a_countrys_government_under_several_names_is_one_actor(analyze) -> None:
    a = analyze("Colombia's government accused the rebels. Bogota said the government of Colombia would "
                "suspend the talks. The Colombian government agreed.")
    found = {actor_key(actor_of(a, w, n)) for w, n in (("government", 0), ("Bogota", 0), ("government", 1),
                                                  ("government", 2))}
    assert found == {"COL"}
    assert "Colombia's government" in actor_of(a, "government", 0).aliases  # the words as written still match
