"""The cue lexicon of `data/cues/` (see its README): the words that tell how sure a text is of an event
and whose word it is on. One reader for every stage that needs them (modality, relations, and the events
stage's reporting verbs), loaded once per process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from .errors import ConfigError
from .records import MODALITIES
from .tables import data_file, read_data_table

CUE_CLASSES = ("reported", "believed", "speculated", "intended", "conditional", "negated", "barriers")
SOURCE_ROLES = ("subject", "object", "owner", "unnamed", "-")
BARRIER = "barrier"


@dataclass(frozen=True)
class CueEntry:
    """What a cue does: the modality it gives and where its speaker is (a `SOURCE_ROLES` value)."""

    modality: str
    source: str


@dataclass(frozen=True)
class CueLexicon:
    """All cue words, keyed by (role, word) so lookups are one dict access."""

    entries: dict[tuple[str, str], CueEntry]
    rank: dict[str, int]

    def get(self, role: str, word: str) -> CueEntry | None:
        return self.entries.get((role, word))

    @cached_property
    def starts(self) -> frozenset[tuple[str, str]]:
        """(role, every leading part of a cue): a word that begins no cue of the role is no phrase start."""
        return frozenset((role, cue[:k]) for role, cue in self.entries for k in range(1, len(cue) + 1))


def read_cue_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated file in data/cues (comments and blank lines skipped)."""
    return [row.cols for row in read_data_table("cues", name, min_cols=3, max_cols=3)]


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """Read every cue class file and the precedence order (once: the tables are data, not state)."""
    entries: dict[tuple[str, str], CueEntry] = {}
    for cls in CUE_CLASSES:
        modality = BARRIER if cls == "barriers" else cls
        for cue, role, source in read_cue_table(f"{cls}.tsv"):
            if source not in SOURCE_ROLES:
                raise ConfigError(f"unknown source role {source!r} for {cue!r}", where=f"data/cues/{cls}.tsv")
            entries.setdefault((role, cue), CueEntry(modality, source))
    order = data_file("cues", "precedence.txt").read_text("utf-8")
    ranked = [w.strip() for w in order.splitlines() if w.strip() and not w.startswith("#")]
    if sorted(ranked) != sorted(MODALITIES):
        raise ConfigError(f"precedence must list each of {MODALITIES} once", where="data/cues/precedence.txt")
    return CueLexicon(entries, {m: i for i, m in enumerate(ranked)})


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Verbs that report their subject's words ("say", "tell", "claim": the `governor` rows of
    `reported.tsv` whose speaker is the subject)."""
    return frozenset(cue for (role, cue), e in load_cues().entries.items()
                     if role == "governor" and e.modality == "reported" and e.source == "subject")
