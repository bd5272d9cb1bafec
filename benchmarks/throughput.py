"""Throughput and memory of eventscope against the bare spaCy parse it is built on.

Builds a corpus of N articles (a mix of short, medium and long ones, made by
recombining and varying the sentences of samples/*.txt), then in one run:

0. a warm-up of both paths on a few articles (model, gazetteer and store first-use
   costs are one-off, not throughput);
1. raw spaCy: `nlp.pipe` over the texts, same model and batch size;
2. eventscope's full ingest (read, parse, every stage, DuckDB) with 1 worker,
   timing each stage and the store writes; prints `ratio <full/raw>` (wall
   clock) and the CPU seconds of both (the parse runs in a thread beside the
   stages and the store writes in a third, so the ingest uses part of the
   second core: the cpu ratio is the cost, the wall ratio the speed). Steps 1 and 2 alternate
   over `--rounds` parts of the corpus (the ingest goes on into one store), so
   a machine whose speed drifts over minutes slows both alike;
3. the same ingest with 2 workers (speed-up 1 -> 2 workers);
4. the re-ingest of the unchanged folder (speed-up over the first ingest);
5. a memory check in a fresh process: M short documents streamed from a
   generator, peak RSS against the RSS after the first 1,000.

Usage: .venv/bin/python benchmarks/throughput.py [--docs 2000] [--memory-docs 50000]
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from eventscope import Article, Pipeline, load_config
from eventscope.records import Analysis
from eventscope.pipeline import settle_heap
from eventscope.runner import ingest_items, read
from eventscope.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LENGTHS = ((0.3, 120), (0.5, 460), (0.2, 1100))  # share of the corpus, words per article
STORE = "store writes (+ dedup)"
WARM_UP = 32  # articles each path sees before the timed runs
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def sample_sentences() -> list[str]:
    """Every sentence of the sample articles (their first line is the date)."""
    sentences = []
    for path in sorted(SAMPLES.glob("*.txt")):
        body = path.read_text(encoding="utf-8").partition("\n")[2]
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if s.strip()]
    return sentences


def vary(sentence: str, rng: random.Random) -> str:
    """Another number and another weekday, so variants are not copies."""
    sentence = re.sub(r"\b\d+\b", lambda m: str(rng.randint(2, 400)), sentence)
    return re.sub("|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), sentence)


def make_article(rng: random.Random, pool: list[str], words: int) -> str:
    out, n = [], 0
    while n < words:
        paragraph = " ".join(vary(rng.choice(pool), rng) for _ in range(rng.randint(1, 3)))
        out.append(paragraph)
        n += len(paragraph.split())
    return "\n\n".join(out)


def write_corpus(folder: Path, n: int, seed: int = 7, parts: int = 1) -> int:
    """N seed-format articles in `parts` sub-folders of `folder` (in order); returns the number of words."""
    rng, pool, words = random.Random(seed), sample_sentences(), 0
    shares, sizes = zip(*LENGTHS)
    for i in range(n):
        text = make_article(rng, pool, rng.choices(sizes, shares)[0])
        day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 364))
        part = folder / f"part{i * parts // n}"
        part.mkdir(exist_ok=True)
        (part / f"a{i:06d}.txt").write_text(f"date {day.isoformat()}\n{text}\n", encoding="utf-8")
        words += len(text.split())
    return words


class Timed:
    """A stage wrapper that adds up the time spent in the stage."""

    def __init__(self, stage, totals: dict[str, float]) -> None:
        self.stage, self.name, self.totals = stage, stage.name, totals

    def __call__(self, analysis: Analysis) -> Analysis:
        start = time.perf_counter()
        try:
            return self.stage(analysis)
        finally:
            self.totals[self.name] += time.perf_counter() - start


class TimedStore(Store):
    """A store that adds up the time spent writing batches."""

    def __init__(self, path: Path, totals: dict[str, float]) -> None:
        super().__init__(path)
        self.totals = totals

    def write_many(self, analyses, failures=()) -> int:
        start = time.perf_counter()
        try:
            return super().write_many(analyses, failures)
        finally:
            self.totals[STORE] += time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU time of this process so far, all its threads (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def raw_spacy(pipeline: Pipeline, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds for reading the folder and `nlp.pipe` over its texts, nothing else."""
    start, cpu = time.perf_counter(), cpu_seconds()
    texts = (a.text for a in read([folder], pipeline) if isinstance(a, Article))
    for _ in pipeline.nlp.pipe(texts, batch_size=pipeline.config.batch_size):
        pass
    return time.perf_counter() - start, cpu_seconds() - cpu


def ingest(pipeline: Pipeline, folders: list[Path], db: Path, workers: int,
           totals: dict[str, float]) -> tuple[float, float, int]:
    """Wall and CPU seconds (this process) for a full `ingest` of the folders into `db`; documents stored.

    Doc ids are paths inside the folder named, so a re-ingest names the same folders as the first."""
    start, cpu = time.perf_counter(), cpu_seconds()
    with TimedStore(db, totals) as store:
        report = ingest_items(read(folders, pipeline), store, pipeline, workers=workers)
    return time.perf_counter() - start, cpu_seconds() - cpu, report.documents


