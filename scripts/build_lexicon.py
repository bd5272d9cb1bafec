#!/usr/bin/env python3
"""Build eventscope's generated trigger rows from the Phoenix/PETRARCH2 CAMEO verb dictionary.

Usage: python scripts/build_lexicon.py [--verbs FILE] [--table FILE] [--out FILE]

Reads `CAMEO.verbpatterns.150430.txt` (MIT, Open Event Data Alliance) and the
CAMEO to PLOVER table (`cameo2plover_2021.txt`, PLOVER manual v0.8) and writes
`src/eventscope/data/lexicon/phoenix.triggers.tsv` in the trigger format of
that folder's README.md. What is converted, and what is left out and why, is set
by `data/lexicon/phoenix.build.toml`; the hand rows of `triggers.tsv` are read
too, so that the output leaves out rows they already decide (they win at load
time anyway). Run it again when a source or the build settings change; the
output is committed.
"""
from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICON_DIR = ROOT / "src" / "eventscope" / "data" / "lexicon"
DEFAULT_VERBS = ROOT.parent / "shared" / "data" / "phoenix" / "CAMEO.verbpatterns.150430.txt"
DEFAULT_TABLE = ROOT.parent / "shared" / "design" / "cameo2plover_2021.txt"
DEFAULT_OUT = LEXICON_DIR / "phoenix.triggers.tsv"
SETTINGS = LEXICON_DIR / "phoenix.build.toml"

# PLOVER manual v0.8 mode lists (see ../shared/design/plover-notes.md section 2): a mode the CAMEO table
# gives that is not listed for its type ("ease", "return", "pro_autocracy") is dropped.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
                         "misinformation", "cyber", "ban"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                          "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                          "unconventional"}),
}
MARKERS = frozenset({"+", "$", "%", "^"})  # target, source, compound actor, skipped noun phrase
CODE_RE = re.compile(r"\[([0-9-]{2,4})(?::[0-9-]{2,4})?\]")
WORD_RE = re.compile(r"^[a-z][a-z'-]*$")


@dataclass(frozen=True)
class Coding:
    """A CAMEO code mapped to PLOVER: `type` None is a blocking row (CAMEO's null code `---`)."""

    type: str | None
    mode: str
    cameo: str


@dataclass(frozen=True)
class Row:
    """One generated trigger row; `where` is the Phoenix line it came from, `verb` its (phrasal) verb."""

    kind: str
    pattern: str
    coding: Coding
    where: int
    bare: bool
    verb: str = ""


@dataclass
class Block:
    """A Phoenix verb block: its code, its verbs (with their own codes) and its patterns."""

    name: str
    code: str
    line: int
    verbs: list[tuple[str, str, int]]  # (lemma words, code or "", line)
    patterns: list[tuple[str, str, int, tuple[str, ...]]]  # (pattern text, code, line, verbs it was found with)


def load_settings(path: Path = SETTINGS) -> dict:
    """The build choices (generic verbs, CAMEO exceptions, limits) of `phoenix.build.toml`."""
    return tomllib.loads(path.read_text("utf-8"))


def read_table(text: str, settings: dict) -> dict[str, Coding]:
    """CAMEO code -> PLOVER coding from `cameo2plover_2021.txt`, with the exceptions of the build settings."""
    out: dict[str, Coding] = {}
    for line in text.splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*)", line)
        if not m:
            continue
        code, typ, mode = m.group(1), m.group(2), m.group(3).strip()
        out[code] = Coding(typ, mode if mode in PLOVER_MODES.get(typ, ()) else "", code)
    for code, typ in settings.get("recode", {}).items():
        mode = out[code].mode if code in out and out[code].type == typ else ""
        out[code] = Coding(typ, mode, code)
    return out


def coding(code: str, table: dict[str, Coding], settings: dict) -> Coding | None:
    """The PLOVER coding of a CAMEO code: the most specific table entry (4, 3 or 2 digits); None when the
    code is no PLOVER event (CAMEO 01 statements) or unknown."""
    if code == "---":
        return Coding(None, "", "")
    if not code.isdigit() or code[:2] in settings.get("dropped_roots", ()):
        return None
    if code[:2] in settings.get("root_types", {}):
        return Coding(settings["root_types"][code[:2]], "", code)
    for n in (len(code), 3, 2):
        hit = table.get(code[:n])
        if hit is not None:
            return Coding(hit.type, hit.mode, code)
    return None


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """`&LABEL` -> its phrases, lower-case, words joined by spaces (`+ARMED_FORCES` -> "armed forces")."""
    sets: dict[str, list[str]] = {}
    label = None
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            label = line.rstrip("_")
            sets[label] = []
        elif line.startswith("+") and label is not None:
            sets[label].append(" ".join(line[1:].replace("_", " ").lower().split()))
    return sets


