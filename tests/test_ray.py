"""The Ray engine: same records, ids, failures, near-duplicates and clusters as local ingest; crashes retried.

Runs a local Ray (2 CPUs, no dashboard); skipped when Ray is not installed.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="Ray is not installed: pip install -e \".[ray]\"")

import pyarrow.dataset as ds  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from eventscope import Analysis, Failure  # noqa: E402
from eventscope.cli import build_app  # noqa: E402
from eventscope.engines import ray_engine  # noqa: E402
from eventscope.engines.ray_engine import RayOptions  # noqa: E402
from eventscope.runner import ingest_items, read  # noqa: E402
from eventscope.store import Store  # noqa: E402

from conftest import SAMPLES  # noqa: E402

FEED = [  # original sentences; the third record has a malformed date
    {"id": "feed-1", "date": "2024-02-03", "text": "Borduria's navy seized a cargo ship off the coast of Syldavia "
                                                   "on Friday, the port authority said."},
    {"id": "feed-2", "date": "2024-02-04", "text": "Ministers of Chile and Peru met in Lima on Saturday to sign "
                                                   "a fisheries agreement."},
    {"id": "feed-3", "date": "04/02/2024", "text": "Farmers blocked roads near Toulouse."},
]


@pytest.fixture(scope="module")
def cluster():
    """A local Ray for this module: 2 CPUs, no dashboard, worker logs kept out of the test output."""
    import ray

    ray_engine.connect(RayOptions(num_cpus=2))
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """samples/, a near-duplicate of one sample, a JSONL feed with one bad record, and an empty file."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    first = sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    (folder / "zz-republished.txt").write_text(first.replace(".", ", officials added.", 1), encoding="utf-8")
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in FEED), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_store(corpus, pipeline, tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("local") / "local.duckdb")
    ingest_items(read([corpus], pipeline), store, pipeline, workers=1)
    yield store
    store.close()


def snapshot(store: Store) -> dict:
    """Everything a user reads back from a store, without the ingest timestamps."""
    docs = store.con.execute("SELECT doc_id, date, title, url, source, origin, text_hash, n_events FROM documents "
                             "ORDER BY doc_id").fetchall()
    errors = [{k: v for k, v in e.items() if k != "logged_at"} for e in store.errors()]
    return {"documents": docs, "events": store.events(), "clusters": list(store.iter_clusters()),
            "near_duplicates": store.near_duplicates(), "errors": errors}


def test_ray_ingest_stores_the_same_records_as_local(cluster, corpus, pipeline, local_store, tmp_path) -> None:
    local = snapshot(local_store)
    with Store(tmp_path / "ray.duckdb") as store:
        report = ray_engine.ingest([corpus], store, pipeline.config, RayOptions())
        remote = snapshot(store)
        again = ray_engine.ingest([corpus], store, pipeline.config, RayOptions())
    assert local["events"] and local["near_duplicates"], "the corpus must exercise events and near-duplicates"
    assert [e["event_id"] for e in remote["events"]] == [e["event_id"] for e in local["events"]]
    for ours, theirs in zip(remote["events"], local["events"]):
        for field in theirs:
            assert ours[field] == theirs[field], (theirs["event_id"], field)
    for part in ("documents", "clusters", "near_duplicates", "errors"):
        assert remote[part] == local[part], part
    assert (report.documents, len(report.failures)) == (len(local["documents"]), 2)
    assert {f.code for f in report.failures} == {"bad_date", "empty"}
    assert (again.documents, again.skipped) == (0, len(local["documents"])), "unchanged documents are skipped"


def test_a_crashed_worker_is_retried_without_losing_or_duplicating(cluster, corpus, pipeline, tmp_path) -> None:
    marker = tmp_path / "crashed"

    class CrashOnce(ray_engine.Analyzer):
        """Kills its worker process on the first batch any actor gets (the marker makes it once)."""

        def __call__(self, batch):
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return ray_engine.Analyzer.__call__(self, batch)
            os._exit(1)

    results = list(ray_engine.results([corpus], pipeline.config, RayOptions(), analyzer=CrashOnce))
    expected = list(pipeline.pipe(read([corpus], pipeline)))
    assert marker.exists(), "a worker died"
    key = lambda r: r.doc_id if isinstance(r, Failure) else r.article.doc_id  # noqa: E731
    assert [key(r) for r in results] == [key(r) for r in expected]
    assert [len(r.events) for r in results if isinstance(r, Analysis)] == \
        [len(r.events) for r in expected if isinstance(r, Analysis)]


def test_cli_writes_parquet_shards_by_date(cluster, corpus, local_store, tmp_path) -> None:
    out = tmp_path / "shards"
    result = CliRunner().invoke(build_app(), ["ingest", str(corpus), "--engine", "ray", "--out", str(out)])
    assert result.exit_code == 1, result.output  # two inputs failed
    assert f"shards: {out}" in result.output
    shards = ds.dataset(out, format="parquet", partitioning="hive").to_table().to_pylist()
    stored = {e["event_id"]: e for e in local_store.events()}
    assert sorted(r["event_id"] for r in shards) == sorted(stored)
    for row in shards:
        assert json.loads(row["record"]) == stored[row["event_id"]]
        doc_date = local_store.con.execute("SELECT date FROM documents WHERE doc_id = ?", [row["doc_id"]]).fetchone()
        assert str(row["date"]) == doc_date[0].isoformat()
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert {e["code"] for e in errors} == {"bad_date", "empty"}
    again = CliRunner().invoke(build_app(), ["ingest", str(corpus), "--engine", "ray", "--out", str(out)])
    assert again.exit_code == 2 and "not empty" in again.output


def test_out_needs_the_ray_engine(tmp_path) -> None:
    result = CliRunner().invoke(build_app(), ["ingest", "x.txt", "--out", str(tmp_path / "o")], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "--address and --out need ray" in result.output
    assert not (tmp_path / "o").exists()
