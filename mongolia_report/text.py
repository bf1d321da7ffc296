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


def date_at_precision(day: pd.Timestamp, precision: str, month: str = "%B") -> str:
    """A date showing only what the source gives: '2 September 2024', 'December 2019' or '2004'.

    ``precision`` is a data package's ``date_precision`` (day, month or year); ``month``
    is ``"%b"`` for the short month names charts use.
    """
    if precision == "year":
        return f"{day:%Y}"
    if precision == "month":
        return day.strftime(f"{month} %Y")
    return f"{day.day} " + day.strftime(f"{month} %Y")
