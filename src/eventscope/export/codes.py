"""Code tables the exports need (data/codes/): ISO3 -> FIPS/numeric/name, PLOVER -> ACLED categories."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Country:
    """One line of data/codes/countries.tsv."""

    iso3: str
    fips: str
    iso2: str
    isonumeric: int | None
    name: str


@dataclass(frozen=True)
class AcledType:
    """One line of data/codes/acled_types.tsv: a PLOVER pattern and the ACLED categories it maps to."""

    plover_type: str
    mode: str
    target_sector: str
    disorder_type: str
    event_type: str
    sub_event_type: str

    def matches(self, type_: str, mode: str | None, target_sector: str | None) -> bool:
        """True when every pattern column is `*` or equals the event's value."""
        return all(p == "*" or p == v for p, v in
                   ((self.plover_type, type_), (self.mode, mode), (self.target_sector, target_sector)))


def _rows(name: str) -> list[list[str]]:
    text = resources.files("eventscope").joinpath("data", "codes", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def load_countries() -> dict[str, Country]:
    """ISO3 -> Country from the shipped crosswalk."""
    return {r[0]: Country(r[0], r[1], r[2], int(r[3]) if r[3] else None, r[4]) for r in _rows("countries.tsv")}


def load_acled_types() -> tuple[AcledType, ...]:
    """The PLOVER -> ACLED rules in file order (the first match wins)."""
    return tuple(AcledType(*r[:6]) for r in _rows("acled_types.tsv"))
