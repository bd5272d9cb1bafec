"""The demo corpus for interface tests: samples/ through the real pipeline, plus hand-built records.

The hand-built documents (original text) fix what the API, page, exports and
brief must show whatever the NLP stages find in samples/ at the moment.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from eventscope import Actor, Analysis, Article, Attribution, Event, Evidence, Place, Relation, TimeSpan
from eventscope.records import QUAD_CLASS
from eventscope.runner import ingest_items, read
from eventscope.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

NORTH = ("Borduria's army shelled border villages near Kharkiv on Tuesday, the regional governor said. "
         "Officials in Syldavia may send more troops to the frontier next week. "
         "Syldavian police arrested <b>forty</b> protesters in Kyiv on Wednesday.")
SOUTH = ("Mali's government and the United Nations signed an aid agreement in Bamako on Monday. "
         "The agreement was praised by Niger, whose minister leads the regional council.")


def _actor(text: str, doc: str, name: str, country: str, kind: str = "country", sector: str | None = None) -> Actor:
    start = doc.index(text)
    return Actor(text=text, name=name, country=country, kind=kind, sector=sector, start=start, end=start + len(text))


def _event(doc_id: str, n: int, doc: str, trigger: str, type_: str, cameo: str, src: Actor, tgt: Actor | None,
           day: date, place: Place | None, **extra) -> Event:
    t = doc.index(trigger)
    s = doc.rfind(". ", 0, t) + 2 if doc.rfind(". ", 0, t) >= 0 else 0
    e = doc.find(". ", t)
    e = len(doc) if e < 0 else e + 1
    return Event(doc_id=doc_id, event_id=f"{doc_id}:e{n}", type=type_, mode=None, cameo=cameo, source=src,
                 target=tgt, date=TimeSpan(text="", start=day, end=day), location=place,
                 modality=extra.pop("modality", "asserted"), attribution=extra.pop("attribution", None),
                 evidence=Evidence(sentence=doc[s:e], start=s, end=e, trigger=trigger, trigger_start=t,
                                   trigger_end=t + len(trigger)),
                 confidence=extra.pop("confidence", 0.8), quad_class=QUAD_CLASS[type_], sentence_index=n - 1)


def north() -> Analysis:
    """Three events in Ukraine: an assault (reported), a mobilization (speculated), an arrest (coerce)."""
    doc = NORTH
    bor = _actor("Borduria's army", doc, "Borduria", "BDR", sector="MIL")
    vil = _actor("border villages", doc, "villagers", "UKR", kind="group", sector="CVL")
    syl = _actor("Officials in Syldavia", doc, "Syldavia", "SYL", sector="GOV")
    pol = _actor("Syldavian police", doc, "Syldavia police", "SYL", kind="organization", sector="COP")
    pro = _actor("protesters", doc, "protesters", "UKR", kind="group", sector="OPP")
    gov = _actor("the regional governor", doc, "regional governor", "UKR", kind="person", sector="GOV")
    kharkiv = Place(text="Kharkiv", name="Kharkiv", country="UKR", admin1="Kharkiv", lat=49.99, lon=36.23)
    kyiv = Place(text="Kyiv", name="Kyiv", country="UKR", admin1="Kyiv City", lat=50.45, lon=30.52)
    events = (
        _event("north", 1, doc, "shelled", "ASSAULT", "195", bor, vil, date(2023, 3, 14), kharkiv,
               modality="reported", attribution=Attribution(source=gov, cue="said")),
        _event("north", 2, doc, "send more troops", "MOBILIZE", "154", syl, None, date(2023, 3, 20), None,
               modality="speculated"),
        _event("north", 3, doc, "arrested", "COERCE", "173", pol, pro, date(2023, 3, 15), kyiv),
    )
    article = Article(doc_id="north", date=date(2023, 3, 16), text=doc, title="Shelling near Kharkiv",
                      url="https://example.org/north")
    return Analysis(article=article, actors=(bor, vil, syl, pol, pro, gov), events=events)


def south() -> Analysis:
    """An agreement in Mali and praise for it, with a `leads` relation."""
    doc = SOUTH
    mli = _actor("Mali's government", doc, "Mali", "MLI", sector="GOV")
    un = _actor("the United Nations", doc, "United Nations", None, kind="organization", sector="IGO")
    ner = _actor("Niger", doc, "Niger", "NER")
    mini = _actor("minister", doc, "Niger minister", "NER", kind="person", sector="GOV")
    bamako = Place(text="Bamako", name="Bamako", country="MLI", admin1="Bamako", lat=12.65, lon=-8.0)
    events = (
        _event("south", 1, doc, "signed", "AGREE", "057", mli, un, date(2023, 3, 13), bamako),
        _event("south", 2, doc, "praised", "SUPPORT", "051", ner, mli, date(2023, 3, 14), None, confidence=0.6),
    )
    rel = Relation(doc_id="south", subject=mini, relation="leads", object=ner, modality="asserted",
                   evidence=events[1].evidence)
    article = Article(doc_id="south", date=date(2023, 3, 14), text=doc, title="Aid agreement signed in Bamako")
    return Analysis(article=article, actors=(mli, un, ner, mini), events=events, relations=(rel,))


def build(path: Path, pipeline=None) -> Path:
    """A store at `path` with the hand-built documents, and samples/ ingested when a pipeline is given."""
    with Store(path) as store:
        if pipeline is not None:
            ingest_items(read([SAMPLES], pipeline), store, pipeline)
        for analysis in (north(), south()):
            store.write(analysis)
    return path
