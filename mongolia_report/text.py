"""Small helpers for numbers and dates that notebooks glue into prose."""

from __future__ import annotations

import pandas as pd


def long_date(day: pd.Timestamp) -> str:
    """'2 September 2024' (no leading zero), the form the report's prose uses."""
    return f"{day.day} {day:%B %Y}"


def join_names(names: list[str]) -> str:
    """'A, B and C'."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
