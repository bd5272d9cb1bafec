"""AvgTone for the GDELT export: VADER (vaderSentiment 3.3.2, lexicon shipped in the package, no download)
over the evidence sentences of the event's mentions.

This is not GDELT's tone. GDELT scores whole articles with its own dictionaries; we score the sentences
that report the event. To land on GDELT's scale (-100..+100, the share of positive words minus the share
of negative words, in percent; most values within +-10) we use the same construction with VADER's
proportions: 100 * (pos - neg), averaged over the sentences.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any


@cache
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def avg_tone(sentences: Sequence[str]) -> float | None:
    """Mean of 100 * (positive - negative share) over the sentences, rounded to 2 places; None for none."""
    texts = [s for s in sentences if s and s.strip()]
    if not texts:
        return None
    return round(sum(_sentence_tone(t) for t in texts) / len(texts), 2)


@lru_cache(maxsize=20_000)
def _sentence_tone(text: str) -> float:
    """One sentence's tone (cached: a cluster's sentences recur for each of its mentions)."""
    scores = _analyzer().polarity_scores(text)
    return 100.0 * (scores["pos"] - scores["neg"])
