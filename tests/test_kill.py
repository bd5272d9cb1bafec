"""SIGKILL a real `eventscope ingest` mid-run, run it again: nothing duplicated, half-written or lost."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventscope.runner import ingest_items, read
from eventscope.store.dedup import BANDS
from eventscope.store import Store
from eventscope.store.store import DEDUP_TABLES, DOC_TABLES

from conftest import SAMPLES

pytestmark = pytest.mark.slow
N_DOCS = 360


def write_corpus(folder: Path) -> None:
    """Variants of the samples: sentences rotated, plus a line naming the copy (some are near-duplicates)."""
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(N_DOCS):
        head, _, body = samples[i % len(samples)].read_text(encoding="utf-8").partition("\n")
        sentences = [s for s in body.replace("\n", " ").split(". ") if s.strip()]
        k = (i // len(samples)) % len(sentences)
        text = ". ".join(sentences[k:] + sentences[:k]).strip()
        (folder / f"doc{i:04d}.txt").write_text(f"{head}\n{text}\nDesk note {i}.\n", encoding="utf-8")


def wait_for(condition, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"ingest ended early: {proc.stderr.read() if proc.stderr else ''}"
        assert time.monotonic() < deadline, "timed out waiting for the ingest"
        time.sleep(0.05)


def kill_mid_ingest(corpus: Path, db: Path) -> None:
    """Start `eventscope ingest`, SIGKILL it just after its first batch was committed."""
    Store(db).close()  # created and migrated here, so the write-ahead log appears with the first batch
    wal = Path(f"{db}.wal")
    assert not wal.exists()
    cmd = [sys.executable, "-c", "from eventscope.cli import main; main()", "ingest", str(corpus), "--db", str(db),
           "--workers", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(wal.exists, proc)
        time.sleep(0.3)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL


def snapshot(store: Store) -> dict:
    """What a run leaves behind: counts of every table, the documents and the cluster memberships."""
    return {
        "counts": {t: store.count(t) for t in (*DOC_TABLES, *DEDUP_TABLES, "actors")},
        "docs": store.con.execute("SELECT doc_id, text_hash FROM documents ORDER BY doc_id").fetchall(),
        "clusters": store.con.execute("SELECT cluster_id, list(event_id ORDER BY event_id) FROM cluster_members "
                                      "GROUP BY cluster_id ORDER BY cluster_id").fetchall(),
        "links": store.near_duplicates(),
    }


def assert_whole(store: Store) -> None:
    """Every stored document has all its events, its signature and all its LSH bands."""
    broken = store.con.execute(
        "SELECT d.doc_id FROM documents d LEFT JOIN (SELECT doc_id, count(*) n FROM events GROUP BY doc_id) e "
        "USING (doc_id) LEFT JOIN (SELECT doc_id, count(*) b FROM doc_bands GROUP BY doc_id) s USING (doc_id) "
        "WHERE coalesce(e.n, 0) <> d.n_events OR coalesce(s.b, 0) <> ?", [BANDS]).fetchall()
    assert broken == []


def test_kill_then_rerun_equals_a_clean_run(tmp_path: Path, pipeline) -> None:
    corpus, killed_db = tmp_path / "corpus", tmp_path / "killed.duckdb"
    write_corpus(corpus)
    kill_mid_ingest(corpus, killed_db)
    with Store(killed_db) as store:
        stored = store.count("documents")
        assert 0 < stored < N_DOCS, f"the kill did not land mid-ingest ({stored} of {N_DOCS} stored)"
        assert_whole(store)
        again = ingest_items(read([corpus], pipeline), store, pipeline)
        assert (again.skipped, again.documents, again.failures) == (stored, N_DOCS - stored, [])
        assert_whole(store)
        after_rerun = snapshot(store)
    with Store(tmp_path / "clean.duckdb") as clean:
        ingest_items(read([corpus], pipeline), clean, pipeline)
        assert after_rerun == snapshot(clean)
    assert after_rerun["counts"]["documents"] == N_DOCS and after_rerun["links"]


# -- issue 15: a second writer, orphaned workers ---------------------------------------------------------------
HOLD_STORE = ("import sys, time\nfrom eventscope.store import Store\nstore = Store(sys.argv[1])\n"
              "print('open', flush=True)\ntime.sleep(120)\n")


def test_a_second_ingest_on_a_store_in_use_is_refused_clearly_and_changes_nothing(tmp_path: Path) -> None:
    db, doc = tmp_path / "busy.duckdb", tmp_path / "doc.txt"
    doc.write_text("date 2022-03-01\nPolice arrested two protesters in Hamburg on Friday.", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_STORE, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        second = subprocess.run([sys.executable, "-c", "from eventscope.cli import main; main()", "ingest", str(doc),
                                 "--db", str(db), "--workers", "1"], capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode != 0
    assert "store is in use by another process" in second.stderr and f"PID {holder.pid}" in second.stderr
    assert "Traceback" not in second.stderr
    with Store(db) as store:  # the holder's store is intact and the refused ingest wrote nothing
        assert store.count("documents") == 0 and store.count("ingest_errors") == 0


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    cmd = [sys.executable, "-c", "from eventscope.cli import main; main()", "ingest", str(corpus),
           "--db", str(tmp_path / "k.duckdb"), "--workers", "2"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(children_of(proc.pid)) < 2:  # the two workers (and the resource tracker) are started
            assert proc.poll() is None and time.monotonic() < deadline, "the ingest started no workers"
            time.sleep(0.1)
        time.sleep(1.0)  # the workers' start-up has run
        workers = children_of(proc.pid)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"orphaned processes outlived their killed parent: {left}"