def read_blocks(lines: list[str]) -> list[Block]:
    """The verb blocks after `####### VERB PATTERNS #######`."""
    blocks: list[Block] = []
    started = False
    for n, raw in enumerate(lines, 1):
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if not started or raw.startswith("#") or not raw.strip():
            continue
        if raw.startswith("---"):
            m = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]", raw)
            if m:
                blocks.append(Block(m.group(1), m.group(2).split(":")[0].strip() or "---", n, [], []))
            continue
        if not blocks:
            continue
        line = _strip_comment(raw)
        codes = CODE_RE.findall(line) or re.findall(r"\[(---)\]", line)
        if line.startswith("-"):
            if codes:
                comment = raw.split("#", 1)[1] if "#" in raw else ""
                found = tuple(w.replace("_", " ").lower() for w in re.findall(r"\b[A-Z][A-Z_-]+\b", comment))
                blocks[-1].patterns.append((CODE_RE.sub("", line[1:]).replace("[---]", ""), codes[-1], n, found))
            continue
        verb = re.sub(r"\[[^\]]*\]", "", line)
        forms = re.search(r"\{([^}]*)\}", verb)
        if forms is not None and not forms.group(1).strip():
            continue  # `{}`: a fixed inflected phrase ("+ATTACKED_AND_STABBED {}"), not a lemma
        words = re.sub(r"\{[^}]*\}", "", verb).strip().lstrip("+").replace("_", " ").lower().split()
        if words and all(WORD_RE.match(w) for w in words):
            blocks[-1].verbs.append((" ".join(words), codes[-1] if codes else "", n))
    return blocks


def pattern_slots(text: str, synsets: dict[str, list[str]], settings: dict) -> list[str] | None:
    """The words after the verb (`*`) as slots of our pattern format, or None when the pattern needs what
    our matcher cannot check: words before the verb, the verb glued into a phrase, too many words, or
    stems and symbols that are no words."""
    tokens = text.replace("_", " ").replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").split()
    if tokens.count("*") != 1:
        return None
    star = tokens.index("*")
    if any(t not in MARKERS for t in tokens[:star]):
        return None  # context before the verb (a subject, an auxiliary, "said"): not checkable
    slots: list[str] = []
    skip = set(settings.get("skip_words", ()))
    for tok in tokens[star + 1:]:
        if tok in MARKERS:
            continue
        if tok.startswith("&"):
            members = synsets.get(tok.rstrip("_"))
            if not members:
                return None
            heads = sorted({m.split()[-1] for m in members if WORD_RE.match(m.split()[-1])})
            slots.append("|".join(heads))
            continue
        word = tok.lower()
        if word in skip:
            continue
        if not WORD_RE.match(word) or "*" in word:
            return None
        slots.append(word)
    if not slots or len(slots) > settings.get("max_slots", 2):
        return None
    return slots


def build_rows(verbs_text: str, table_text: str, settings: dict,
               hand: dict[tuple[str, str], tuple[str | None, str]] | None = None) -> list[Row]:
    """Every generated row, ambiguous and redundant ones removed (see `phoenix.build.toml`).

    `hand` maps (kind, pattern) of the hand rows to (type, mode) (type None: a block); a generated row with
    the same key is left out, and a pattern that codes what its verb's bare row already codes is dropped."""
    hand = hand or {}
    lines = verbs_text.splitlines()
    table = read_table(table_text, settings)
    synsets = read_synsets(lines)
    generic = set(settings.get("generic_verbs", ()))
    candidates: dict[str, list[Row]] = defaultdict(list)
    for block in read_blocks(lines):
        known = [v for v, _, _ in block.verbs]
        for verb, own, n in block.verbs:
            c = coding(own or block.code, table, settings)
            candidates[verb].append(Row("verb", verb, c if c is not None else Coding(None, "", ""), n, True, verb))
        if block.code[:2] in settings.get("dropped_roots", ()):
            continue  # a statement verb's patterns code what it reports: the events stage codes that itself
        for text, code, n, found in block.patterns:
            c = coding(code, table, settings)
            slots = pattern_slots(text, synsets, settings)
            if c is None or slots is None or not known:
                continue
            # a pattern belongs to the verb(s) its comment says it was found with, else the block's first verb
            for verb in [v for v in dict.fromkeys(found) if v in known] or known[:1]:
                candidates[" ".join([verb, *slots])].append(Row("verb", " ".join([verb, *slots]), c, n, False, verb))
    bare: dict[str, Coding] = {}
    rows: list[Row] = []
    for pattern, cands in candidates.items():
        types = {r.coding.type for r in cands}
        if len(types) > 1:
            continue  # the dictionary codes these words two ways (a verb in two blocks): no reliable reading
        first = Counter((r.coding.mode, r.coding.cameo) for r in cands).most_common(1)[0][0]
        row = next(r for r in cands if (r.coding.mode, r.coding.cameo) == first)
        if row.bare:
            if row.coding.type is None or pattern.split()[0] in generic or not _kept(row, settings):
                continue  # a null-coded verb is no trigger; a generic one needs its pattern's context
            bare[pattern] = row.coding
        rows.append(row)
    # verbs the hand rows code (in any pattern): their rows decide them; a phrasal verb ("set up") is
    # another verb than its head ("set free", "set fire" are hand rows)
    hand_words = [pattern.split() for kind, pattern in hand if kind in ("verb", "intent")]
    out = []
    for row in rows:
        key = (row.kind, row.pattern)
        if key in hand or (not row.bare and not _kept(row, settings)):
            continue
        if not row.bare:
            gen = bare.get(row.verb)
            base = hand.get(("verb", row.verb)) or ((gen.type, gen.mode) if gen is not None else (None, ""))
            verb = row.verb.split()
            hand_verb = any(words[:len(verb)] == verb for words in hand_words)
            if row.coding.type is None and (base[0] is None or hand_verb):
                continue  # blocking words of a verb that codes nothing anyway, or that the hand rows code
            if row.coding.type == base[0]:
                continue  # the bare verb already codes this type (a different CAMEO sub-code is no gain)
            if hand_verb and not settings.get("patterns_on_hand_verbs", True):
                continue
        out.append(row)
    return sorted(out, key=lambda r: (r.coding.cameo[:2] or "99", r.pattern))


