"""relations: the actor relations read from the text (leads, member_of, proxy_of, supports, ...)."""
from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ..records import RELATION_TYPES
from .common import ConfigOpt, DbOpt, reading_store
from .filters import ActorOpt

FORMATS = ("jsonl", "json", "table")


def relations(
    db: DbOpt = None, actor: ActorOpt = None,
    relation: Annotated[str | None, typer.Option("--relation", help=f"One of {', '.join(RELATION_TYPES)}.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "table",
    config: ConfigOpt = None,
) -> None:
    """Query stored actor relations, e.g. everything said about one actor."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if relation and relation not in RELATION_TYPES:
        raise typer.BadParameter(f"{relation!r} is not one of {', '.join(RELATION_TYPES)}", param_hint="--relation")
    with reading_store(config, db) as store:
        records = store.iter_relations(actor=actor, relation=relation)
        if fmt == "json":
            json.dump(list(records), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        elif fmt == "jsonl":
            sys.stdout.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        else:
            for r in records:
                typer.echo(f"{r['subject']['name']} --{r['relation']}--> {r['object']['name']} [{r['modality']}]  "
                           f"{r['doc_id']}: \"{r['evidence']['sentence'][:120]}\"")


def register(app: typer.Typer) -> None:
    """Add the command of this module to the app."""
    app.command("relations")(relations)
