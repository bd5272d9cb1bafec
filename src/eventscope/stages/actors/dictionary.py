"""The actor dictionary: names and aliases of countries, organizations, groups and people, and agent words.

Everything is read from the documented TSV files in `eventscope/data/actors/`
(see its README) plus any user files, once, into dict lookups keyed by a
normalized word string, so the stage matches phrases without scanning the
dictionary.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ...errors import ConfigError
from ...tables import table_rows

# Load order = priority order: generated Phoenix data first, curated files after (later wins).
ACTOR_FILES: tuple[str, ...] = (
    "countries.actors.tsv", "people.actors.tsv", "organizations.actors.tsv", "groups.actors.tsv",
    "demonyms.actors.tsv", "metonyms.actors.tsv", "well_known.actors.tsv",
)
AGENT_FILES: tuple[str, ...] = ("agents.tsv", "agents_extra.tsv")
_WORD = re.compile(r"[a-z0-9]+")
_ROLE = re.compile(r"^([A-Z\-]{3})([A-Z]{3})?[A-Z]*(?::(\d{8})?-(\d{8})?)?$")


def normalize(text: str) -> str:
    """Lower-case ASCII words joined by spaces: 'Türkiye' -> 'turkiye', 'U.S.' -> 'u s'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(text.lower()))


def key_of(text: str) -> str:
    """The lookup key of a dictionary phrase: normalized, without a leading 'the'."""
    key = normalize(text)
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


@dataclass(frozen=True)
class Role:
    """A dated role (`IRNGOV:20050803-20130803`): country, sector and validity as YYYYMMDD strings."""

    country: str | None
    sector: str | None
    start: str = ""
    end: str = ""

    def valid_at(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """One dictionary actor: canonical name, kind, default country/sector, id, aliases and dated roles."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    id: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    places: tuple[str, ...] = ()  # places inside a country that resolve to it but are not its names

    def at(self, day: str) -> tuple[str | None, str | None]:
        """Country and sector on `day` (YYYYMMDD): a role valid then, else the defaults."""
        valid = [r for r in self.roles if r.valid_at(day)]
        if valid:
            best = next((r for r in valid if r.sector not in (None, "ELI")), valid[0])
            return best.country or self.country, best.sector or self.sector
        return self.country, self.sector


@dataclass(frozen=True)
class ActorDictionary:
    """Phrase lookups for named actors and agent words, with the prefix sets the matcher walks."""

    actors: dict[str, tuple[Entry, ...]]
    agents: dict[str, str]
    prefixes: frozenset[str]
    max_words: int
    governments: dict[str, Entry] = field(default_factory=dict)  # ISO3 -> the country's government entry
    countries: dict[str, Entry] = field(default_factory=dict)  # ISO3 -> the country's own entry

    def government(self, country: str) -> Entry | None:
        """The entry for a country's government ("Kenya government", also "Nairobi"), None if none."""
        return self.governments.get(country)

    def country(self, code: str) -> Entry | None:
        """The entry for a country itself ("Kenya", not its government), None if none."""
        return self.countries.get(code)

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Entries for a normalized key, highest priority first (empty if unknown)."""
        return self.actors.get(key, ())

    def agent_sector(self, key: str) -> str | None:
        """The sector of an agent phrase ('officials' -> GOV), None if it is not one."""
        return self.agents.get(key)


def _parse_role(text: str) -> Role | None:
    m = _ROLE.match(text.strip())
    if not m:
        return None
    first, sector, start, end = m.groups()
    country = None if first == "---" else first
    return Role(country, sector, start or "", end or "")


def _read_rows(text: str, where: str, min_cols: int) -> list[list[str]]:
    return [row.cols for row in table_rows(text, where, min_cols=min_cols, strip=False)]


def _entry(cols: list[str]) -> Entry:
    cols = cols + [""] * (8 - len(cols))
    roles = tuple(r for r in (_parse_role(x) for x in cols[6].split("|") if x) if r is not None)
    aliases = tuple(a for a in cols[5].split("|") if a)
    places = tuple(a for a in cols[7].split("|") if a)
    return Entry(cols[0], cols[1] or "organization", cols[2] or None, cols[3] or None, cols[4] or None, aliases, roles,
                 places)


def _texts(extra_files: tuple[str, ...]) -> list[tuple[str, str]]:
    base = resources.files("eventscope").joinpath("data", "actors")
    texts = [(name, base.joinpath(name).read_text("utf-8")) for name in ACTOR_FILES]
    for path in extra_files:
        try:
            texts.append((str(path), Path(path).read_text("utf-8")))
        except OSError as exc:
            raise ConfigError(f"cannot read actor file: {exc.strerror}", where=str(path)) from None
    return texts


def load_actor_dictionary(extra_files: tuple[str, ...] = ()) -> ActorDictionary:
    """Read the shipped actor and agent files, then the user's `extra_files` (same format; they win)."""
    actors: dict[str, list[Entry]] = {}
    for where, text in _texts(extra_files):
        for cols in _read_rows(text, where, 3):
            entry = _entry(cols)
            for key in dict.fromkeys(key_of(p) for p in (entry.name, *entry.aliases, *entry.places)):
                if key:
                    actors.setdefault(key, []).insert(0, entry)
    base = resources.files("eventscope").joinpath("data", "actors")
    agents: dict[str, str] = {}
    for name in AGENT_FILES:
        for sector, forms, *_ in _read_rows(base.joinpath(name).read_text("utf-8"), name, 2):
            agents.update((normalize(f), sector) for f in forms.split("|") if normalize(f))
    governments = {e.country: e for entries in actors.values() for e in entries
                   if e.kind == "country" and e.sector == "GOV" and e.country}
    countries = {e.country: e for entries in actors.values() for e in entries
                 if e.kind == "country" and e.sector is None and e.country and e.id == e.country}
    prefixes: set[str] = set()
    max_words = 1
    for key in (*actors, *agents):
        prefixes.add(key)
        while " " in key:
            key = key.rsplit(" ", 1)[0]
            prefixes.add(key)
            max_words = max(max_words, key.count(" ") + 2)
    return ActorDictionary(
        actors={k: tuple(v) for k, v in actors.items()}, agents=agents, prefixes=frozenset(prefixes), max_words=max_words,
        governments=governments, countries=countries,
    )