def _kept(row: Row, settings: dict) -> bool:
    """Whether the row's class (bare verb, pattern or block; CAMEO root) is one the settings convert."""
    if row.coding.type is None:
        return bool(settings.get("blocks", True))
    roots = settings.get("bare_roots" if row.bare else "pattern_roots")
    if roots is not None and row.coding.cameo[:2] not in roots:
        return False
    if row.bare:
        return True
    function = set(settings.get("function_words", ()))
    kind = "particle" if all(set(slot.split("|")) <= function for slot in row.pattern.split()[1:]) else "object"
    return kind in settings.get("pattern_kinds", ("particle", "object"))


def read_hand_rows(path: Path) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(kind, pattern) -> (type, mode) of the hand rows (type None: a blocking row), head alternatives expanded."""
    out: dict[tuple[str, str], tuple[str | None, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        kind, pattern, typ = (f.strip() for f in fields[:3])
        mode = fields[3].strip() if len(fields) > 3 else ""
        slots = pattern.split()
        heads = slots[-1].split("|") if kind == "noun" else slots[0].split("|")
        for head in heads:
            key = " ".join(slots[:-1] + [head]) if kind == "noun" else " ".join([head] + slots[1:])
            out[(kind, key)] = (None if typ == "-" else typ, mode)
    return out


HEADER = """\
# GENERATED by scripts/build_lexicon.py: do not edit; edit triggers.tsv (hand rows win) or phoenix.build.toml.
# Source: CAMEO.verbpatterns.150430.txt, the Phoenix/PETRARCH2 CAMEO verb dictionary
# (openeventdata/petrarch2), The MIT License (MIT), Copyright (c) 2015 Open Event Data Alliance.
# "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
# associated documentation files (the "Software"), to deal in the Software without restriction ...
# The above copyright notice and this permission notice shall be included in all copies or substantial
# portions of the Software." CAMEO codes mapped to PLOVER with CAMEO2PLOVER-2021.txt (openeventdata/PLOVER,
# CC BY-SA 4.0), exceptions in phoenix.build.toml. The last column is the Phoenix line of the row.
# kind	pattern	type	mode	cameo	phoenix_line
"""


def render(rows: list[Row]) -> str:
    """The TSV text of the generated rows."""
    body = [f"{r.kind}\t{r.pattern}\t{r.coding.type or '-'}\t{r.coding.mode}\t{r.coding.cameo}\t{r.where}"
            for r in rows]
    return HEADER + "\n".join(body) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbs", type=Path, default=DEFAULT_VERBS)
    ap.add_argument("--table", type=Path, default=DEFAULT_TABLE)
    ap.add_argument("--hand", type=Path, default=LEXICON_DIR / "triggers.tsv")
    ap.add_argument("--settings", type=Path, default=SETTINGS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args(argv)
    rows = build_rows(a.verbs.read_text("utf-8", errors="replace"), a.table.read_text("utf-8"),
                      load_settings(a.settings), read_hand_rows(a.hand))
    a.out.write_text(render(rows), "utf-8")
    kinds = Counter("bare" if r.bare else ("block" if r.coding.type is None else "pattern") for r in rows)
    print(f"{a.out}: {len(rows)} rows ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
