"""Cells that hold several keys, separated by ';': bibliography keys in a ``source`` field, or the
ids an ``x-id-lists`` field names. Both the loader and the bibliography read them."""

from __future__ import annotations

import pandas as pd

LIST_SEPARATOR = ";"


def split_keys(cell) -> list[str]:
    """The keys in a ';'-separated cell, without blanks: ``"A; B"`` gives ``["A", "B"]``."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)) or cell is pd.NA:
        return []
    return [key.strip() for key in str(cell).split(LIST_SEPARATOR) if key.strip()]
