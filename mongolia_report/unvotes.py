"""The General Assembly agreement measures the UN chapter, the balance page and What happened next read.

The tables themselves are derived by ``scripts/derive_unga.py``; this module holds what both
the derivation and the chapters need to agree on (the contested-vote threshold, the resampled
interval) and the pooling the chapters use to turn yearly figures into a period's, or a group of
partners' into one.

Every agreement figure is kept as counts: of the votes two states both cast, how many were the
same (score 1), how many had one state abstain (score 0.5) and how many were yes against no
(score 0). A period's index is pooled from those counts, never from rounded yearly means, and
its uncertainty comes from resampling the votes behind it (a multinomial bootstrap: each year's
votes are drawn again, with replacement, in the proportions observed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# A recorded vote is "contested" when fewer than this share of the states voting voted alike.
CONTESTED_SHARE = 0.9
DRAWS = 2000  # resamples behind every interval; with a fixed seed the intervals are reproducible
LEVEL = 0.95
SEED = 20261207

COUNTS = ("n_same", "n_partial", "n_opposite")
CONTESTED_COUNTS = ("n_contested_same", "n_contested_partial", "n_contested_opposite")  # the same, on contested votes


def pair(agreement: pd.DataFrame, partner: str, country: str = "MNG") -> pd.DataFrame:
    """The yearly rows of ``unga_agreement`` for one state and one partner."""
    return agreement[(agreement["country_iso3"] == country) & (agreement["partner_iso3"] == partner)]


def between(rows: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    return rows[(rows["year"] >= first) & (rows["year"] <= last)]


def index_of(same, partial, total) -> float:
    """The agreement index from counts: identical votes score 1, one abstention 0.5, yes against no 0."""
    return float((same + partial / 2) / total) if total else float("nan")


def pooled(rows: pd.DataFrame, counts: tuple[str, str, str] = COUNTS) -> float:
    """A period's (or a group's) agreement, pooled from the vote counts of its rows, so each year
    counts by the votes it compares and no rounding enters."""
    same, partial, opposite = (rows[c].sum() for c in counts)
    return index_of(same, partial, same + partial + opposite)


def _index(table: np.ndarray) -> float:
    same, partial, opposite = table.sum(axis=0)
    return index_of(same, partial, same + partial + opposite)


def _counts(rows, counts: tuple[str, str, str]) -> np.ndarray:
    """Rows of (same, partial, opposite) counts, from a table's columns or an array as they are."""
    table = rows[list(counts)].to_numpy() if isinstance(rows, pd.DataFrame) else rows
    return np.asarray(table, dtype=np.int64).reshape(-1, 3)


def resampled(rows, counts: tuple[str, str, str] = COUNTS, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """``draws`` bootstrap values of the pooled index: each row's votes (a year's) redrawn with
    replacement in its observed proportions, then pooled as :func:`pooled` pools them. ``rows`` is a
    table with the ``counts`` columns or an array of (same, partial, opposite) rows."""
    table = _counts(rows, counts)
    table = table[table.sum(axis=1) > 0]
    if not len(table):
        return np.full(draws, np.nan)
    rng = np.random.default_rng(seed)
    same = np.zeros(draws)
    partial = np.zeros(draws)
    for row in table:
        n = int(row.sum())
        drawn = rng.multinomial(n, row / n, size=draws)
        same += drawn[:, 0]
        partial += drawn[:, 1]
    return (same + partial / 2) / table.sum()


def interval(rows, counts: tuple[str, str, str] = COUNTS, level: float = LEVEL,
             seed: int = SEED) -> tuple[float, float]:
    """The pooled index's resampled interval (95% by default), as (low, high)."""
    values = resampled(rows, counts, seed=seed)
    tail = (1 - level) / 2 * 100
    return float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail))


def difference(later, earlier, counts: tuple[str, str, str] = COUNTS,
               level: float = LEVEL) -> tuple[float, float, float]:
    """The change in the pooled index from ``earlier`` to ``later``, with its resampled interval:
    (change, low, high). The change exceeds chance when the interval excludes zero."""
    change = _index(_counts(later, counts)) - _index(_counts(earlier, counts))
    draws = resampled(later, counts, seed=SEED) - resampled(earlier, counts, seed=SEED + 1)
    tail = (1 - level) / 2 * 100
    return change, float(np.percentile(draws, tail)), float(np.percentile(draws, 100 - tail))


def exceeds_chance(later, earlier, counts: tuple[str, str, str] = COUNTS) -> bool:
    _, low, high = difference(later, earlier, counts)
    return low > 0 or high < 0


def yearly_pooled(agreement: pd.DataFrame, partners, country: str = "MNG",
                  counts: tuple[str, str, str] = COUNTS) -> pd.Series:
    """A state's yearly agreement with a group of partners, each year's compared votes pooled over the group."""
    rows = agreement[(agreement["country_iso3"] == country) & agreement["partner_iso3"].isin(list(partners))]
    return pd.Series({year: pooled(group, counts) for year, group in rows.groupby("year")})


def majority_share(majority: pd.DataFrame, state: str, first: int, last: int) -> float:
    """A state's share of votes cast with the Assembly's majority over a period (``unga_majority``), in per cent,
    pooled from the counts."""
    rows = majority[(majority["iso3"] == state) & majority["year"].between(first, last)]
    return float(rows["with_majority"].sum() / rows["n_voted"].sum() * 100)
