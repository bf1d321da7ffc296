"""How current the data are: the days the data package says each resource covers, and the as-of rule.

``as_of`` dates a statement by the oldest coverage of the datasets it draws on; ``news_reach``
is the newest day the stored news sources report; ``current_to`` and ``complete_through`` read
a resource's ``x-current-to`` and ``x-complete-through``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .package import period_end, read_package, resource_descriptor
from .page_guard import check_declared, declared_datasets
from .project import PACKAGE_FILE


def news_reach(package_file: Path = PACKAGE_FILE) -> pd.Timestamp:
    """The newest day the stored news sources still report Mongolia's affairs (``x-news-reach``)."""
    return pd.Timestamp(read_package(package_file)["x-news-reach"]["date"])


def current_to(name: str, package_file: Path = PACKAGE_FILE) -> str:
    """The last day a resource's records cover, as stated in the data package (``x-current-to``)."""
    return resource_descriptor(name, package_file)["x-current-to"]


def complete_through(name: str, package_file: Path = PACKAGE_FILE) -> pd.Timestamp | None:
    """The last day up to which a resource's sources were searched with reasonable coverage
    (``x-complete-through``); None for reference data dated by a release, not a day."""
    end = period_end(resource_descriptor(name, package_file)["x-complete-through"])
    return None if end is None else pd.Timestamp(end)


def as_of(*names: str, package_file: Path = PACKAGE_FILE) -> pd.Timestamp:
    """The day a statement drawing on these resources is true as of: the oldest of their coverage dates.

    A statement can be no more current than the least current data behind it: a count of
    visits complete through February is not known to hold in November, however recent the
    other inputs are. Without names, the running page's declared datasets are used. Reference
    data dated by a release (the map outlines) have no day and do not limit the date.
    """
    names = names or declared_datasets(package_file) or ()
    if not names:
        raise ValueError("as_of() needs the datasets a statement draws on (or a page started with use_data())")
    check_declared(names, package_file)
    days = [day for day in (complete_through(name, package_file) for name in names) if day is not None]
    if not days:
        raise ValueError(f"none of {', '.join(names)} is dated by a day, so no statement drawn from them has an as-of date")
    return min(days)
