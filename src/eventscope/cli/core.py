"""extract, ingest, events, errors and demo: the main jobs."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from ..engines import ENGINES, load_ray
from ..errors import EventscopeError
from ..export import RECORD_FORMATS, write_records
from ..records import Failure
from ..runner import ingest_items, read
from ..store import Store
from .common import (ConfigOpt, DateOpt, DbOpt, ModelOpt, count_inputs, fail, load_pipeline, make_config, parse_day,
                     progress_bar, reading_store)
from .filters import (ActorOpt, BboxOpt, CountryOpt, ModalityOpt, SinceOpt, TextOpt, TypeOpt, UntilOpt,
                      build_filter, write_matching)

FormatOpt = Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(RECORD_FORMATS)}.")]
Paths = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")]


def _check_format(fmt: str) -> None:
    if fmt not in RECORD_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(RECORD_FORMATS)}", param_hint="--format")


def extract(paths: Paths, fmt: FormatOpt = "jsonl", date: DateOpt = None, model: ModelOpt = None,
            config: ConfigOpt = None) -> None:
    """Print the events of the inputs without storing them. Exit code 1 if any input failed."""
    _check_format(fmt)
    day = parse_day(date, "--date")
    pipeline = load_pipeline(config, model)
    failed = 0

    def records():
        nonlocal failed
        for result in pipeline.pipe(read(paths, pipeline, day)):
            if isinstance(result, Failure):
                failed += 1
                typer.echo(f"error: {result}", err=True)
                continue
            advance()
            yield from (e.to_dict() for e in result.events)

    with progress_bar("extracting", count_inputs(paths)) as advance:
        write_records(records(), fmt, sys.stdout)
    if failed:
        raise typer.Exit(1)


WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, help="Worker processes (default: pipeline.workers of the config, where 0 means one per core).")]


EngineOpt = Annotated[str, typer.Option("--engine", help="local (this machine) or ray (a Ray cluster, needs the "
                                                          "ray extra; --workers sets its actors).")]
AddressOpt = Annotated[str | None, typer.Option("--address", help="Ray cluster to join, HOST:6379 or auto "
                                                                  "(default: start a local one).")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="With --engine ray: Parquet shards partitioned by "
                                                           "article date in this new folder, instead of the store.")]


def ingest(paths: Paths, db: DbOpt = None, date: DateOpt = None, model: ModelOpt = None,
           config: ConfigOpt = None, workers: WorkersOpt = None, engine: EngineOpt = "local",
           address: AddressOpt = None, out: OutOpt = None) -> None:
    """Store the inputs' events in the DuckDB store; unchanged documents are skipped.

    Documents stream through the parser in worker processes and are written in
    batches; an interrupted ingest can simply be run again.
    """
    day = parse_day(date, "--date")
    if engine not in ENGINES or (engine == "local" and (address or out)):
        raise typer.BadParameter(f"{engine!r}: engines are {', '.join(ENGINES)}; --address and --out need ray",
                                 param_hint="--engine")
    try:
        if engine == "ray":
            settings = make_config(config, model, db)
            with progress_bar("ingesting") as advance:
                report = load_ray().run(paths, settings, address=address, actors=workers, out=out,
                                       default_date=day, progress=advance)
        else:
            settings = make_config(config, model, db)
            with Store(settings.db_path) as store:  # first: a store in use is refused before the model loads
                pipeline = load_pipeline(config, model, db)
                n_workers = workers or pipeline.config.worker_count
                with progress_bar("ingesting", count_inputs(paths)) as advance:
                    report = ingest_items(read(paths, pipeline, day), store, pipeline, progress=advance,
                                          workers=n_workers)
    except EventscopeError as exc:
        raise fail(str(exc)) from None
    for failure in report.failures:
        typer.echo(f"error: {failure}", err=True)
    target = f"shards: {out.resolve()}" if out else f"store: {Path(settings.db_path).resolve()}"
    typer.echo(f"{report.documents} documents stored ({report.events} events), {report.skipped} unchanged skipped, "
               f"{len(report.failures)} failed; {target}", err=True)
    if not report.ok:
        raise typer.Exit(1)


def events(
    db: DbOpt = None, type: TypeOpt = None, actor: ActorOpt = None, country: CountryOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, modality: ModalityOpt = None, text: TextOpt = None,
    bbox: BboxOpt = None, fmt: FormatOpt = "table", config: ConfigOpt = None,
    clusters: Annotated[bool, typer.Option(
        "--clusters", help="One record per event cluster (the same event told by several documents), "
                           "with n_mentions, n_documents and its mentions.")] = False,
) -> None:
    """Query stored events: every mention, or with --clusters each event once."""
    _check_format(fmt)
    flt = build_filter(type, actor, country, since, until, modality, text, bbox)
    with reading_store(config, db) as store:
        write_matching(store.iter_clusters(flt) if clusters else store.iter_events(flt), fmt)


def errors(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List the inputs that failed in earlier ingests."""
    with reading_store(config, db) as store:
        for row in store.errors():
            typer.echo(f"{row['logged_at']:%Y-%m-%d %H:%M:%S}  {row['location']}: {row['message']} [{row['code']}]")


def summary(store: Store, *, evidence_lines: int = 5) -> str:
    """A readable summary of a store: events per type, top actors, a few evidence lines."""
    records = store.events()
    by_type = Counter(r["type"] for r in records)
    actors = Counter(a["name"] for r in records for a in (r.get("source"), r.get("target")) if a)
    lines = [f"{store.count('documents')} documents, {len(records)} events, {store.count('ingest_errors')} errors",
             "", "Events per type:"]
    lines += [f"  {t:<10} {n}" for t, n in by_type.most_common()]
    lines += ["", "Most active actors:"] + [f"  {name:<40} {n}" for name, n in actors.most_common(10)]
    lines += ["", "Evidence:"]
    for r in sorted(records, key=lambda r: -r["confidence"])[:evidence_lines]:
        src, tgt = (r.get("source") or {}).get("name", "?"), (r.get("target") or {}).get("name", "-")
        lines.append(f"  [{r['type']} {r['modality']}] {src} -> {tgt}: \"{r['evidence']['sentence'][:150]}\"")
    return "\n".join(lines)


def demo(
    paths: Annotated[list[str] | None, typer.Argument(help="Inputs (default: the bundled samples/).")] = None,
    db: DbOpt = None, model: ModelOpt = None, config: ConfigOpt = None,
) -> None:
    """Ingest the sample articles into the default store and print a summary."""
    pipeline = load_pipeline(config, model, db)
    inputs = paths or [str(Path(__file__).resolve().parents[3] / "samples")]
    with Store(pipeline.config.db_path) as store:
        with progress_bar("ingesting", count_inputs(inputs)) as advance:
            report = ingest_items(read(inputs, pipeline), store, pipeline, progress=advance)
        typer.echo(summary(store))
    typer.echo(f"\nStore: {Path(pipeline.config.db_path).resolve()} ({report.documents} new documents, "
               f"{report.skipped} unchanged, {len(report.failures)} failed)")


def register(app: typer.Typer) -> None:
    """Add the commands of this module to the app."""
    app.command("extract")(extract)
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("errors")(errors)
    app.command("demo")(demo)
