"""How old each dataset is: the status page's data freshness table.

Every resource of the data package states four dates:

- ``x-complete-through``: the day up to which its sources were searched with reasonable
  coverage; a finding drawn from it holds as of that day at the latest;
- ``x-current-to``: the date of its last record (the last event, or the end of the last period);
- ``x-newest-available``: the newest period its sources could have covered when they
  were last searched (``2025`` for a yearly statistic published in 2026, a day for
  events);
- ``x-update-checked``: the day newer sources were last searched for.

The table is computed when the site is built, so the age it shows is the age on the
day of the build, not on the day a notebook last ran.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from .package import period_end, read_package
from .project import PACKAGE_FILE


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 if later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def coverage(package_file: Path = PACKAGE_FILE) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The oldest and the newest day a dataset is complete through: every dataset reaches at least the
    first, none goes beyond the second."""
    ends = (period_end(r["x-complete-through"]) for r in read_package(package_file)["resources"])
    days = [pd.Timestamp(end) for end in ends if end is not None]  # geometry is dated by its release, not a day
    return min(days), max(days)


def coverage_phrase(package_file: Path = PACKAGE_FILE) -> str:
    """The datasets' dates as prose: "between 30 November 2023 and 28 November 2026"."""
    from .text import long_date

    oldest, newest = coverage(package_file)
    return f"between {long_date(oldest)} and {long_date(newest)}"


def freshness_rows(today: dt.date | None = None, package_file: Path = PACKAGE_FILE) -> list[dict]:
    """One row per resource: its name, title, dates, the pages that use it and its age in months on ``today``
    (counted from the day it is complete through).

    ``behind`` is True where the sources could cover a newer period than the dataset is
    complete through: the dataset is due for an update.
    """
    from .pages import pages_using

    today = today or dt.date.today()
    rows = []
    for resource in read_package(package_file)["resources"]:
        complete = period_end(resource.get("x-complete-through", ""))
        newest = period_end(resource.get("x-newest-available", ""))
        rows.append(
            {
                "name": resource["name"],
                "title": resource["title"],
                "complete_through": str(resource.get("x-complete-through", "")),
                "current_to": str(resource["x-current-to"]),
                "age_months": None if complete is None else months_between(complete, today),
                "used_by": pages_using(resource["name"]),
                "newest_available": str(resource.get("x-newest-available", "")),
                "update_checked": str(resource.get("x-update-checked", "")),
                "behind": bool(complete and newest and newest > complete),
            }
        )
    return rows


# How far each kind of data reaches, for the landing page's first lines: (what, datasets, how the date is said).
# A kind reaches as far as the oldest of its datasets is complete through.
REACH_KINDS = (
    ("trade statistics", ("mongolia_trade_monthly",), "%B %Y"),
    ("trade by partner", ("mongolia_exports", "mongolia_imports"), "%Y"),
    ("UN votes", ("unga_agreement", "unga_mongolia_votes"), "day"),
    ("the Court's records", ("icc_states", "icc_noncompliance"), "day"),
)


def reach_by_kind(package_file: Path = PACKAGE_FILE) -> list[tuple[str, str]]:
    """[("news", "19 March 2026"), ("trade statistics", "July 2026"), ...]: how far each kind of data reaches."""
    from .text import long_date

    package = read_package(package_file)
    complete = {r["name"]: pd.Timestamp(period_end(r["x-complete-through"])) for r in package["resources"]}
    out = [("news", long_date(pd.Timestamp(package["x-news-reach"]["date"])))]
    for kind, names, how in REACH_KINDS:
        day = min(complete[name] for name in names)
        out.append((kind, long_date(day) if how == "day" else day.strftime(how)))
    return out


def announced_after_reach(package_file: Path = PACKAGE_FILE) -> list[str]:
    """The events announced for after the news reach (announced_events), as prose:
    'the UN desertification convention's ... (17–28 August 2026)'."""
    from .data import load
    from .text import date_at_precision, long_date

    reach = pd.Timestamp(read_package(package_file)["x-news-reach"]["date"])
    events = load("announced_events", package_file).sort_values("expected_start", kind="stable")
    out = []
    for e in events.itertuples():
        # A date given as a year or a month is due until that period ends.
        last = {"year": pd.offsets.YearEnd(0), "month": pd.offsets.MonthEnd(0)}.get(e.date_precision)
        end = e.expected_end if pd.notna(e.expected_end) else (e.expected_start + last if last else e.expected_start)
        if end <= reach:
            continue  # due before the news stop: the news would say whether it happened
        when = date_at_precision(e.expected_start, e.date_precision)
        if e.date_precision == "day" and pd.notna(e.expected_end) and end != e.expected_start:
            same_month = (end.year, end.month) == (e.expected_start.year, e.expected_start.month)
            when = f"{e.expected_start.day}–{long_date(end)}" if same_month else f"{when} to {long_date(end)}"
        out.append((end, f"{e.event[0].lower()}{e.event[1:]} ({when})"))
    return [text for _, text in sorted(out, key=lambda item: item[0])]
