"""The General Assembly agreement measures the UN chapter, the balance page and What happened next read.

The tables themselves are derived by ``scripts/derive_unga.py``; this module holds what both
the derivation and the chapters need to agree on (the contested-vote threshold) and the
pooling the chapters use to turn yearly figures into a period's, or a group of partners' into one.
"""

from __future__ import annotations

import pandas as pd

# A recorded vote is "contested" when fewer than this share of the states voting voted alike.
CONTESTED_SHARE = 0.9


def pair(agreement: pd.DataFrame, partner: str, country: str = "MNG") -> pd.DataFrame:
    """The yearly rows of ``unga_agreement`` for one state and one partner."""
    return agreement[(agreement["country_iso3"] == country) & (agreement["partner_iso3"] == partner)]


def between(rows: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    return rows[(rows["year"] >= first) & (rows["year"] <= last)]


def pooled(rows: pd.DataFrame, column: str = "agreement", count: str = "n_compared") -> float:
    """A period's agreement: each year weighted by the votes it compares, so a year of few votes counts for little."""
    rows = rows.dropna(subset=[column])
    return float((rows[column] * rows[count]).sum() / rows[count].sum())


def yearly_pooled(agreement: pd.DataFrame, partners, country: str = "MNG", column: str = "agreement",
                  count: str = "n_compared") -> pd.Series:
    """A state's yearly agreement with a group of partners, each year's compared votes pooled over the group."""
    rows = agreement[(agreement["country_iso3"] == country) & agreement["partner_iso3"].isin(list(partners))]
    return pd.Series({year: pooled(group, column, count) for year, group in rows.groupby("year")})
