"""How old each dataset is: the status page's data freshness table.

Every resource of the data package states three dates:

- ``x-current-to``: the date its rows are current to;
- ``x-newest-available``: the newest period its sources could have covered when they
  were last searched (``2025`` for a yearly statistic published in 2026, a day for
  events);
- ``x-update-checked``: the day newer sources were last searched for.

The table is computed when the site is built, so the age it shows is the age on the
day of the build, not on the day a notebook last ran.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from .data import PACKAGE_FILE, read_package

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def period_end(value: str) -> dt.date | None:
    """The last day of a period written as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None for anything else."""
    value = str(value)
    if not DATE.match(value):
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 if later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def coverage(package_file: Path = PACKAGE_FILE) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The oldest and the newest date a dataset is current to: every dataset reaches at least the
    first, none goes beyond the second."""
    ends = (period_end(r["x-current-to"]) for r in read_package(package_file)["resources"])
    days = [pd.Timestamp(end) for end in ends if end is not None]  # geometry is dated by its release, not a day
    return min(days), max(days)


def coverage_phrase(package_file: Path = PACKAGE_FILE) -> str:
    """The datasets' dates as prose: "between 30 November 2023 and 28 November 2026"."""
    from .text import long_date

    oldest, newest = coverage(package_file)
    return f"between {long_date(oldest)} and {long_date(newest)}"


def freshness_rows(today: dt.date | None = None, package_file: Path = PACKAGE_FILE) -> list[dict]:
    """One row per resource: its name, title, dates and age in months on ``today``.

    ``behind`` is True where the sources could cover a newer period than the data do:
    the dataset is due for an update.
    """
    today = today or dt.date.today()
    rows = []
    for resource in read_package(package_file)["resources"]:
        current = period_end(resource["x-current-to"])
        newest = period_end(resource.get("x-newest-available", ""))
        rows.append(
            {
                "name": resource["name"],
                "title": resource["title"],
                "current_to": str(resource["x-current-to"]),
                "age_months": None if current is None else months_between(current, today),
                "newest_available": str(resource.get("x-newest-available", "")),
                "update_checked": str(resource.get("x-update-checked", "")),
                "behind": bool(current and newest and newest > current),
            }
        )
    return rows
