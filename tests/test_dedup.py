"""Near-duplicate documents and cross-document event clusters, on hand-made analyses (no model needed)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventscope import Actor, Analysis, Article, Event, Evidence, Place, TimeSpan
from eventscope.store.dedup import Signer, places_compatible
from eventscope.store import EventFilter, Store

STORY = ("Artillery units of the northern army shelled the border town of Velmora before dawn on Tuesday, "
         "local officials said, adding that at least four houses were destroyed and a school was damaged. "
         "The regional governor called the attack a deliberate provocation and asked the capital for air defence "
         "systems. Residents described hours of explosions and said many families had fled toward the river "
         "valley. The defence ministry of the neighbouring state denied that its troops had fired any shells and "
         "accused rebels of staging the incident to derail the ceasefire talks planned for next month in Geneva.")
REWRITES = (
    "Shells fired by northern army artillery hit Velmora, a town on the border, early on Tuesday, officials said.",
    "The town of Velmora came under artillery fire from the northern army on Tuesday morning, residents reported.",
    "Northern forces may have bombarded Velmora on Tuesday, according to unconfirmed reports from the area.",
)
NORTH = Actor(text="the northern army", name="Northland", country="NTH", sector="MIL", kind="country")
SOUTH = Actor(text="Velmora", name="Southland", country="STH", kind="country")
VELMORA = Place(text="Velmora", name="Velmora", country="STH", precision="city")
TUESDAY = date(2024, 5, 14)


def analysis(doc_id: str, text: str, *, day: date = TUESDAY, published: date = TUESDAY, modality: str = "asserted",
             place: Place | None = VELMORA, kind: str = "ASSAULT", confidence: float = 0.8) -> Analysis:
    """One document with one event: `kind` by NORTH on SOUTH on `day`, read from the first sentence."""
    end = text.find(".") + 1
    event = Event(doc_id=doc_id, event_id=f"{doc_id}:e1", type=kind, mode=None, cameo=None, source=NORTH,
                  target=SOUTH, date=TimeSpan(text="on Tuesday", start=day, end=day), location=place,
                  modality=modality, attribution=None,  # type: ignore[arg-type]
                  evidence=Evidence(sentence=text[:end], start=0, end=end, trigger="shelled"), confidence=confidence)
    return Analysis(article=Article(doc_id=doc_id, date=published, text=text), events=(event,))


def edited(text: str) -> str:
    """The same wire story with the small edits a republisher makes."""
    return ("UPDATED. " + text.replace("at least four", "four").replace("many families", "dozens of families")
            + " (Reporting by staff.)")


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "d.duckdb") as s:
        yield s


def test_same_event_from_three_rewritten_articles_is_one_cluster(store: Store) -> None:
    store.write_many([analysis(f"r{i}", text, modality=m)
                      for i, (text, m) in enumerate(zip(REWRITES, ("reported", "asserted", "speculated")))])
    [cluster] = list(store.iter_clusters())
    assert (cluster["n_mentions"], cluster["n_documents"]) == (3, 3)
    assert sorted(m["doc_id"] for m in cluster["mentions"]) == ["r0", "r1", "r2"]
    assert cluster["modality"] == "asserted" and cluster["doc_id"] == "r1"  # the best evidence represents it
    assert {m["modality"] for m in cluster["mentions"]} == {"reported", "asserted", "speculated"}
    assert len(store.events()) == 3  # mentions are still there, one per document
    assert store.near_duplicates() == []  # rewritten, not republished


def test_mentions_keep_their_evidence(store: Store) -> None:
    store.write(analysis("r0", REWRITES[0]))
    [mention] = next(store.iter_clusters())["mentions"]
    assert mention["evidence"]["sentence"] == REWRITES[0] and mention["evidence"]["start"] == 0
    assert mention["event_id"] == "r0:e1" and mention["attribution"] is None


def test_same_actors_on_different_days_stay_two(store: Store) -> None:
    store.write_many([analysis("a", REWRITES[0]), analysis("b", REWRITES[1], day=TUESDAY + timedelta(days=3))])
    clusters = list(store.iter_clusters())
    assert [c["n_mentions"] for c in clusters] == [1, 1]
    assert [c["date"]["start"] for c in clusters] == ["2024-05-14", "2024-05-17"]


@pytest.mark.parametrize("other", [
    {"kind": "THREATEN"},
    {"place": Place(text="Ostrava", name="Ostrava", country="STH", precision="city")},
    {"place": Place(text="Northland", name="Northland", country="NTH", precision="country")},
])
def test_different_type_or_place_stays_apart(store: Store, other: dict) -> None:
    store.write_many([analysis("a", REWRITES[0]), analysis("b", REWRITES[1], **other)])
    assert store.count("event_clusters") == 2


def test_an_interval_overlapping_the_day_and_an_unknown_place_merge(store: Store) -> None:
    week = analysis("w", REWRITES[1], place=None)
    span = TimeSpan(text="last week", start=TUESDAY - timedelta(days=2), end=TUESDAY + timedelta(days=4),
                    precision="week")
    store.write_many([analysis("a", REWRITES[0]), week.with_(events=(replace(week.events[0], date=span),))])
    assert [c["n_mentions"] for c in store.iter_clusters()] == [2]


def test_republished_story_is_linked_and_counted_once(store: Store) -> None:
    store.write(analysis("wire", STORY))
    # republished the next day: "on Tuesday" now resolved against another date gives another day
    store.write(analysis("copy", edited(STORY), day=TUESDAY + timedelta(days=7), published=TUESDAY + timedelta(days=1)))
    [link] = store.near_duplicates()
    assert (link["doc_id"], link["original_id"]) == ("copy", "wire") and link["similarity"] >= 0.7
    [cluster] = list(store.iter_clusters())
    assert (cluster["n_mentions"], cluster["n_documents"], cluster["n_stories"]) == (2, 2, 1)
    copy = next(m for m in cluster["mentions"] if m["doc_id"] == "copy")
    assert copy["near_duplicate_of"] == "wire"


def test_near_duplicates_are_found_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "runs.duckdb"
    with Store(path) as first:
        first.write(analysis("wire", STORY))
    with Store(path) as second:
        second.write_many([analysis("copy", edited(STORY)), analysis("other", REWRITES[2], kind="PROTEST")])
        assert [(d["doc_id"], d["original_id"]) for d in second.near_duplicates()] == [("copy", "wire")]


def test_rewriting_a_document_moves_its_mention(store: Store) -> None:
    store.write_many([analysis("a", REWRITES[0]), analysis("b", REWRITES[1])])
    store.write(analysis("b", REWRITES[1] + " Updated.", day=TUESDAY + timedelta(days=9)))
    assert sorted(c["n_mentions"] for c in store.iter_clusters()) == [1, 1]
    store.write(analysis("a", REWRITES[0] + " Updated.", kind="PROTEST"))
    store.write(analysis("b", REWRITES[1] + " Again.", kind="PROTEST"))
    assert [c["n_mentions"] for c in store.iter_clusters()] == [2]  # the emptied clusters are gone
    assert store.count("cluster_members") == 2 and store.count("doc_signatures") == 2


def test_cluster_filters(store: Store) -> None:
    store.write_many([analysis("r0", REWRITES[0], modality="speculated"), analysis("r1", REWRITES[1]),
                      analysis("p", REWRITES[2], kind="PROTEST", day=TUESDAY + timedelta(days=20))])
    assert [c["type"] for c in store.iter_clusters(EventFilter(type="protest"))] == ["PROTEST"]
    assert [c["n_mentions"] for c in store.iter_clusters(EventFilter(doc_id="r0"))] == [2]
    assert list(store.iter_clusters(EventFilter(modality="speculated"))) == []  # the cluster is asserted
    assert [c["type"] for c in store.iter_clusters(EventFilter(limit=1, offset=1))] == ["PROTEST"]


def test_signer_tells_near_duplicates_from_rewrites() -> None:
    signer = Signer()
    original = signer.signature(STORY)
    assert signer.similarity(original, signer.signature(edited(STORY))) >= 0.7
    assert signer.similarity(original, signer.signature(REWRITES[0])) < 0.2
    assert set(signer.band_keys(original)) & set(signer.band_keys(signer.signature(edited(STORY))))


def test_place_compatibility() -> None:
    city, country = ("Velmora", "STH", "city"), (None, "STH", "country")
    assert places_compatible(city, country) and places_compatible(None, city)
    assert not places_compatible(city, ("Ostrava", "STH", "city"))


def test_a_store_from_before_dedup_reparses_its_documents(tmp_path: Path) -> None:
    import duckdb

    from eventscope.store import text_hash
    from eventscope.store.schema import MIGRATIONS

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.execute("INSERT INTO documents VALUES ('old', '2024-01-01', NULL, NULL, NULL, NULL, 'Old text.', ?, 0, now())",
                [text_hash("Old text.")])
    con.close()
    with Store(path) as store:
        assert store.stored_hashes(["old"]) != {"old": text_hash("Old text.")}  # so ingest parses it again