def warm_up(pipeline: Pipeline, folder: Path, tmp: Path, n: int = WARM_UP) -> None:
    """Run both paths once on `n` articles of the corpus, outside the timings."""
    sample = tmp / "warm"
    sample.mkdir()
    for path in sorted(folder.rglob("*.txt"))[:n]:
        (sample / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    raw_spacy(pipeline, sample)
    ingest(pipeline, [sample], tmp / "warm.duckdb", 1, defaultdict(float))


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory now (VmRSS) or at its peak (VmHWM), in MB (Linux)."""
    with open("/proc/self/status") as f:
        line = next(line for line in f if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def memory_check(n: int, db: str, queue) -> None:
    """In a fresh process: stream `n` short documents from a generator, report RSS at 1,000 and the peak."""
    pipeline = Pipeline(load_config())
    settle_heap()  # as `eventscope ingest` does once its pipeline is loaded
    pool, rng, seen, samples = sample_sentences(), random.Random(3), [0], {}

    def documents() -> Iterator[Article]:
        for i in range(n):
            yield Article(doc_id=f"m{i}", date=date(2023, 6, 1), text=" ".join(vary(rng.choice(pool), rng)
                                                                                  for _ in range(2)))

    def progress(k: int) -> None:
        seen[0] += k
        if seen[0] >= 1000 and "first" not in samples:
            samples["first"] = rss_mb()
        samples["peak"] = max(samples.get("peak", 0.0), rss_mb())

    with Store(db) as store:
        ingest_items(documents(), store, pipeline, progress=progress)
    queue.put((samples["first"], max(rss_mb("VmHWM"), samples["peak"])))


def wait_for(child, queue) -> tuple[float, float]:
    """The child's result; a clear error (not a hang) when it dies without one."""
    import queue as queues

    while True:
        try:
            return queue.get(timeout=5)
        except queues.Empty:
            if not child.is_alive():
                raise SystemExit(f"memory check process died (exit code {child.exitcode})") from None


def report(label: str, seconds: float, docs: int, words: int) -> None:
    print(f"{label:<30} {docs / seconds:8.2f} docs/s {words / seconds:10,.0f} words/s  ({seconds:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="articles in the corpus [2000]")
    parser.add_argument("--memory-docs", type=int, default=50_000, help="short documents in the memory check [50000]")
    parser.add_argument("--rounds", type=int, default=4, help="parts of the corpus, raw and full runs alternating [4]")
    args = parser.parse_args()
    pipeline = Pipeline(load_config())
    settle_heap()  # as `eventscope ingest` does once its pipeline is loaded
    totals: dict[str, float] = defaultdict(float)
    pipeline.stages = [Timed(s, totals) for s in pipeline.stages]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        words = write_corpus(folder, args.docs, parts=args.rounds)
        print(f"corpus: {args.docs} articles, {words:,} words ({words / args.docs:.0f} per article), "
              f"model {pipeline.config.model}, batch size {pipeline.config.batch_size}")
        warm_up(pipeline, folder, Path(tmp))
        raw = raw_cpu = one = one_cpu = 0.0
        stored, rounds = 0, []
        for part in sorted(p for p in folder.iterdir() if p.is_dir()):
            r, r_cpu = raw_spacy(pipeline, part)
            o, o_cpu, n = ingest(pipeline, [part], Path(tmp) / "one.duckdb", 1, totals)
            raw, raw_cpu, one, one_cpu, stored = raw + r, raw_cpu + r_cpu, one + o, one_cpu + o_cpu, stored + n
            rounds.append(r / o)
        assert stored == args.docs, f"{stored} of {args.docs} stored"
        report("raw spaCy nlp.pipe", raw, args.docs, words)
        report("eventscope ingest, 1 worker", one, args.docs, words)
        print(f"ratio {raw / one:.3f}")
        print(f"ratio per round ({len(rounds)} parts, raw and full alternating): "
              + ", ".join(f"{x:.3f}" for x in rounds))
        print(f"cpu seconds: raw {raw_cpu:.1f}, ingest {one_cpu:.1f} (cpu ratio {raw_cpu / one_cpu:.3f})")
        print("where the time goes (1 worker):")
        stages = {name: seconds for name, seconds in totals.items() if name != STORE}
        print(f"  {'parse + read + hash (rest)':<28} {one - sum(stages.values()):8.2f} s")
        for name, seconds in stages.items():
            print(f"  {name:<28} {seconds:8.2f} s  ({100 * seconds / one:.1f}% of the ingest)")
        print(f"  {STORE:<28} {totals[STORE]:8.2f} s  (in the writer thread, beside the parse)")
        two, _, _ = ingest(pipeline, [folder], Path(tmp) / "two.duckdb", 2, defaultdict(float))
        report("eventscope ingest, 2 workers", two, args.docs, words)
        print(f"speed-up 1 -> 2 workers {one / two:.2f}")
        parts = sorted(p for p in folder.iterdir() if p.is_dir())
        again, _, _ = ingest(pipeline, parts, Path(tmp) / "one.duckdb", 1, defaultdict(float))
        print(f"re-ingest of the unchanged folder {again:.2f} s, speed-up {one / again:.1f}x")
        print(f"peak RSS {rss_mb('VmHWM'):.0f} MB (this process: model, raw run and 1-worker ingest)")
        ctx = multiprocessing.get_context("spawn")
        queue = ctx.Queue()
        child = ctx.Process(target=memory_check, args=(args.memory_docs, str(Path(tmp) / "mem.duckdb"), queue))
        child.start()
        first, peak = wait_for(child, queue)
        print(f"memory check, {args.memory_docs:,} short documents from a generator: RSS after 1,000 {first:.0f} MB, "
              f"peak {peak:.0f} MB, peak/first {peak / first:.2f}")


if __name__ == "__main__":
    main()
