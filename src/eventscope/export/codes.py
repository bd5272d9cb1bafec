"""Code tables the exports need (data/codes/, see its README): country crosswalks, CAMEO quad classes,
Goldstein scores and actor-code blocks for GDELT, and the PLOVER -> ACLED rules, cues, actor types and regions.

Every table is read once per process (`functools.cache`); the exporters hold no domain lists of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..tables import read_data_table

# GDELT groups CAMEO roots into quad classes: 01-05 verbal cooperation, 06-09 material cooperation,
# 10-14 verbal conflict, 15-20 material conflict (GDELT 2.0 event codebook, QuadClass).
_QUAD_BOUNDS = ((5, 1), (9, 2), (14, 3), (20, 4))


@dataclass(frozen=True)
class Country:
    """One line of data/codes/countries.tsv."""

    iso3: str
    fips: str
    iso2: str
    isonumeric: int | None
    name: str


@dataclass(frozen=True)
class AcledRule:
    """One line of data/codes/acled_types.tsv: a pattern over the event and the ACLED category it gives."""

    plover_type: str
    mode: str
    cue: str
    inter1: frozenset[str]
    inter2: frozenset[str]
    event_type: str
    sub_event_type: str

    @property
    def coded(self) -> bool:
        """False for the catch-all of events ACLED does not record (statements, meetings)."""
        return self.event_type != "-"

    def matches(self, type_: str, mode: str | None, cues: frozenset[str], inter1: str, inter2: str) -> bool:
        """True when every pattern column is `*` or holds the event's value."""
        return ((self.plover_type in ("*", type_)) and (self.mode in ("*", mode or ""))
                and (self.cue == "*" or self.cue in cues)
                and (not self.inter1 or inter1 in self.inter1) and (not self.inter2 or inter2 in self.inter2))


def _rows(name: str) -> list[list[str]]:
    return [row.cols for row in read_data_table("codes", name, strip=False)]


@cache
def load_countries() -> dict[str, Country]:
    """ISO3 -> Country from the shipped crosswalk."""
    return {r[0]: Country(r[0], r[1], r[2], int(r[3]) if r[3] else None, r[4]) for r in _rows("countries.tsv")}


@cache
def fips_territories() -> dict[tuple[str, str], str]:
    """(ISO3, GeoNames admin1 code) -> FIPS country code, for regions FIPS counts as countries (Gaza, West Bank)."""
    return {(r[0], r[1]): r[2] for r in _rows("fips_territories.tsv")}


@cache
def admin1_codes() -> dict[tuple[str, str], str]:
    """(ISO2, admin-1 name) -> its GeoNames admin1 code, where that is the FIPS 10-4 code (most countries; the
    US state abbreviations GDELT uses too); admin1_not_fips.tsv lists the countries where it is not."""
    not_fips = {r[0] for r in _rows("admin1_not_fips.tsv")}
    found: dict[tuple[str, str], str] = {}
    for cols in (row.cols for row in read_data_table("gazetteer", "admin1.tsv", strip=False)):
        if len(cols) < 3 or len(cols[1]) != 2 or cols[0] in not_fips:
            continue
        found.setdefault((cols[0], cols[2]), cols[1])
    return found


@cache
def cameo_countries() -> dict[str, str]:
    """ISO3 -> CAMEO country code where the two differ (ROU -> ROM)."""
    return {r[0]: r[1] for r in _rows("cameo_countries.tsv")}


@cache
def cameo_blocks() -> dict[str, str]:
    """3-letter CAMEO actor-code block -> its class: type, religion, ethnic or region."""
    return {r[0]: r[1] for r in _rows("cameo_actor_codes.tsv")}


def quad_class(cameo: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO code, from its 2-digit root; None for no or a malformed code."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return next((quad for top, quad in _QUAD_BOUNDS if 1 <= root <= top), None)


@cache
def goldstein_scale() -> dict[str, float]:
    """CAMEO event code -> Goldstein score, GDELT's own lookup (CAMEO.goldsteinscale.txt)."""
    return {r[0]: float(r[1]) for r in _rows("CAMEO.goldsteinscale.txt") if r[0].isdigit()}


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein score of a code, else of its nearest listed parent (0214 -> 021 -> 02)."""
    table = goldstein_scale()
    code = cameo or ""
    while len(code) >= 2:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


@cache
def load_acled_rules() -> tuple[AcledRule, ...]:
    """The PLOVER -> ACLED rules in file order (the first match wins)."""
    def inters(col: str) -> frozenset[str]:
        return frozenset() if col == "*" else frozenset(col.split("|"))

    return tuple(AcledRule(r[0], r[1], r[2], inters(r[3]), inters(r[4]), r[5], r[6]) for r in _rows("acled_types.tsv"))


@cache
def acled_categories() -> dict[tuple[str, str], str]:
    """(event_type, sub_event_type) -> disorder_type for ACLED's 25 sub-event types."""
    return {(r[0], r[1]): r[2] for r in _rows("acled_categories.tsv")}


@cache
def acled_cues() -> dict[str, re.Pattern[str]]:
    """Cue set -> one case-insensitive whole-word pattern over its phrases."""
    return {r[0]: re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in r[1].split("|"))
                             + r")\b", re.IGNORECASE) for r in _rows("acled_cues.tsv")}


@cache
def acled_inter() -> tuple[dict[str, str], dict[str, str]]:
    """(word -> inter code, sector -> inter code) for ACLED's actor types."""
    rows = _rows("acled_inter.tsv")
    return ({r[1].lower(): r[2] for r in rows if r[0] == "word"}, {r[1]: r[2] for r in rows if r[0] == "sector"})


@cache
def acled_regions() -> dict[str, str]:
    """ISO3 -> ACLED region name."""
    return {iso3: r[0] for r in _rows("acled_regions.tsv") for iso3 in r[1].split()}
